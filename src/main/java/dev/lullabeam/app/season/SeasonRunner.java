package dev.lullabeam.app.season;

import dev.lullabeam.app.flink.FlinkJobProgress;
import dev.lullabeam.pipeline.SeasonOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * What the launcher does differently per runner, detected once from {@code --runner}. Nothing
 * below the application looks at runners.
 */
enum SeasonRunner {
  /** Beam's DirectRunner: every worker thread in this JVM. */
  DIRECT {
    @Override
    int parallelism(PipelineOptions options) {
      return Math.max(1, options.as(DirectOptions.class).getTargetParallelism());
    }

    @Override
    void prepare(SeasonOptions options) {
      // Poll progress while the season runs instead of blocking in run().
      options.as(DirectOptions.class).setBlockOnRun(false);
    }

    @Override
    void checkParallelism(PipelineOptions options) throws ConfigurationException {
      NumericOptions.atLeast(
          "targetParallelism", options.as(DirectOptions.class).getTargetParallelism(), 1);
    }
  },

  /** FlinkRunner: embedded ([local], [auto]) or a cluster whose REST API shows the job's state. */
  FLINK {
    @Override
    int parallelism(PipelineOptions options) {
      return Math.max(1, options.as(FlinkPipelineOptions.class).getParallelism());
    }

    @Override
    void prepare(SeasonOptions options) {
      makeLocalPathsAbsolute(options);
    }

    @Override
    void checkParallelism(PipelineOptions options) throws ConfigurationException {
      int parallelism = options.as(FlinkPipelineOptions.class).getParallelism();
      if (parallelism != -1) { // -1: Flink's default
        NumericOptions.atLeast("parallelism", parallelism, 1);
      }
    }

    /** FlinkRunner's run() blocks until the job ends: meanwhile print its state from REST. */
    @Override
    PipelineResult run(Pipeline pipeline, SeasonOptions options, PrintWriter out) {
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
  },

  /** Any other runner: workers elsewhere, progress from Beam's metrics as far as it reports them. */
  OTHER {
    @Override
    int parallelism(PipelineOptions options) {
      return 1;
    }

    @Override
    void prepare(SeasonOptions options) {
      makeLocalPathsAbsolute(options);
    }
  };

  static SeasonRunner of(PipelineOptions options) {
    Class<?> runner = options.getRunner();
    if (DirectRunner.class.isAssignableFrom(runner)) {
      return DIRECT;
    }
    if (FlinkRunner.class.isAssignableFrom(runner)) {
      return FLINK;
    }
    return OTHER;
  }

  /** Threads or slots the runner runs the season's steps on. */
  abstract int parallelism(PipelineOptions options);

  /** Adjusts the options to this runner before the pipeline is built. */
  abstract void prepare(SeasonOptions options);

  /** Refuses a parallelism the runner would start with and then die of. */
  void checkParallelism(PipelineOptions options) throws ConfigurationException {}

  /** Starts the season; returns when the runner returns from {@code run()}. */
  PipelineResult run(Pipeline pipeline, SeasonOptions options, PrintWriter out) {
    return pipeline.run();
  }

  /** True when the workers run in this JVM, so that this machine's devices are theirs. */
  boolean runsInThisJvm() {
    return this == DIRECT;
  }

  /**
   * As many prompt groups as the runner runs threads or slots, unless {@code --storyShards} says.
   * One group per busy thread matters on the DirectRunner: while a thread waits on a long call,
   * its idle threads spin (Beam issue 18070, "Backoff in the DirectRunner Monitor if no work is
   * available"), taking the CPU the model needs. All groups of a JVM still share one model.
   */
  void resolveStoryShards(SeasonOptions options) {
    if (options.getStoryShards() < 1) {
      options.setStoryShards(parallelism(options));
    }
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
    options.setVoiceDir(absolute(options.getVoiceDir()));
    options.setBriefSystemPrompt(absolute(options.getBriefSystemPrompt()));
    options.setBriefTemplate(absolute(options.getBriefTemplate()));
    options.setWorkDir(absolute(options.getWorkDir()));
    options.setLexicon(absolute(options.getLexicon()));
    options.setCover(absolute(options.getCover()));
  }

  private static String absolute(String path) {
    if (path == null || path.isEmpty() || path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return path;
    }
    return Path.of(path).toAbsolutePath().normalize().toString();
  }
}
