package dev.lullabeam.app.season;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.lib.backgrounds.Background;
import dev.lullabeam.lib.backgrounds.BackgroundCatalog;
import dev.lullabeam.lib.lm.hub.ModelUnavailableException;
import dev.lullabeam.lib.publish.PublishException;
import dev.lullabeam.lib.text.TextDecoding;
import dev.lullabeam.lib.voices.VoiceSettings;
import dev.lullabeam.lib.voices.Voices;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import dev.lullabeam.pipeline.SeasonOptions;
import dev.lullabeam.lib.lexicon.Lexicon;
import dev.lullabeam.pipeline.SeasonPipeline;
import dev.lullabeam.pipeline.sentences.LexiconFile;
import dev.lullabeam.pipeline.catalogue.CatalogueParser;
import dev.lullabeam.pipeline.metrics.ModelLoadMetrics;
import dev.lullabeam.lib.storage.GcsLocation;
import dev.lullabeam.lib.storage.SeasonStorage;
import dev.lullabeam.lib.storage.StorageUnavailableException;
import dev.lullabeam.pipeline.write.OutputFiles;
import dev.lullabeam.pipeline.write.OutputLocation;
import dev.lullabeam.pipeline.write.SeasonReport;
import dev.lullabeam.pipeline.write.WriteReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.joda.time.Duration;

/**
 * Prepares and runs a season from {@link SeasonOptions}, for every command that runs one
 * ({@code season}, {@code flink}, {@code bench-season}): parse the arguments, check the
 * configuration before any work, build the pipeline, run it with progress, print the summary.
 * Exit statuses: {@link #CONFIGURATION_ERROR} (one line on stderr, nothing done),
 * {@link #PIPELINE_FAILED} (one line on stderr: the pipeline failed, or the season did as a
 * whole, see {@link SeasonFailure}), else {@link #SEASON_RAN} (some rows may have failed: the
 * report says).
 */
public final class SeasonLauncher {

  public static final int SEASON_RAN = 0;
  public static final int PIPELINE_FAILED = 1;
  public static final int CONFIGURATION_ERROR = 2;

  /**
   * Backgrounds are decoded before the run at the rate of the default voice (MaryTTS, 48 kHz), the
   * rate the mix will ask for, so that the check's decoded audio is reused by the mix.
   */
  private static final int MIX_SAMPLE_RATE = 48_000;
  /** Rows that did not end ok are listed on the console up to this many; the report has them all. */
  static final int ROWS_SHOWN = 5;

  /** A season whose configuration was checked and whose pipeline is built, ready to run. */
  public static final class PreparedSeason {
    private final SeasonOptions options;
    private final SeasonRunner runner;
    private final Pipeline pipeline;
    private final List<String> warnings;
    /** Episode id → the catalogue's pub_date, added to the report for publishing. */
    private final Map<String, String> pubDates;

    private PreparedSeason(
        SeasonOptions options, SeasonRunner runner, Pipeline pipeline, List<String> warnings,
        Map<String, String> pubDates) {
      this.options = options;
      this.runner = runner;
      this.pipeline = pipeline;
      this.warnings = List.copyOf(warnings);
      this.pubDates = Map.copyOf(pubDates);
    }

    /** What the checks found worth saying about the whole season (printed, and in the report). */
    public List<String> warnings() {
      return warnings;
    }

    public SeasonOptions options() {
      return options;
    }
  }

  private final String command;
  private final PrintWriter out;
  private final PrintWriter err;

  /** @param command the command's name, which starts every error line */
  public SeasonLauncher(String command, PrintWriter out, PrintWriter err) {
    this.command = command;
    this.out = out;
    this.err = err;
  }

  /** The whole season from its command line; returns the exit status. */
  public int launch(List<String> args) {
    PreparedSeason season;
    try {
      season = prepare(parse(args));
    } catch (ConfigurationException e) {
      return configurationError(e);
    }
    return run(season);
  }

  /** The command line (and its run profile) as options; relative to the working directory. */
  public SeasonOptions parse(List<String> args) throws ConfigurationException {
    return SeasonArguments.parse(args, Path.of(""));
  }

  /** Reports a configuration error in one line; returns {@link #CONFIGURATION_ERROR}. */
  public int configurationError(ConfigurationException e) {
    err.println("lullabeam " + command + ": " + TextDecoding.printable(e.getMessage()));
    err.flush();
    return CONFIGURATION_ERROR;
  }

