package dev.lullabeam.app;

import static dev.lullabeam.app.SeasonCommandTest.lullabeam;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speech store across runs, end to end with the real voice: a rerun after a run that was
 * killed once its sentences were spoken speaks nothing again; a finished season cleans the store
 * of what no episode needs, but keeps what a failed episode will need (and everything with
 * --keepWork).
 */
class SpeechStoreSeasonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  private static String[] season(Path catalogue, Path output, String... more) {
    return seasonWith("backgrounds/backgrounds.csv", catalogue, output, more);
  }

  private static String[] seasonWith(
      Object backgrounds, Path catalogue, Path output, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "season", "--catalogue=" + catalogue, "--output=" + output,
                "--backgrounds=" + backgrounds, "--progressSeconds=0"));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  private static List<Path> storedSentences(Path workDir) throws IOException {
    if (!Files.exists(workDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(workDir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private static Map<String, Double> audioSecondsById(JsonNode report) {
    Map<String, Double> seconds = new HashMap<>();
    report.path("episodes").forEach(e -> seconds.put(e.path("id").asText(), e.path("audio_seconds").asDouble()));
    return seconds;
  }

  @Test
  void aRerunAfterAKilledRunSpeaksNothingAgainAndTheFinishedSeasonCleansTheStore()
      throws IOException {
    Path catalogue = work.resolve("season.csv");
    Files.writeString(
        catalogue,
        "id,topic,story\n"
            + "moon-boat,ocean,\"A little boat sailed under the moon. It rocked gently.\"\n"
            + "owl,night-forest,\"The owl blinked twice. The forest slept.\"\n");
    Path output = work.resolve("out");
    Path store = output.resolve(".work");

    var first = lullabeam(season(catalogue, output, "--keepWork"));
    assertThat(first.err, first.exit, is(0));
    JsonNode firstReport = JSON.readTree(output.resolve("report.json").toFile());
    assertThat(firstReport.path("totals").path("sentences_spoken").asInt(), is(4));
    assertThat(firstReport.path("totals").path("sentences_reused").asInt(), is(0));
    assertThat(storedSentences(store), hasSize(4));

    // What a run killed after speaking leaves: the store, but no finished episode and no report.
    try (Stream<Path> outputs = Files.list(output.resolve("episodes"))) {
      for (Path file : outputs.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(output.resolve("report.json"));

    var rerun = lullabeam(season(catalogue, output));
    assertThat(rerun.err, rerun.exit, is(0));
    JsonNode report = JSON.readTree(output.resolve("report.json").toFile());
    assertThat(report.path("totals").path("ok").asInt(), is(2));
    assertThat(report.path("totals").path("reused").asInt(), is(0));
    assertThat(report.path("totals").path("sentences_spoken").asInt(), is(0));
    assertThat(report.path("totals").path("sentences_reused").asInt(), is(4));
    assertThat(report.path("episodes").get(0).path("sentences_reused").asInt(), is(2));
    assertThat(audioSecondsById(report), is(audioSecondsById(firstReport)));
    // Every episode ended ok: nothing in the store is needed any more.
    assertThat(storedSentences(store), is(empty()));
  }

  @Test
  void aFinishedSeasonKeepsTheSentencesOfEpisodesThatFailedAfterSpeaking() throws IOException {
    Path catalogue = work.resolve("season.csv");
    Files.writeString(
        catalogue,
        "id,topic,story\n"
            + "rainy,rain,\"It rained all night. The frogs sang.\"\n"
            + "unwritable,wind,\"The wind hummed a song.\"\n");
    Path output = work.resolve("out");
    // A folder where the episode's MP3 should go: its writing fails once it is spoken and mixed.
    Files.createDirectories(output.resolve("episodes/unwritable.mp3"));
    Files.writeString(output.resolve("episodes/unwritable.mp3/in-the-way"), "");
    Path store = work.resolve("elsewhere");

    var run = lullabeam(season(catalogue, output, "--workDir=" + store));
    assertThat(run.err, run.exit, is(0));
    JsonNode report = JSON.readTree(output.resolve("report.json").toFile());
    assertThat(
        report.path("episodes").get(1).path("reason").asText(),
        containsString("writing outputs failed"));
    assertThat(report.path("totals").path("ok").asInt(), is(1));

    // The failed episode's one sentence stays for its rerun; the finished episode's two and the
    // failed episode's unwritten MP3 are gone.
    assertThat(storedSentences(store), hasSize(1));
    assertThat(Files.exists(output.resolve(".work")), is(false));
  }
}
