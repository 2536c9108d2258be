package dev.lullabeam.lib.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The season page in a real headless browser: Debian's chromium through its chromedriver
 * (Selenium 4.52; {@code scripts/ensure-browser.sh}, run by {@code mvn test} before the tests,
 * installs them). The page loads from its folder without console errors, every audio element
 * loads its metadata with the duration the episode's JSON gives, and a screenshot is kept in
 * {@code target/season-page.png}. Without a browser this test fails; it never skips.
 */
class SeasonPageBrowserTest {

  static final String CHROMIUM = System.getenv().getOrDefault("LULLABEAM_CHROMIUM", "/usr/bin/chromium");
  static final String CHROMEDRIVER =
      System.getenv().getOrDefault("LULLABEAM_CHROMEDRIVER", "/usr/bin/chromedriver");

  @TempDir Path folder;

  @Test
  void thePageLoadsCleanlyAndEveryPlayerKnowsItsEpisodesDuration() throws Exception {
    assertThat("no browser at " + CHROMIUM + ": run scripts/ensure-browser.sh",
        new File(CHROMIUM).canExecute(), is(true));
    assertThat("no chromedriver at " + CHROMEDRIVER + ": run scripts/ensure-browser.sh",
        new File(CHROMEDRIVER).canExecute(), is(true));
    SeasonFixture.write(folder);
    SeasonPublisher.publish(
        new LocalSeasonFiles(folder), PodcastFeedTest.settings("https://example.org/p/", null),
        LocalDate.of(2026, 11, 30));

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1200,1800", "--mute-audio");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      driver.get(folder.resolve("index.html").toUri().toString());
      JavascriptExecutor js = driver;
      // Wait (up to 20 s on a busy machine) until every player has read its MP3's metadata.
      new WebDriverWait(driver, Duration.ofSeconds(20))
          .until(d -> (Boolean) js.executeScript(
              "return [...document.querySelectorAll('audio')]"
                  + ".every(a => a.readyState >= 1 || a.error);"));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> players =
          (List<Map<String, Object>>) js.executeScript(
              "return [...document.querySelectorAll('audio')].map(a => ({"
                  + "src: a.getAttribute('src'), duration: a.duration, expected: a.dataset.duration,"
                  + "error: a.error ? a.error.code : 0}));");
      assertThat(players, hasSize(2));
      for (Map<String, Object> player : players) {
        assertThat(player.get("src") + " error", ((Number) player.get("error")).intValue(), is(0));
        double expected = Double.parseDouble((String) player.get("expected"));
        // The MP3's duration as the browser reads it against the JSON's duration_s; an MP3
        // frame is 24 ms at 48 kHz, and the encoder's delay is in the LAME header.
        assertThat(player.get("src") + " duration", ((Number) player.get("duration")).doubleValue(),
            closeTo(expected, 0.06));
      }
      Number cover = (Number) js.executeScript("return document.querySelector('header img').naturalWidth;");
      assertThat(cover.intValue(), is(CoverArt.DRAWN_SIZE));
      Number waveforms = (Number) js.executeScript("return document.querySelectorAll('svg.waveform path').length;");
      assertThat(waveforms.intValue(), is(2));
      List<String> severe =
          driver.manage().logs().get(LogType.BROWSER).getAll().stream()
              .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
              .map(LogEntry::toString)
              .toList();
      assertThat(severe, is(empty()));
      Path screenshot = Path.of("target", "season-page.png");
      Files.createDirectories(screenshot.getParent());
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
      assertThat(Files.size(screenshot), greaterThan(10_000L));
    } finally {
      driver.quit();
    }
  }
}
