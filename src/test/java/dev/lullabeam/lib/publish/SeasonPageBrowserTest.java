package dev.lullabeam.lib.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The season page of {@link SeasonFixture} in a real headless browser ({@link PageInBrowser}):
 * no console errors, both players know their episode's duration; the screenshot is kept as
 * {@code target/season-page.png}. {@code PublishCommandTest} does the same for a real season's page.
 */
class SeasonPageBrowserTest {

  @TempDir Path folder;

  @Test
  void thePageLoadsCleanlyAndEveryPlayerKnowsItsEpisodesDuration() throws Exception {
    SeasonFixture.write(folder);
    SeasonPublisher.publish(
        new LocalSeasonFiles(folder), PodcastFeedTest.settings("https://example.org/p/", null),
        LocalDate.of(2026, 11, 30));
    assertThat(
        PageInBrowser.check(folder.resolve("index.html"), Path.of("target", "season-page.png")), is(2));
  }
}
