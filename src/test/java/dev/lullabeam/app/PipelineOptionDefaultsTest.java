package dev.lullabeam.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import dev.lullabeam.pipeline.SeasonOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Commands other than {@code season} take shared options' defaults from the season's options. */
class PipelineOptionDefaultsTest {

  private static final SeasonOptions SEASON = PipelineOptionsFactory.as(SeasonOptions.class);

  @Test
  void readsEveryKindOfBeamDefault() {
    assertThat(PipelineOptionDefaults.of("voice"), is(SEASON.getVoice()));
    assertThat(PipelineOptionDefaults.of("maxNewTokens"), is(String.valueOf(SEASON.getMaxNewTokens())));
    assertThat(PipelineOptionDefaults.of("seed"), is(String.valueOf(SEASON.getSeed())));
    assertThat(PipelineOptionDefaults.of("topP"), is(String.valueOf(SEASON.getTopP())));
    assertThat(PipelineOptionDefaults.of("overwrite"), is("false"));
  }

  @Test
  void optionsWithoutADefaultOrNotOfTheSeasonHaveNone() {
    assertThat(PipelineOptionDefaults.of("catalogue"), is(nullValue()));
    assertThat(PipelineOptionDefaults.of("copies"), is(nullValue()));
  }

  @Test
  void speakAndTheBenchmarksUseTheSeasonsDefaults() {
    SpeakCommand speak = new SpeakCommand();
    new CommandLine(speak).parseArgs("--text", "Hello.", "--output", "hello.wav");
    assertThat(speak.voice, is(SEASON.getVoice()));

    SeasonBenchmark bench = new SeasonBenchmark();
    new CommandLine(bench).parseArgs();
    assertThat(bench.backgrounds, is(SEASON.getBackgrounds()));
    // Not a default of the season (whose catalogue is required): the benchmark's own.
    assertThat(bench.catalogue.toString(), is("prompts/written-stories.csv"));

    BenchLmCommand benchLm = new BenchLmCommand();
    new CommandLine(benchLm).parseArgs();
    assertThat(benchLm.device, is(SEASON.getDevice()));
  }
}
