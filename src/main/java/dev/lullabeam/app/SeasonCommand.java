package dev.lullabeam.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.lib.backgrounds.Background;
import dev.lullabeam.lib.backgrounds.BackgroundCatalog;
import dev.lullabeam.pipeline.catalogue.CatalogueParser;
import dev.lullabeam.app.flink.FlinkJobProgress;
import dev.lullabeam.lib.lm.hub.ModelUnavailableException;
import dev.lullabeam.pipeline.SeasonOptions;
import dev.lullabeam.pipeline.metrics.ModelLoadMetrics;
import dev.lullabeam.pipeline.write.OutputFiles;
import dev.lullabeam.pipeline.write.SeasonReport;
import dev.lullabeam.pipeline.SeasonPipeline;
import dev.lullabeam.lib.voices.Voices;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code season}: narrates a whole catalogue into episodes and a report. */
@Command(
    name = "season",
    description = {
      "Narrate a season: read the catalogue, speak every story, mix and write the episodes.",
      "Options: --catalogue=FILE --output=DIR [--overwrite] [--voice=NAME] [--season=NAME]",
      "  [--backgrounds=CSV] [--profile=pipelines/NAME.properties] [--maxSentenceChars=N]",
      "  and any Beam pipeline option (--runner, --targetParallelism, ...).",
      "'--name value' works as well as '--name=value'; the command line overrides a profile."
    })
public final class SeasonCommand implements Callable<Integer> {

  @Parameters(arity = "0..*", paramLabel = "OPTIONS", description = "season and pipeline options")
  List<String> args = List.of();

  @Spec CommandSpec spec;

  private PrintWriter out;
  private PrintWriter err;

  @Override
  public Integer call() {
    out = spec.commandLine().getOut();
    err = spec.commandLine().getErr();
    SeasonOptions options;
    Configuration configuration;
    try {
      options = parse(args);
      configuration = checkConfiguration(options, out);
    } catch (ConfigurationException e) {
      err.println("lullabeam season: " + e.getMessage());
      return 2;
    }
    return run(options, configuration);
  }

  public static SeasonOptions parse(List<String> args) throws ConfigurationException {
    PipelineOptionsFactory.register(SeasonOptions.class);
    String[] beamArgs = withDirectRunnerDefaults(SeasonArguments.resolve(args, Path.of("")));
    SeasonOptions options;
    try {
      options = PipelineOptionsFactory.fromArgs(beamArgs).withValidation().as(SeasonOptions.class);
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("invalid options");
      throw new ConfigurationException(message);
    }
    if (!options.getRunner().getSimpleName().equals("DirectRunner")) {
      makeLocalPathsAbsolute(options);
    }
    return options;
  }

  /**
   * Workers of a cluster resolve relative paths against their own working directory: give them
   * the paths as this command sees them. Paths with a scheme (gs://, file://) stay as they are.
   */
  static void makeLocalPathsAbsolute(SeasonOptions options) {
    options.setCatalogue(absolute(options.getCatalogue()));
    options.setFallbackCatalogue(absolute(options.getFallbackCatalogue()));
    options.setOutput(absolute(options.getOutput()));
    options.setBackgrounds(absolute(options.getBackgrounds()));
    options.setPromptTemplate(absolute(options.getPromptTemplate()));
  }

  private static String absolute(String path) {
    if (path == null || path.isEmpty() || path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return path;
    }
    return Path.of(path).toAbsolutePath().normalize().toString();
  }

  /**
   * The DirectRunner re-encodes every element to check coders and immutability: worth it in tests
   * (TestPipeline keeps the checks), wasted time on seasons of audio. Users may still turn them on.
   */
  static String[] withDirectRunnerDefaults(String[] args) {
    List<String> out = new java.util.ArrayList<>(List.of(args));
    for (String check : List.of("enforceImmutability", "enforceEncodability")) {
      if (out.stream().noneMatch(a -> a.startsWith("--" + check + "="))) {
        out.add("--" + check + "=false");
      }
    }
    return out.toArray(new String[0]);
  }

  /** What the checks found: the backgrounds, and story generation when rows need it. */
  public static final class Configuration {
    public final Map<String, Background> backgrounds;
    public final SeasonPipeline.StoryWriting storyWriting;

    Configuration(Map<String, Background> backgrounds, SeasonPipeline.StoryWriting storyWriting) {
      this.backgrounds = backgrounds;
      this.storyWriting = storyWriting;
    }
  }

  /** Everything that would stop the run is checked here, before any work. */
  public static Configuration checkConfiguration(SeasonOptions options, PrintWriter out)
      throws ConfigurationException {
    FileSystems.setDefaultPipelineOptions(options);
    if (!Voices.isKnown(options.getVoice())) {
      throw new ConfigurationException(
          "unknown voice '" + options.getVoice() + "' (known: " + String.join(", ", Voices.known()) + ")");
    }
    if (options.getMaxSentenceChars() < 40) {
      throw new ConfigurationException("--maxSentenceChars must be at least 40");
    }
    Map<String, Background> backgrounds;
    try {
      backgrounds = BackgroundCatalog.read(Path.of(options.getBackgrounds()));
    } catch (IOException e) {
      throw new ConfigurationException(e.getMessage());
    }
    String catalogue = options.getCatalogue();
    String text;
    try {
      ResourceId file = FileSystems.matchSingleFileSpec(catalogue).resourceId();
      text = new String(OutputFiles.read(file), StandardCharsets.UTF_8);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigurationException("catalogue not found or unreadable: " + catalogue);
    }
    long promptOnly;
    try {
      promptOnly =
          new CatalogueParser(backgrounds::containsKey, Voices::isKnown)
              .parse(text).episodes.stream().filter(e -> e.story() == null).count();
    } catch (CatalogueParser.HeaderException e) {
      throw new ConfigurationException("catalogue " + catalogue + ": " + e.getMessage());
    }
    SeasonPipeline.StoryWriting storyWriting = null;
    if (promptOnly > 0) {
      try {
        storyWriting = StoryWritingSetup.prepare(options);
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
        return checkConfiguration(options, out);
      }
    }
    checkWritable(options.getOutput());
    return new Configuration(backgrounds, storyWriting);
  }

