package dev.lullabeam.lib.lm;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lullabeam.lib.lm.TensorDType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the forward pass against the float64 Hugging Face reference vector (gpt-neo-tiny.json). */
class GptNeoReferenceTest {
  private static final double LOGIT_TOLERANCE = 2e-3;

  @TempDir static Path tempDir;
  private static JsonNode reference;
  private static LanguageModel model;
  private static int[] inputIds;

  @BeforeAll
  static void loadModel() throws Exception {
    reference = TestModels.reference();
    inputIds = TestModels.ints(reference.get("input_ids"));
    model = LanguageModel.load(TestModels.writeReferenceModel(tempDir.resolve("ref"), TensorDType.F32),
        Device.cpu(), ComputeType.FLOAT32);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void logitsForEveryPrefixMatchTheReference() {
    int vocab = model.config().vocabSize();
    float[] logits = model.model().forward(new int[][] {inputIds}, new int[][] {positions(inputIds.length)},
        allReal(inputIds.length), 0, null, true);
    for (int i = 0; i < inputIds.length; i++) {
      assertRowMatches(reference.get("logits").get(i), logits, i * vocab, "prefix " + (i + 1));
    }
  }

  @Test
  void logitsThroughTheKvCacheOneTokenAtATimeMatchTheReference() {
    // 10 tokens through a window of 4: the local layers' ring buffer wraps twice.
    int vocab = model.config().vocabSize();
    boolean[][] real = allReal(inputIds.length);
    try (KvCache cache = model.model().newCache(1, inputIds.length)) {
      for (int i = 0; i < inputIds.length; i++) {
        float[] logits = model.model().forward(new int[][] {{inputIds[i]}}, new int[][] {{i}}, real, i,
            cache, false);
        assertRowMatches(reference.get("logits").get(i), logits, 0, "step " + i);
      }
    }
  }

  @Test
  void greedyTokensMatchTheReferenceAndNotTheAllGlobalVariant() {
    GenerationResult result = model.generate(List.of(model.prepare(
        GenerationRequest.ofTokens(inputIds, SamplingSettings.greedy(12), 0)))).get(0);
    int[] expected = TestModels.ints(reference.get("greedy_12"));
    int[] allGlobal = TestModels.ints(reference.get("greedy_12_if_all_global"));
    assertThat(Arrays.toString(result.generatedIds()), equalTo(Arrays.toString(expected)));
    assertThat(Arrays.toString(result.generatedIds()), not(equalTo(Arrays.toString(allGlobal))));
  }

  @Test
  void greedyTokensMatchWithFullRecomputation() {
    GenerationResult result = model.generate(List.of(model.prepare(
        GenerationRequest.ofTokens(inputIds, SamplingSettings.greedy(12), 0))),
        LanguageModel.Decoding.FULL_RECOMPUTE).get(0);
    assertThat(Arrays.toString(result.generatedIds()),
        equalTo(Arrays.toString(TestModels.ints(reference.get("greedy_12")))));
  }

  private static void assertRowMatches(JsonNode expected, float[] logits, int offset, String what) {
    for (int v = 0; v < expected.size(); v++) {
      assertThat(what + ", token " + v, (double) logits[offset + v],
          closeTo(expected.get(v).asDouble(), LOGIT_TOLERANCE));
    }
  }

  private static int[] positions(int length) {
    int[] positions = new int[length];
    Arrays.setAll(positions, i -> i);
    return positions;
  }

  private static boolean[][] allReal(int length) {
    boolean[][] real = new boolean[1][length];
    Arrays.fill(real[0], true);
    return real;
  }
}
