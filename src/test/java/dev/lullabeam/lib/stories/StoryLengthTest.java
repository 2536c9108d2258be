package dev.lullabeam.lib.stories;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import ai.djl.Device;
import dev.lullabeam.lib.lm.BatchingGenerator;
import dev.lullabeam.lib.lm.ComputeType;
import dev.lullabeam.lib.lm.GenerationRequest;
import dev.lullabeam.lib.lm.LanguageModel;
import dev.lullabeam.lib.lm.SamplingSettings;
import dev.lullabeam.lib.lm.StopRule;
import dev.lullabeam.lib.lm.TestModels;
import dev.lullabeam.lib.pace.Pace;
import dev.lullabeam.lib.quality.GateSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoryLengthTest {
  @TempDir Path tempDir;

  @Test
  void tokensPerWordIsMeasuredOnTheStorySoFarOrTheDefaultForTooFewWords() {
    assertThat(StoryLength.tokensPerWord(26, 20), is(1.3));
    assertThat(StoryLength.tokensPerWord(50, 10), is(5.0));
    assertThat(StoryLength.tokensPerWord(9, 3), is(StoryLength.DEFAULT_TOKENS_PER_WORD));
  }

  @Test
  void budgetHasHeadroomAMinimumAndTheContextAsCeiling() {
    assertThat(StoryLength.tokenBudget(100, 1.3, 80, 10_000), is(195)); // ceil(100 × 1.3 × 1.5)
    assertThat(StoryLength.tokenBudget(10, 1.3, 80, 10_000), is(80));
    assertThat(StoryLength.tokenBudget(1000, 1.3, 80, 300), is(300));
  }

  @Test
  void theStopRuleCountsTheWordsWrittenSoFar() {
    StopRule rule = StoryLength.stopAtWords(5);
    assertThat(rule.stopAfter(" The fox ran home."), is(false));
    assertThat(rule.stopAfter(" The fox ran home. It slept."), is(true));
    assertThrows(IllegalArgumentException.class, () -> StoryLength.stopAtWords(0));
  }

  @Test
  void gateBoundsAreTheTargetPlusOrMinusAQuarter() {
    GateSettings bounded = StoryLength.gateBounds(GateSettings.defaults(), 625); // 5 min at 125 wpm
    assertThat(bounded.minWords(), is(468));
    assertThat(bounded.maxWords(), is(782));
    assertThat(bounded.maxSentences(), is(GateSettings.defaults().maxSentences()));
  }

  @Test
  void theModelsBudgetComesFromItsTokenizerAndIsCappedByItsContext() throws Exception {
    Path dir = TestModels.writeTiny(tempDir.resolve("tiny"), 17); // 128 positions
    GptNeoStoryModel model =
        new GptNeoStoryModel("tiny", dir.toString(), "cpu", "fp32", 4, 0, SamplingSettings.greedy(400));
    String prompt = "Once upon a time a small fox walked home under the moon";
    int smallBudget;
    try (BatchingGenerator generator =
        new BatchingGenerator(LanguageModel.load(dir, Device.cpu(), ComputeType.parse("fp32")))) {
      int promptTokens =
          generator.prepare(GenerationRequest.ofText(prompt, SamplingSettings.greedy(1), 1)).promptIds().length;
      double perWord = (double) promptTokens / Pace.words(prompt);
      assertThat(perWord, greaterThan(1.0));

      SamplingSettings small = model.samplingFor(generator, new StoryModel.Prompt(prompt, 1, false, 4));
      smallBudget = (int) Math.ceil(4 * perWord * StoryLength.HEADROOM);
      assertThat(small.maxNewTokens(), is(smallBudget));

      SamplingSettings large = model.samplingFor(generator, new StoryModel.Prompt(prompt, 1, false, 500));
      assertThat(large.maxNewTokens(), is(128 - promptTokens));

      SamplingSettings none = model.samplingFor(generator, new StoryModel.Prompt(prompt, 1, false, 0));
      assertThat(none.maxNewTokens(), is(400));
    }
    try (StoryModel.Session session = model.open()) {
      List<StoryModel.Written> written =
          session.write(List.of(new StoryModel.Prompt(prompt, 1, false, 4)), () -> {});
      assertThat(written.get(0).failure() == null, is(true));
      assertThat(written.get(0).tokens(), greaterThan(0));
      assertThat(written.get(0).tokens(), lessThanOrEqualTo(smallBudget));
      assertThat(written.get(0).tokenBudget(), is(smallBudget));
      // Either the four words were reached at a sentence end, or the cap (or end-of-text) came first.
      assertThat(written.get(0).finish(), is(oneOf("stop_rule", "max_new_tokens", "end_of_text")));
      if (written.get(0).finish().equals("stop_rule")) {
        assertThat(Pace.words(written.get(0).text()), greaterThanOrEqualTo(4));
      }
    }
  }
}
