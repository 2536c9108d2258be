package dev.lullabeam.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.app.Lullabeam;
import dev.lullabeam.lib.lm.checkpoint.CheckpointShape;
import dev.lullabeam.lib.lm.checkpoint.CheckpointWriter;
import dev.lullabeam.lib.lm.TensorDType;
import dev.lullabeam.pipeline.write.QuotaFileSystem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The {@code season} command end to end on the DirectRunner: a small catalogue with good and bad
 * rows, every output checked; a rerun that reuses finished episodes; configuration errors. Every
 * test writes to its own output folder, so they run in any order.
 */
class SeasonCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BACKGROUNDS = "backgrounds/backgrounds.csv";

  /** Lines: 2 ok, 3 bad id, 4 ok (two paragraphs), 5 duplicate id, 6 unknown topic,
   * 7 too few fields, 8 prompt only (no language model), 9 ok with a web link (kept in the transcript as written; the narrator says its host). */
  private static final String CATALOGUE =
      "id,topic,title,story\n"
          + "moon-boat,ocean,The Moon Boat,\"A little boat sailed under the moon. The waves rocked it gently.\"\n"
          + "bad id!,rain,Oops,\"This row has a bad id.\"\n"
          + "sleepy-owl,night-forest,,\"The owl blinked twice. \"\"Goodnight,\"\" said the owl.\n\nThe forest slept.\"\n"
          + "moon-boat,rain,Again,\"The same id again.\"\n"
          + "lost-topic,volcano,Lava,\"Nobody has a volcano background.\"\n"
          + "too-few,rain\n"
          + "prompt-only,rain,Prompted,\n"
          + "rainy-day,rain,Rain Day,\"It rained all day. Visit https://example.com for more. Then the sun came out.\"\n";

  @TempDir static Path work;
  static Path catalogue;
  /** A randomly initialised GPT-Neo: it writes noise, which the quality gate rejects. */
  static Path tinyModel;

  @BeforeAll
  static void writeCatalogue() throws IOException {
    // "prompt-only" has an empty story: give the catalogue a prompt column for it.
    String withPrompt =
        CATALOGUE
            .replace("id,topic,title,story\n", "id,topic,title,story,prompt\n")
            .lines()
            .map(line -> line.startsWith("prompt-only") ? "prompt-only,rain,Prompted,,A story about rain" : line)
            .reduce("", (a, b) -> a + b + "\n");
    catalogue = work.resolve("season.csv");
    Files.writeString(catalogue, fixRows(withPrompt), StandardCharsets.UTF_8);
    tinyModel = work.resolve("tiny-gpt-neo");
    new CheckpointWriter(CheckpointShape.TINY, TensorDType.F32, 1).write(tinyModel);
  }

  /** Rows other than the header and the prompt-only row get an empty prompt field. */
  private static String fixRows(String csv) {
    StringBuilder out = new StringBuilder();
    List<String> records = splitRecords(csv);
    for (String record : records) {
      if (record.startsWith("id,") || record.startsWith("prompt-only") || record.startsWith("too-few")) {
        out.append(record).append('\n');
      } else {
        out.append(record).append(",\n");
      }
    }
    return out.toString();
  }

  /** Splits CSV text into records, keeping newlines that sit inside quotes. */
  private static List<String> splitRecords(String csv) {
    List<String> records = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (char c : csv.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == '\n' && !quoted) {
        records.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0) {
      records.add(current.toString());
    }
    return records;
  }

  static final class Run {
    final int exit;
    final String out;
    final String err;

    Run(int exit, String out, String err) {
      this.exit = exit;
      this.out = out;
      this.err = err;
    }
  }

  static Run lullabeam(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Lullabeam.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void narratesGoodRowsAndReportsEveryOtherRowByLine() throws IOException {
    Path output = work.resolve("out");
    Run run =
        lullabeam(
            "season", "--catalogue", catalogue.toString(), "--output", output.toString(),
            "--backgrounds", BACKGROUNDS, "--season", "Test Season", "--progressSeconds=1",
            "--model", tinyModel.toString(), "--maxAttempts=2");

    assertThat(run.err, run.exit, is(0));
    assertThat(run.out, containsString("episodes 4/4"));
    assertThat(run.out, containsString("8 rows: 3 ok (0 reused), 0 failed, 1 rejected, 4 bad rows"));

    JsonNode report = JSON.readTree(output.resolve("report.json").toFile());
    Map<Long, JsonNode> byLine = new HashMap<>();
    report.path("episodes").forEach(e -> byLine.put(e.path("line").asLong(), e));
    assertThat(byLine.keySet(), hasSize(8));
    assertThat(status(byLine, 2), is("ok"));
    assertThat(status(byLine, 3), is("bad_row"));
    assertThat(byLine.get(3L).path("reason").asText(), containsString("id 'bad id!'"));
    assertThat(status(byLine, 4), is("ok"));
    assertThat(status(byLine, 7), is("bad_row"));
    assertThat(byLine.get(7L).path("reason").asText(), containsString("repeats the row at line 2"));
    assertThat(status(byLine, 8), is("bad_row"));
    assertThat(byLine.get(8L).path("reason").asText(), containsString("no background for topic 'volcano'"));
    assertThat(status(byLine, 9), is("bad_row"));
    assertThat(byLine.get(9L).path("reason").asText(), containsString("expected 5 fields"));
    assertThat(status(byLine, 10), is("rejected"));
    assertThat(byLine.get(10L).path("story_attempts").asInt(), is(2));
    assertThat(
        byLine.get(10L).path("reason").asText(),
        startsWith("every story was rejected (2 attempts): attempt 1: "));
    assertThat(status(byLine, 11), is("ok"));

    JsonNode totals = report.path("totals");
    assertThat(totals.path("rows").asInt(), is(8));
    assertThat(totals.path("ok").asInt(), is(3));
    assertThat(totals.path("failed").asInt(), is(0));
    assertThat(totals.path("rejected").asInt(), is(1));
    assertThat(totals.path("bad_row").asInt(), is(4));
    assertThat(totals.path("audio_seconds").asDouble(), greaterThan(3 * 15.0));
    // One voice load in this JVM, however many threads spoke.
    JsonNode loads = report.path("model_loads_per_jvm").path("voice:cmu-slt-hsmm");
    assertThat(loads.size(), is(1));
    assertThat(loads.elements().next().asInt(), is(1));
    JsonNode modelLoads = report.path("model_loads_per_jvm").path("gpt-neo:" + tinyModel);
    assertThat(modelLoads.size(), is(1));
    assertThat(modelLoads.elements().next().asInt(), is(1));

    for (String id : List.of("moon-boat", "sleepy-owl", "rainy-day")) {
      checkEpisode(output, id);
    }
    JsonNode owl = JSON.readTree(output.resolve("episodes/sleepy-owl.json").toFile());
    assertThat(owl.path("title").asText(), is("Sleepy owl"));
    assertThat(owl.path("sentences").size(), is(3));
    assertThat(owl.path("sentences").get(1).path("text").asText(), is("\"Goodnight,\" said the owl."));
    JsonNode rainy = JSON.readTree(output.resolve("episodes/rainy-day.json").toFile());
    assertThat(rainy.path("sentences").get(1).path("text").asText(), is("Visit https://example.com for more."));
    try (Stream<Path> files = Files.list(output.resolve("episodes"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(names, everyItem(not(startsWith(".partial"))));
      assertThat(names, hasSize(9));
    }
  }

  private static String status(Map<Long, JsonNode> byLine, long line) {
    return byLine.get(line).path("status").asText();
  }

  private static void checkEpisode(Path output, String id) throws IOException {
    Path dir = output.resolve("episodes");
    JsonNode json = JSON.readTree(dir.resolve(id + ".json").toFile());
    assertThat(json.path("id").asText(), is(id));
    assertThat(json.path("loudness_lufs").asDouble(), closeTo(-16.0, 1.0));
    assertThat(json.path("true_peak_dbtp").asDouble(), lessThanOrEqualTo(-1.0));
    assertThat(json.path("sample_rate").asInt(), is(48000));
    assertThat(json.path("story_info").path("quality").has("accepted"), is(true));
    JsonNode sentences = json.path("sentences");
    assertThat(sentences.size(), greaterThan(0));
    long lastEnd = 0;
    for (JsonNode s : sentences) {
      assertThat(s.path("start_ms").asLong(), greaterThan(lastEnd - 1));
      assertThat(s.path("end_ms").asLong(), greaterThan(s.path("start_ms").asLong()));
      lastEnd = s.path("end_ms").asLong();
    }
    assertThat(sentences.get(0).path("start_ms").asLong(), is(7000L));
    double duration = json.path("duration_s").asDouble();
    assertThat(lastEnd / 1000.0 + 8.0, closeTo(duration, 0.05));
    String vtt = Files.readString(dir.resolve(id + ".vtt"));
    assertThat(vtt, startsWith("WEBVTT\n"));
    assertThat(vtt.split("-->").length - 1, is(sentences.size()));
    assertThat(vtt, containsString("00:00:07.000 --> "));
    byte[] mp3 = Files.readAllBytes(dir.resolve(id + ".mp3"));
    assertThat(new String(mp3, 0, 3, StandardCharsets.ISO_8859_1), is("ID3"));
  }

  @Test
  void rerunReusesCompleteEpisodesAndOverwriteMakesThemAgain() throws IOException {
    Path oneStory = work.resolve("one-story.csv");
    Files.writeString(
        oneStory,
        "id,topic,story\nmoon-boat,ocean,\"A little boat sailed under the moon. It rocked gently.\"\n");
    Path output = work.resolve("rerun-out");
    String[] season = {
      "season", "--catalogue", oneStory.toString(), "--output", output.toString(),
      "--backgrounds", BACKGROUNDS, "--progressSeconds=0"
    };
    Run first = lullabeam(season);
    assertThat(first.err, first.exit, is(0));
    Path mp3 = output.resolve("episodes/moon-boat.mp3");
    long firstWrite = Files.getLastModifiedTime(mp3).toMillis();

    Run rerun = lullabeam(season);
    assertThat(rerun.err, rerun.exit, is(0));
    JsonNode totals = JSON.readTree(output.resolve("report.json").toFile()).path("totals");
    assertThat(totals.path("ok").asInt(), is(1));
    assertThat(totals.path("reused").asInt(), is(1));
    assertThat(Files.getLastModifiedTime(mp3).toMillis(), is(firstWrite));

    List<String> overwriteArgs = new ArrayList<>(List.of(season));
    overwriteArgs.add("--overwrite");
    Run overwrite = lullabeam(overwriteArgs.toArray(new String[0]));
    assertThat(overwrite.err, overwrite.exit, is(0));
    totals = JSON.readTree(output.resolve("report.json").toFile()).path("totals");
    assertThat(totals.path("reused").asInt(), is(0));
    assertThat(totals.path("ok").asInt(), is(1));
  }

  @Test
  void aLexiconThatSaysTheStoryDifferentlyMakesTheEpisodeAgainAndOneItDoesNotUseDoesNot()
      throws IOException {
    Path oneStory = work.resolve("named-story.csv");
    Files.writeString(
        oneStory, "id,topic,story\nsiobhan,ocean,\"Siobhan sailed under the moon. She rocked gently.\"\n");
    Path lexicon = work.resolve("names.csv");
    Files.writeString(lexicon, "Siobhan,shiv awn\n");
    Path output = work.resolve("lexicon-out");
    String[] season = {
      "season", "--catalogue", oneStory.toString(), "--output", output.toString(),
      "--backgrounds", BACKGROUNDS, "--progressSeconds=0", "--lexicon", lexicon.toString()
    };
    Run first = lullabeam(season);
    assertThat(first.err, first.exit, is(0));
    JsonNode json = JSON.readTree(output.resolve("episodes/siobhan.json").toFile());
    String firstHash = json.path("lexicon_hash").asText();
    assertThat(firstHash.length(), is(16));
    assertThat(json.path("story").asText(), containsString("Siobhan")); // the transcript's form

    // An entry the story never uses changes nothing: the episode is reused.
    Files.writeString(lexicon, "Siobhan,shiv awn\nNiamh,neeve\n");
    Run unused = lullabeam(season);
    assertThat(unused.err, unused.exit, is(0));
    assertThat(JSON.readTree(output.resolve("report.json").toFile()).path("totals").path("reused").asInt(), is(1));

    // Saying the name differently makes it again, without --overwrite.
    Files.writeString(lexicon, "Siobhan,shuh vawn\nNiamh,neeve\n");
    Run changed = lullabeam(season);
    assertThat(changed.err, changed.exit, is(0));
    JsonNode totals = JSON.readTree(output.resolve("report.json").toFile()).path("totals");
    assertThat(totals.path("reused").asInt(), is(0));
    assertThat(totals.path("ok").asInt(), is(1));
    String secondHash =
        JSON.readTree(output.resolve("episodes/siobhan.json").toFile()).path("lexicon_hash").asText();
    assertThat(secondHash.length(), is(16));
    assertThat(secondHash.equals(firstHash), is(false));
  }

  @Test
  void aFullDiskStillGetsAReportOfEveryRowLeavesNoPartialFilesAndExitsOne() throws Exception {
    Path twoStories = work.resolve("two-stories.csv");
    Files.writeString(
        twoStories,
        "id,topic,story\nmoon-boat,ocean,\"A little boat sailed under the moon.\"\n"
            + "owl,night-forest,\"The owl blinked twice.\"\nbad/id,rain,Hello.\n");
    Path output = work.resolve("disk-full-out");
    // A killed run's half-written MP3 that would take the room the report needs.
    Path episodes = Files.createDirectories(output.resolve("episodes"));
    Files.write(episodes.resolve(".partial-moon-boat.mp3-killed"), new byte[64 * 1024]);
    // Room for the report's placeholder (3 rows) and 2 KB more: no MP3 fits.
    long room = 16 * 1024 + 3 * 2048 + 2048;
    Run run;
    try (AutoCloseable quota = QuotaFileSystem.limit(output, room)) {
      run =
          lullabeam(
              "season", "--catalogue", twoStories.toString(),
              "--output", QuotaFileSystem.uri(output), "--backgrounds", BACKGROUNDS,
              "--progressSeconds=0");
    }

    assertThat(run.out, run.exit, is(1));
    assertThat(
        run.err,
        startsWith("lullabeam season: the output disk is full: 2 episode(s) could not be written"));
    assertThat(run.err.strip().lines().count(), is(1L));
    JsonNode report = JSON.readTree(output.resolve("report.json").toFile());
    assertThat(report.path("totals").path("rows").asInt(), is(3));
    assertThat(report.path("totals").path("failed").asInt(), is(2));
    for (JsonNode row : report.path("episodes")) {
      if (!"bad_row".equals(row.path("status").asText())) {
        assertThat(row.path("reason").asText(), containsString("No space left on device"));
      }
    }
    try (Stream<Path> files = Files.walk(output)) {
      assertThat(
          files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList(),
          contains("report.json"));
    }
  }

  @Test
  void catalogueWithoutGoodRowsStillGetsAReport() throws IOException {
    Path empty = work.resolve("no-good-rows.csv");
    Files.writeString(empty, "\uFEFFid,topic,story\r\nbad/id,rain,Hello there.\r\n");
    Path out = work.resolve("empty-out");
    Run run =
        lullabeam(
            "season", "--catalogue=" + empty, "--output=" + out, "--backgrounds=" + BACKGROUNDS,
            "--progressSeconds=0");
    assertThat(run.err, run.exit, is(0));
    JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
    assertThat(report.path("totals").path("rows").asInt(), is(1));
    assertThat(report.path("episodes").get(0).path("status").asText(), is("bad_row"));
    assertThat(report.path("episodes").get(0).path("line").asInt(), is(2));
  }

  static Stream<Arguments> configurationErrors() {
    return Stream.of(
        Arguments.of(List.of("--catalogue=missing.csv", "--output=OUT"), "catalogue not found"),
        Arguments.of(List.of("--catalogue=CAT", "--output=OUT", "--voice=nobody"), "unknown voice 'nobody'"),
        Arguments.of(List.of("--catalogue=CAT", "--output=OUT", "--colour=blue"), "colour"),
        Arguments.of(List.of("--output=OUT"), "catalogue"),
        Arguments.of(List.of("--catalogue=CAT", "--output=FILE"), "output folder is not writable"),
        Arguments.of(List.of("--catalogue=HEADERLESS", "--output=OUT"), "lacks required column"),
        Arguments.of(List.of("--catalogue=CAT", "--output=OUT", "--backgrounds=none.csv"), "backgrounds file not found"),
        Arguments.of(List.of("--catalogue", "CAT", "--output"), "--output needs a value"),
        Arguments.of(
            List.of("--catalogue=CAT", "--output=OUT", "--model=no/such dir"),
            "is neither an existing directory nor a Hugging Face id"),
        Arguments.of(
            List.of("--catalogue=CAT", "--output=OUT", "--model=MODEL", "--device=tpu"), "tpu"),
        Arguments.of(
            List.of("--catalogue=CAT", "--output=OUT", "--model=MODEL", "--topP=1.5"), "--topP=1.5: must be in (0, 1]"),
        Arguments.of(
            List.of("--catalogue=CAT", "--output=OUT", "--model=MODEL", "--device=gpu:1"),
            "device gpu:1 was requested but PyTorch sees"),
        Arguments.of(
            List.of("--catalogue=CAT", "--output=OUT", "--model=MODEL", "--promptTemplate=none.txt"),
            "prompt template not found"));
  }

  @ParameterizedTest
  @MethodSource("configurationErrors")
  void configurationErrorsExitTwoWithOneLine(List<String> options, String expected)
      throws IOException {
    Path file = work.resolve("a-file");
    Files.writeString(file, "not a folder");
    Path headerless = work.resolve("headerless.csv");
    Files.writeString(headerless, "name,text\nx,y\n");
    List<String> args = new ArrayList<>(List.of("season", "--backgrounds=" + BACKGROUNDS));
    for (String option : options) {
      args.add(
          option
              .replace("HEADERLESS", headerless.toString())
              .replace("MODEL", tinyModel.toString())
              .replace("CAT", catalogue.toString())
              .replace("OUT", work.resolve("never").toString())
              .replace("FILE", file.resolve("sub").toString()));
    }
    if (options.stream().anyMatch(o -> o.startsWith("--backgrounds"))) {
      args.remove(1);
    }
    if (options.stream().noneMatch(o -> o.startsWith("--model"))) {
      // The catalogue has a prompt-only row: never let a test reach for the network.
      args.add("--model=" + tinyModel);
    }
    Run run = lullabeam(args.toArray(new String[0]));
    assertThat(run.exit, is(2));
    assertThat(run.err, allOf(startsWith("lullabeam season: "), containsString(expected)));
    assertThat(run.err.strip().lines().count(), is(1L));
    assertThat(run.out, is(equalTo("")));
    assertThat(Files.exists(work.resolve("never").resolve("report.json")), is(false));
    try (Stream<Path> leftovers = Files.list(work)) {
      assertThat(leftovers.filter(p -> p.toString().contains("never")).toList(), is(empty()));
    }
  }
}
