package dev.lullabeam.app.season;

import dev.lullabeam.lib.pace.Pace;
import dev.lullabeam.pipeline.SeasonOptions;
import dev.lullabeam.pipeline.mix.MixOptions;
import java.util.Locale;

/**
 * Every numeric option checked before any work, naming the option: a bad value used to start the
 * season and then kill it ({@code --targetParallelism=0}: "IllegalArgumentException: null").
 */
final class NumericOptions {

  private NumericOptions() {}

  static void check(SeasonOptions o, SeasonRunner runner) throws ConfigurationException {
    atLeast("progressSeconds", o.getProgressSeconds(), 0);
    atLeast("maxSentenceChars", o.getMaxSentenceChars(), 40);
    atLeast("batchSize", o.getBatchSize(), 1);
    atLeast("batchLingerMillis", o.getBatchLingerMillis(), 0);
    atLeast("storyShards", o.getStoryShards(), 0);
    atLeast("maxAttempts", o.getMaxAttempts(), 1);
    atLeast("maxNewTokens", o.getMaxNewTokens(), 1);
    atLeast("minNewTokens", o.getMinNewTokens(), 0);
    atLeast("topK", o.getTopK(), 0);
    atLeast("noRepeatNgram", o.getNoRepeatNgram(), 0);
    if (!(o.getTemperature() >= 0) || Double.isInfinite(o.getTemperature())) {
      throw invalid("temperature", o.getTemperature(), "a number ≥ 0 (0: greedy)");
    }
    if (!(o.getTopP() > 0 && o.getTopP() <= 1)) {
      throw invalid("topP", o.getTopP(), "in (0, 1] (1: off)");
    }
    if (!(o.getRepetitionPenalty() > 0) || Double.isInfinite(o.getRepetitionPenalty())) {
      throw invalid("repetitionPenalty", o.getRepetitionPenalty(), "a number > 0 (1: off)");
    }
    if (o.getWordsPerMinute() != 0 && Pace.checkWordsPerMinute(o.getWordsPerMinute()) != null) {
      throw invalid("wordsPerMinute", o.getWordsPerMinute(), "0 (the voice's natural rate) or 60-240");
    }
    if (o.getTargetMinutes() != 0 && Pace.checkMinutes(o.getTargetMinutes()) != null) {
      throw invalid("targetMinutes", o.getTargetMinutes(), "0 (no target) or more than 0 up to 120");
    }
    if (!(o.getWindDownMinutes() >= 0 && o.getWindDownMinutes() <= MixOptions.MAX_WIND_DOWN_MINUTES)) {
      throw invalid("windDownMinutes", o.getWindDownMinutes(), "from 0 to 120");
    }
    runner.checkParallelism(o);
  }

  static void atLeast(String option, long value, long minimum) throws ConfigurationException {
    if (value < minimum) {
      throw invalid(option, value, "at least " + minimum);
    }
  }

  static ConfigurationException invalid(String option, Object value, String expected) {
    return new ConfigurationException(
        String.format(Locale.ROOT, "--%s=%s: must be %s", option, value, expected));
  }
}