  private static void checkWritable(String output) throws ConfigurationException {
    try {
      ResourceId dir = OutputFiles.directory(output);
      if ("file".equals(dir.getScheme())) {
        java.nio.file.Files.createDirectories(Path.of(dir.toString()));
      }
      ResourceId probe = OutputFiles.episodeFile(output, ".write-check", "tmp");
      OutputFiles.writeAtomically(probe, new byte[0], "application/octet-stream");
      FileSystems.delete(List.of(probe), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException | RuntimeException e) {
      throw new ConfigurationException("output folder is not writable: " + output + " (" + e.getMessage() + ")");
    }
  }

  private int run(SeasonOptions options, Configuration configuration) {
    if (options.getRunner().getSimpleName().equals("DirectRunner")) {
      // Poll progress while the season runs instead of blocking in run().
      options.as(DirectOptions.class).setBlockOnRun(false);
    }
    Pipeline pipeline = Pipeline.create(options);
    SeasonPipeline.build(pipeline, options, configuration.backgrounds, configuration.storyWriting);
    out.printf(
        "lullabeam: season '%s' from %s into %s on %s%n",
        options.getSeason(), options.getCatalogue(), options.getOutput(),
        options.getRunner().getSimpleName());
    long start = System.nanoTime();
    Progress progress = new Progress(out, start);
    PipelineResult result;
    PipelineResult.State state;
    try {
      result = runOnRunner(pipeline, options);
      do {
        state = result.waitUntilFinish(Duration.standardSeconds(Math.max(1, options.getProgressSeconds())));
        if (options.getProgressSeconds() > 0 && (state == null || !state.isTerminal())) {
          progress.print(result);
        }
      } while (state == null || !state.isTerminal());
    } catch (RuntimeException e) {
      err.println("lullabeam season: the pipeline failed: " + rootMessage(e));
      return 1;
    }
    if (state != PipelineResult.State.DONE) {
      err.println("lullabeam season: the pipeline ended in state " + state);
      return 1;
    }
    progress.print(result);
    // Model loads are Beam metrics, final only now: the launcher adds them to the report.
    try {
      ResourceId report = OutputFiles.reportFile(options.getOutput());
      byte[] withLoads =
          SeasonReport.withModelLoads(OutputFiles.read(report), ModelLoadMetrics.read(result));
      OutputFiles.writeAtomically(report, withLoads, "application/json");
    } catch (IOException | RuntimeException e) {
      err.println("lullabeam season: cannot add the model loads to the report: " + e.getMessage());
      return 1;
    }
    return printSummary(options.getOutput());
  }

  /**
   * The DirectRunner returns at once (progress is polled below). FlinkRunner's run() blocks until
   * the job ends: meanwhile the job's state and tasks are printed from the Flink REST API.
   */
  private PipelineResult runOnRunner(Pipeline pipeline, SeasonOptions options) {
    if (!options.getRunner().getSimpleName().equals("FlinkRunner")) {
      return pipeline.run();
    }
    String master = options.as(FlinkPipelineOptions.class).getFlinkMaster();
    if (master.startsWith("[")) { // [local], [auto]: an embedded Flink inside this JVM
      return pipeline.run();
    }
    out.println("lullabeam: Flink web UI: http://" + master + "/");
    try (FlinkJobProgress watcher =
        FlinkJobProgress.start(master, out, options.getProgressSeconds())) {
      return pipeline.run();
    }
  }

  private int printSummary(String output) {
    try {
      JsonNode report =
          new ObjectMapper().readTree(OutputFiles.read(OutputFiles.reportFile(output)));
      JsonNode totals = report.path("totals");
      out.printf(
          "lullabeam: %d rows: %d ok (%d reused), %d failed, %d rejected, %d bad rows;"
              + " %.1f min of audio in %.1f s (real-time factor %s)%n",
          totals.path("rows").asInt(), totals.path("ok").asInt(), totals.path("reused").asInt(),
          totals.path("failed").asInt(), totals.path("rejected").asInt(),
          totals.path("bad_row").asInt(),
          totals.path("audio_seconds").asDouble() / 60, totals.path("wall_seconds").asDouble(),
          totals.path("real_time_factor").isNull() ? "n/a" : totals.path("real_time_factor").asText());
      for (JsonNode row : report.path("episodes")) {
        if (!"ok".equals(row.path("status").asText())) {
          out.printf(
              "  line %d%s: %s: %s%n",
              row.path("line").asLong(),
              row.has("id") ? " (" + row.path("id").asText() + ")" : "",
              row.path("status").asText(), row.path("reason").asText());
        }
      }
      out.println("lullabeam: report: " + OutputFiles.reportFile(output));
      return 0;
    } catch (IOException e) {
      err.println("lullabeam season: the run ended but its report cannot be read: " + e.getMessage());
      return 1;
    }
  }

  public static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
