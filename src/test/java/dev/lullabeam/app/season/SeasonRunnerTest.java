package dev.lullabeam.app.season;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import dev.lullabeam.pipeline.SeasonOptions;
import java.nio.file.Path;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.CrashingRunner;
import org.junit.jupiter.api.Test;

class SeasonRunnerTest {

  private static SeasonOptions options(String... args) {
    PipelineOptionsFactory.register(SeasonOptions.class);
    return PipelineOptionsFactory.fromArgs(args).as(SeasonOptions.class);
  }

  @Test
  void theRunnerIsDetectedFromItsClass() {
    assertThat(SeasonRunner.of(options("--runner=DirectRunner")), is(SeasonRunner.DIRECT));
    assertThat(SeasonRunner.of(options("--runner=FlinkRunner")), is(SeasonRunner.FLINK));
    SeasonOptions other = options();
    other.setRunner(CrashingRunner.class);
    assertThat(SeasonRunner.of(other), is(SeasonRunner.OTHER));
  }

  @Test
  void storyShardsDefaultToTheDirectRunnersThreads() {
    SeasonOptions options = options("--runner=DirectRunner", "--targetParallelism=3");
    SeasonRunner.of(options).resolveStoryShards(options);
    assertThat(options.getStoryShards(), is(3));
  }

  @Test
  void storyShardsDefaultToFlinksParallelismOrOneWhenItIsUnset() {
    SeasonOptions withParallelism = options("--runner=FlinkRunner", "--parallelism=4");
    SeasonRunner.FLINK.resolveStoryShards(withParallelism);
    assertThat(withParallelism.getStoryShards(), is(4));

    SeasonOptions unset = options("--runner=FlinkRunner");
    assertThat(unset.as(FlinkPipelineOptions.class).getParallelism(), is(-1));
    SeasonRunner.FLINK.resolveStoryShards(unset);
    assertThat(unset.getStoryShards(), is(1));
  }

  @Test
  void explicitStoryShardsAreKept() {
    SeasonOptions options = options("--runner=FlinkRunner", "--parallelism=4", "--storyShards=2");
    SeasonRunner.FLINK.resolveStoryShards(options);
    assertThat(options.getStoryShards(), is(2));
  }

  @Test
  void theDirectRunnerKeepsRelativePathsAndDoesNotBlockInRun() {
    SeasonOptions options = options("--catalogue=c.csv", "--output=out");
    options.setRunner(DirectRunner.class);
    SeasonRunner.DIRECT.prepare(options);
    assertThat(options.getCatalogue(), is("c.csv"));
    assertThat(options.as(DirectOptions.class).isBlockOnRun(), is(false));
  }

  @Test
  void clusterRunnersGetAbsolutePathsButKeepUrls() {
    SeasonOptions options =
        options("--catalogue=c.csv", "--output=gs://bucket/out", "--backgrounds=b/../bg.csv");
    options.setRunner(FlinkRunner.class);
    SeasonRunner.FLINK.prepare(options);
    assertThat(options.getCatalogue(), is(Path.of("c.csv").toAbsolutePath().toString()));
    assertThat(options.getBackgrounds(), is(Path.of("bg.csv").toAbsolutePath().toString()));
    assertThat(options.getOutput(), is("gs://bucket/out"));
    assertThat(options.getFallbackCatalogue(), is((String) null));
  }

  @Test
  void clusterRunnersGetAbsoluteWorkDirLexiconAndCover() {
    SeasonOptions options =
        options("--workDir=work", "--lexicon=names.csv", "--cover=art/cover.png");
    options.setRunner(FlinkRunner.class);
    SeasonRunner.FLINK.prepare(options);
    assertThat(options.getWorkDir(), is(Path.of("work").toAbsolutePath().toString()));
    assertThat(options.getLexicon(), is(Path.of("names.csv").toAbsolutePath().toString()));
    assertThat(options.getCover(), is(Path.of("art/cover.png").toAbsolutePath().toString()));
  }
}