  /**
   * Adjusts the options to their runner, checks everything that would stop the run (voices,
   * backgrounds, the catalogue's header, story generation with the demo's fallback, a writable
   * output) and builds the pipeline. Only once every check has passed, it removes what killed
   * runs left behind and reserves the report's room ({@link WriteReport#reserve}).
   */
  public PreparedSeason prepare(SeasonOptions options) throws ConfigurationException {
    SeasonRunner runner = SeasonRunner.of(options);
    runner.prepare(options);
    FileSystems.setDefaultPipelineOptions(options);
    if (!Voices.isKnown(options.getVoice())) {
      throw new ConfigurationException(
          "unknown voice '" + options.getVoice() + "' (known: " + String.join(", ", Voices.known()) + ")");
    }
    NumericOptions.check(options, runner);
    SeasonPublishing.settings(options); // a bad --publicUrl or --cover stops the season here
    try {
      LexiconFile.read(options.getLexicon());
    } catch (Lexicon.LexiconException e) {
      throw new ConfigurationException(e.getMessage());
    }
    Map<String, Background> backgrounds;
    List<String> warnings = new ArrayList<>();
    try {
      backgrounds = BackgroundCatalog.read(Path.of(options.getBackgrounds()));
      warnings.addAll(BackgroundCatalog.verify(backgrounds, MIX_SAMPLE_RATE));
    } catch (IOException e) {
      throw new ConfigurationException(e.getMessage());
    }
    CheckedCatalogue catalogue = checkCatalogue(options, runner, backgrounds, warnings);
    OutputLocation output = OutputLocation.of(options);
    checkWritable(output);
    if (GcsLocation.isGcs(options.getWorkDir())) {
      throw new ConfigurationException(
          "--workDir " + options.getWorkDir() + ": the speech store cannot be in a bucket; give"
              + " a local folder (on a cluster, one every worker shares)");
    }
    runner.resolveStoryShards(options);
    Pipeline pipeline = Pipeline.create(options);
    SeasonPipeline.build(pipeline, options, backgrounds, catalogue.storyWriting());
    removeLeftovers(output);
    try {
      WriteReport.reserve(output, options.getSeason(), catalogue.rows());
    } catch (IOException e) {
      throw new ConfigurationException(
          "no room for the report in " + options.getOutput() + " (" + e.getMessage() + ")");
    }
    warnings.forEach(w -> out.println("lullabeam: warning: " + w));
    return new PreparedSeason(options, runner, pipeline, warnings, catalogue.pubDates());
  }

  /**
   * The catalogue as checked.
   *
   * @param storyWriting story generation, or null when no row needs it
   * @param rows the catalogue's rows, good and bad
   * @param pubDates episode id → its pub_date column
   */
  private record CheckedCatalogue(
      SeasonPipeline.StoryWriting storyWriting, int rows, Map<String, String> pubDates) {}

  /**
   * Reads the catalogue's header and rows; when rows need the language model, prepares it, or —
   * for the demo's profile — falls back to the written stories when the model is unavailable.
   */
  private CheckedCatalogue checkCatalogue(
      SeasonOptions options, SeasonRunner runner, Map<String, Background> backgrounds,
      List<String> warnings)
      throws ConfigurationException {
    String catalogue = options.getCatalogue();
    byte[] bytes;
    try {
      ResourceId file = FileSystems.matchSingleFileSpec(catalogue).resourceId();
      bytes = OutputFiles.read(file);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigurationException("catalogue not found or unreadable: " + catalogue);
    }
    String text;
    try {
      TextDecoding.Decoded decoded = TextDecoding.decode(bytes);
      text = decoded.text();
      decoded.warning().ifPresent(w -> warnings.add("catalogue " + catalogue + " is " + w));
    } catch (TextDecoding.NotText e) {
      throw new ConfigurationException("catalogue " + catalogue + " cannot be read: " + e.getMessage());
    }
    CatalogueParser.Result rows;
    try {
      rows = new CatalogueParser(backgrounds::containsKey, Voices::isKnown).parse(text);
    } catch (CatalogueParser.HeaderException e) {
      throw new ConfigurationException("catalogue " + catalogue + ": " + e.getMessage());
    }
    int rowCount = rows.episodes.size() + rows.badRows.size();
    checkVoices(options, rows);
    if (rows.episodes.stream().noneMatch(e -> e.story() == null)) {
      return new CheckedCatalogue(null, rowCount, rows.pubDates);
    }
    try {
      return new CheckedCatalogue(StoryWritingSetup.prepare(options, runner), rowCount, rows.pubDates);
    } catch (ModelUnavailableException e) {
      String fallback = options.getFallbackCatalogue();
      if (fallback == null || fallback.isEmpty()) {
        throw new ConfigurationException(e.getMessage());
      }
      out.println(
          "lullabeam: " + e.getMessage() + " — " + StoryWritingSetup.HOW_TO_GET_MODELS
              + "; narrating the written stories of " + fallback + " instead.");
      options.setCatalogue(fallback);
      options.setFallbackCatalogue(null);
      warnings.removeIf(w -> w.startsWith("catalogue "));
      return checkCatalogue(options, runner, backgrounds, warnings);
    }
  }

