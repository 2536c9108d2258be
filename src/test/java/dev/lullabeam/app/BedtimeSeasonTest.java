package dev.lullabeam.app;

import static dev.lullabeam.app.SeasonCommandTest.lullabeam;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.lessThan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.lib.audio.Ffmpeg;
import dev.lullabeam.lib.audio.Levels;
import dev.lullabeam.lib.audio.Pcm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bedtime craft end to end, in one season (seasons are slow to start): the same short story at 120
 * words per minute (the catalogue's {@code wpm}) and at 160 (the season's {@code
 * --wordsPerMinute}), the achieved rate measured on the written episode JSON (words ÷ time from
 * the first word to the last, from the sentence timings in the MP3); both end with a short
 * wind-down ({@code --windDownMinutes=0.2}, 12 s), measured on the MP3. The story's 45 words fit
 * the first row's 0.4 minutes at 120 words per minute, not the season's 2 minutes at 160.
 */
class BedtimeSeasonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Three paragraphs: the pauses after the first two are paragraph pauses. */
  static final String STORY =
      "The little fox curled up in her den. Outside, the snow was falling softly on the trees."
          + "\n\nHer mother hummed an old song about the moon. The fox listened and closed her eyes."
          + "\n\nThe wind whispered goodnight. The stars kept watch over the sleeping forest.";

  @TempDir static Path work;
  static Path catalogue;
  static Path output;
  static SeasonCommandTest.Run run;

  @BeforeAll
  static void writeCatalogue() throws IOException {
    catalogue = work.resolve("pace.csv");
    Files.writeString(
        catalogue,
        "id,topic,title,story,wpm,minutes\n"
            + "slow-fox,night-forest,The Fox,\"" + STORY + "\",120,0.4\n"
            + "fox,night-forest,The Fox,\"" + STORY + "\",,\n",
        StandardCharsets.UTF_8);
    output = work.resolve("out");
    run =
        lullabeam(
            "season", "--catalogue", catalogue.toString(), "--output", output.toString(),
            "--backgrounds", "backgrounds/backgrounds.csv", "--progressSeconds=0",
            "--wordsPerMinute=160", "--windDownMinutes=0.2", "--targetMinutes=2");
  }

  private static JsonNode episode(String id) throws IOException {
    assertThat(run.err, run.exit, is(0));
    return JSON.readTree(output.resolve("episodes/" + id + ".json").toFile());
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
    JsonNode slow = episode("slow-fox");
    JsonNode fast = episode("fox");

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

  @Test
  void windDownKeepsAmbienceAloneAfterTheStoryFadingToSilence() throws IOException {
    JsonNode fox = episode("fox");
    JsonNode sentences = fox.path("sentences");
    double lastWord = sentences.get(sentences.size() - 1).path("end_ms").asLong() / 1000.0;
    assertThat(fox.path("tail_s").asDouble(), is(12.0));
    assertThat(fox.path("wind_down").asBoolean(), is(true));
    assertThat(fox.path("duration_s").asDouble() - lastWord, closeTo(12.0, 0.05));
    assertThat(fox.path("loudness_lufs").asDouble(), closeTo(-16.0, 0.5));
    assertThat(fox.path("narration_loudness_lufs").asDouble(), closeTo(-16.0, 2.0));

    short[] mp3 = decodeMono(output.resolve("episodes/fox.mp3"));
    double end = fox.path("duration_s").asDouble();
    // The first two thirds of the wind-down at the ambience's level, the end faded to silence.
    double ambience = rmsDb(mp3, lastWord + 1, lastWord + 7);
    double narration = rmsDb(mp3, 7, lastWord);
    assertThat(ambience, lessThan(narration - 10));
    assertThat(ambience, greaterThan(narration - 40));
    assertThat(rmsDb(mp3, end - 0.4, end - 0.1), lessThan(ambience - 20));
  }

  private static final int RATE = 48_000;

  private static short[] decodeMono(Path file) throws IOException {
    return Pcm.toShorts(
        Ffmpeg.run(
                List.of("-i", file.toString(), "-ac", "1", "-ar", "48000", "-f", "s16le",
                    "-acodec", "pcm_s16le", "pipe:1"))
            .stdout);
  }

  private static double rmsDb(short[] samples, double fromSeconds, double toSeconds) {
    int from = (int) (fromSeconds * RATE);
    int to = Math.min(samples.length, (int) (toSeconds * RATE));
    double sum = 0;
    for (int i = from; i < to; i++) {
      double v = samples[i] / 32768.0;
      sum += v * v;
    }
    return Levels.toDb(Math.sqrt(sum / Math.max(1, to - from)));
  }

  @Test
  void aWrittenStoryFarFromItsTargetLengthIsAWarning() throws IOException {
    JsonNode slow = episode("slow-fox");
    JsonNode fast = episode("fox");
    assertThat(slow.path("minutes").path("target").asDouble(), is(0.4));
    assertThat(fast.path("minutes").path("target").asDouble(), is(2.0));
    assertThat(fast.path("minutes").path("achieved").asDouble(), closeTo(45 / 160.0, 0.03));

    JsonNode report = JSON.readTree(output.resolve("report.json").toFile());
    for (JsonNode e : report.path("episodes")) {
      String warnings = e.path("warnings").toString();
      if (e.path("id").asText().equals("fox")) {
        assertThat(warnings, containsString("the story has 45 words, about 0.3 minutes at 160 words"
            + " per minute; the target is 2.0 minutes (320 words)"));
      } else {
        assertThat(warnings, not(containsString("the target is")));
      }
    }
  }
}
