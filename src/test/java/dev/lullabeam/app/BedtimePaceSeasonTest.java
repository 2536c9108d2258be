package dev.lullabeam.app;

import static dev.lullabeam.app.SeasonCommandTest.lullabeam;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Narration pace end to end: the same short story at 120 words per minute (the catalogue's
 * {@code wpm}) and at 160 (the season's {@code --wordsPerMinute}) in one season, the achieved rate
 * measured on the written episode JSON (words ÷ time from the first word to the last, from the
 * sentence timings in the MP3).
 */
class BedtimePaceSeasonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Three paragraphs: the pauses after the first two are paragraph pauses. */
  static final String STORY =
      "The little fox curled up in her den. Outside, the snow was falling softly on the trees."
          + "\n\nHer mother hummed an old song about the moon. The fox listened and closed her eyes."
          + "\n\nThe wind whispered goodnight. The stars kept watch over the sleeping forest.";

  @TempDir static Path work;
  static Path catalogue;

  @BeforeAll
  static void writeCatalogue() throws IOException {
    catalogue = work.resolve("pace.csv");
    Files.writeString(
        catalogue,
        "id,topic,title,story,wpm\n"
            + "slow-fox,night-forest,The Fox,\"" + STORY + "\",120\n"
            + "fox,night-forest,The Fox,\"" + STORY + "\",\n",
        StandardCharsets.UTF_8);
  }


  /** Words per minute from the JSON's own sentence timings. */
  private static double measured(JsonNode episode) {
    JsonNode sentences = episode.path("sentences");
    long first = sentences.get(0).path("start_ms").asLong();
    long last = sentences.get(sentences.size() - 1).path("end_ms").asLong();
    int words = 0;
    for (JsonNode s : sentences) {
      words += s.path("text").asText().split("\\s+").length;
    }
    return words * 60_000.0 / (last - first);
  }

  private static long pauseAfter(JsonNode sentences, int i) {
    return sentences.get(i + 1).path("start_ms").asLong() - sentences.get(i).path("end_ms").asLong();
  }

  @Test
  void achievesEachTargetWithinTenPercent() throws IOException {
    Path output = work.resolve("out");
    SeasonCommandTest.Run run =
        lullabeam(
            "season", "--catalogue", catalogue.toString(), "--output", output.toString(),
            "--backgrounds", "backgrounds/backgrounds.csv", "--progressSeconds=0",
            "--wordsPerMinute=160");
    assertThat(run.err, run.exit, is(0));
    JsonNode slow = JSON.readTree(output.resolve("episodes/slow-fox.json").toFile());
    JsonNode fast = JSON.readTree(output.resolve("episodes/fox.json").toFile());

    assertThat(measured(slow), closeTo(120, 12));
    assertThat(measured(fast), closeTo(160, 16));
    assertThat(slow.path("words_per_minute").path("target").asDouble(), is(120.0));
    assertThat(slow.path("words_per_minute").path("achieved").asDouble(), closeTo(measured(slow), 0.1));
    assertThat(fast.path("words_per_minute").path("achieved").asDouble(), closeTo(measured(fast), 0.1));
    // The slower season is longer, by about the ratio of the paces.
    assertThat(
        slow.path("duration_s").asDouble() - fast.path("duration_s").asDouble(), greaterThan(2.0));

    JsonNode sentences = slow.path("sentences");
    // Sentences 0-1 | 2-3 | 4-5: after 1 and 3 a paragraph pause, after 0 and 2 a sentence pause.
    assertThat(pauseAfter(sentences, 1), greaterThan(pauseAfter(sentences, 0) * 2));
    assertThat(pauseAfter(sentences, 3), greaterThan(pauseAfter(sentences, 2) * 2));
    // The last paragraph is slower: its pause is longer than the first paragraph's.
    assertThat(pauseAfter(sentences, 4), greaterThan(pauseAfter(sentences, 0)));
  }
}