  /**
   * Voices with model files (tacotron2-melgan) must find a complete voice folder before any work:
   * the season's voice, and every voice a row names.
   */
  private static void checkVoices(SeasonOptions options, CatalogueParser.Result rows)
      throws ConfigurationException {
    Set<String> voices = new TreeSet<>();
    voices.add(options.getVoice());
    rows.episodes.stream().map(e -> e.voice()).filter(Objects::nonNull).forEach(voices::add);
    VoiceSettings settings = new VoiceSettings(options.getVoiceDir(), options.getDevice());
    for (String voice : voices) {
      try {
        Voices.check(voice, settings);
      } catch (Exception e) {
        throw new ConfigurationException("voice " + voice + ": " + e.getMessage());
      }
    }
  }

  /**
   * Writes, reads, lists and deletes a probe file in the output: a local folder is created if
   * missing; for a bucket this finds an unreachable endpoint, a missing bucket, missing
   * permissions and a malformed gs:// URI before any work.
   */
  private static void checkWritable(OutputLocation output) throws ConfigurationException {
    try (SeasonStorage storage = output.openForCheck()) {
      storage.checkAccess(
          OutputLocation.episodeFile(".write-check-" + UUID.randomUUID(), "tmp"));
    } catch (StorageUnavailableException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  /**
   * Removes the temporary files of killed runs: all of them in the output folder (one season
   * writes to a folder at a time), and in this machine's temporary folder those old enough not
   * to belong to a season running now ({@link Leftovers}).
   */
  private void removeLeftovers(OutputLocation output) throws ConfigurationException {
    int removed;
    try {
      // A bucket has no temporary objects: an upload appears whole or not at all.
      removed =
          (output.isGcs() ? 0 : OutputFiles.deleteLeftovers(output.output()))
              + Leftovers.removeStale(Path.of(System.getProperty("java.io.tmpdir")), Instant.now());
    } catch (IOException e) {
      throw new ConfigurationException("cannot remove what an earlier run left: " + e.getMessage());
    }
    if (removed > 0) {
      out.println("lullabeam: removed " + removed + " temporary files and folders of killed runs");
    }
  }

  /**
   * Starts the season on its runner. The DirectRunner returns at once; FlinkRunner returns when
   * the job has ended, printing the job's state meanwhile.
   */
  public PipelineResult start(PreparedSeason season) {
    return season.runner.run(season.pipeline, season.options, out);
  }

  /** Runs a prepared season to its end with progress, then prints the report's summary. */
  public int run(PreparedSeason season) {
    SeasonOptions options = season.options;
    out.printf(
        "lullabeam: season '%s' from %s into %s on %s%n",
        options.getSeason(), options.getCatalogue(), options.getOutput(),
        options.getRunner().getSimpleName());
    Progress progress = new Progress(out, System.nanoTime());
    PipelineResult result;
    PipelineResult.State state;
    try {
      result = start(season);
      state = waitUntilFinish(result, options.getProgressSeconds(), progress);
    } catch (RuntimeException e) {
      return pipelineFailed(options, "the pipeline failed: " + rootMessage(e));
    }
    if (state != PipelineResult.State.DONE) {
      return pipelineFailed(options, "the pipeline ended in state " + state);
    }
    progress.print(result);
    // Model loads are Beam metrics, final only now; the season's warnings come from the checks.
    try (SeasonStorage storage = OutputLocation.of(options).open()) {
      byte[] json =
          SeasonReport.withModelLoads(
              storage.read(OutputLocation.REPORT), ModelLoadMetrics.read(result));
      json = SeasonReport.withSeasonWarnings(json, season.warnings);
      json = SeasonReport.withPubDates(json, season.pubDates);
      OutputFiles.replaceMakingRoom(storage, OutputLocation.REPORT, json, "application/json");
    } catch (IOException | RuntimeException e) {
      err.println("lullabeam " + command + ": cannot complete the report: " + e.getMessage());
      return PIPELINE_FAILED;
    }
    boolean published = publish(options);
    int status = printSummary(OutputLocation.of(options));
    return published ? status : PIPELINE_FAILED;
  }

  /** Publishes the finished season (feed, cover, page: {@link SeasonPublishing}); false if that failed. */
  private boolean publish(SeasonOptions options) {
    try {
      SeasonPublishing.publish(OutputLocation.of(options), SeasonPublishing.settings(options), out);
      return true;
    } catch (ConfigurationException e) {
      out.println("lullabeam: not published: " + e.getMessage());
      return true;
    } catch (IOException | PublishException | RuntimeException e) {
      err.println("lullabeam " + command + ": cannot publish the season: " + e.getMessage());
      return false;
    }
  }

  /**
   * Says why in one line, and in report.json instead of its "running" placeholder (when the disk
   * lets it: the line is what matters).
   */
  private int pipelineFailed(SeasonOptions options, String why) {
    err.println("lullabeam " + command + ": " + why);
    try {
      WriteReport.pipelineFailed(OutputLocation.of(options), options.getSeason(), why);
    } catch (IOException | RuntimeException e) {
      // The placeholder stays; the line above said what happened.
    }
    return PIPELINE_FAILED;
  }

  /** Waits for the end, printing progress every {@code progressSeconds} (0: only at the end). */
  private static PipelineResult.State waitUntilFinish(
      PipelineResult result, int progressSeconds, Progress progress) {
    PipelineResult.State state;
    do {
      state = result.waitUntilFinish(Duration.standardSeconds(Math.max(1, progressSeconds)));
      if (progressSeconds > 0 && (state == null || !state.isTerminal())) {
        progress.print(result);
      }
    } while (state == null || !state.isTerminal());
    return state;
  }

  int printSummary(OutputLocation output) {
    try (SeasonStorage storage = output.open()) {
      JsonNode report = new ObjectMapper().readTree(storage.read(OutputLocation.REPORT));
      JsonNode totals = report.path("totals");
      out.printf(
          "lullabeam: %d rows: %d ok (%d reused), %d failed, %d rejected, %d bad rows;"
              + " %.1f min of audio in %.1f s (real-time factor %s)%n",
          totals.path("rows").asInt(), totals.path("ok").asInt(), totals.path("reused").asInt(),
          totals.path("failed").asInt(), totals.path("rejected").asInt(),
          totals.path("bad_row").asInt(),
          totals.path("audio_seconds").asDouble() / 60, totals.path("wall_seconds").asDouble(),
          totals.path("real_time_factor").isNull() ? "n/a" : totals.path("real_time_factor").asText());
      int notOk = 0;
      for (JsonNode row : report.path("episodes")) {
        if (!"ok".equals(row.path("status").asText()) && notOk++ < ROWS_SHOWN) {
          out.printf(
              "  line %d%s: %s: %s%n",
              row.path("line").asLong(),
              row.has("id") ? " (" + TextDecoding.printable(row.path("id").asText()) + ")" : "",
              row.path("status").asText(), TextDecoding.printable(row.path("reason").asText()));
        }
      }
      if (notOk > ROWS_SHOWN) {
        out.printf("  … and %d more rows that are not ok: every one is in the report%n", notOk - ROWS_SHOWN);
      }
      out.println("lullabeam: report: " + storage.location(OutputLocation.REPORT));
      Optional<String> failure = SeasonFailure.of(report);
      if (failure.isPresent()) {
        err.println("lullabeam " + command + ": " + failure.get());
        return PIPELINE_FAILED;
      }
      return SEASON_RAN;
    } catch (IOException e) {
      err.println(
          "lullabeam " + command + ": the run ended but its report cannot be read: " + e.getMessage());
      return PIPELINE_FAILED;
    }
  }

  /** The innermost cause, as "Type: message": what the user can act on. */
  public static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
