package dev.lullabeam.lib.lm;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import dev.lullabeam.lib.lm.checkpoint.LlamaCheckpointWriter;
import dev.lullabeam.lib.lm.checkpoint.LlamaShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Llama, Llama-3-scaled and Qwen2 on DJL against {@link LlamaReference}, the float64 forward pass
 * written from transformers' modeling code: logits, greedy tokens, the cache, batching.
 */
class LlamaFamilyTest {
  private static final double LOGIT_TOLERANCE = 1e-3;
  private static final int[] PROMPT = {35, 72, 101, 7, 250, 300, 12, 44, 9, 400, 3, 77};

  @TempDir Path tempDir;

  private Path write(LlamaShape shape, TensorDType dtype, long maxShardBytes) throws Exception {
    Path dir = tempDir.resolve(shape.name() + "-" + dtype);
    new LlamaCheckpointWriter(shape, dtype, 7).initStd(0.25).randomNormParameters(true)
        .maxShardBytes(maxShardBytes).write(dir);
    return dir;
  }

  private static double maxDifference(double[][] expected, float[] actual, int vocab) {
    double worst = 0;
    for (int t = 0; t < expected.length; t++) {
      for (int v = 0; v < vocab; v++) {
        worst = Math.max(worst, Math.abs(expected[t][v] - actual[t * vocab + v]));
      }
    }
    return worst;
  }

  private static int[][] positions(int n) {
    int[][] positions = new int[1][n];
    Arrays.setAll(positions[0], i -> i);
    return positions;
  }

  private static boolean[][] allReal(int n) {
    boolean[][] real = new boolean[1][n];
    Arrays.fill(real[0], true);
    return real;
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny-llama", "tiny-llama3", "tiny-qwen2"})
  void logitsOfEveryPrefixMatchTheReference(String name) throws Exception {
    Path dir = write(LlamaShape.named(name), TensorDType.F32, Long.MAX_VALUE);
    double[][] expected = new LlamaReference(dir, true).logits(PROMPT);
    try (LanguageModel model = LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT32)) {
      int vocab = model.config().vocabSize();
      float[] logits = model.model().forward(new int[][] {PROMPT}, positions(PROMPT.length),
          allReal(PROMPT.length), 0, null, true);
      assertThat(maxDifference(expected, logits, vocab), lessThan(LOGIT_TOLERANCE));
      // The logits are far from flat, so the tolerance is meaningful.
      double spread = Arrays.stream(expected[PROMPT.length - 1]).max().getAsDouble()
          - Arrays.stream(expected[PROMPT.length - 1]).min().getAsDouble();
      assertThat(spread, greaterThan(1.0));

      // The same logits one token at a time through the cache.
      try (KvCache cache = model.model().newCache(1, PROMPT.length)) {
        double worst = 0;
        for (int i = 0; i < PROMPT.length; i++) {
          float[] step = model.model().forward(new int[][] {{PROMPT[i]}}, new int[][] {{i}},
              allReal(PROMPT.length), i, cache, false);
          worst = Math.max(worst, maxDifference(new double[][] {expected[i]}, step, vocab));
        }
        assertThat(worst, lessThan(LOGIT_TOLERANCE));
      }
    }
  }

  @Test
  void llama3ScalingChangesTheLogitsAndIsApplied() throws Exception {
    Path dir = write(LlamaShape.TINY_LLAMA3, TensorDType.F32, Long.MAX_VALUE);
    double[][] scaled = new LlamaReference(dir, true).logits(PROMPT);
    double[][] unscaled = new LlamaReference(dir, false).logits(PROMPT);
    double difference = 0;
    for (int t = 0; t < PROMPT.length; t++) {
      for (int v = 0; v < scaled[t].length; v++) {
        difference = Math.max(difference, Math.abs(scaled[t][v] - unscaled[t][v]));
      }
    }
    // Ignoring the scaling would be off by far more than the tolerance.
    assertThat(difference, greaterThan(100 * LOGIT_TOLERANCE));
  }

  @Test
  void qwen2CheckpointsCarryQkvBiasesAndGroupedHeads() throws Exception {
    Path dir = write(LlamaShape.TINY_QWEN2, TensorDType.F32, Long.MAX_VALUE);
    assertThat(new LlamaReference(dir, true).hasQkvBias(), is(true));
    LlamaConfig config = LlamaConfig.read(dir.resolve("config.json"));
    assertThat(config.qkvBias(), is(true));
    assertThat(config.numKeyValueHeads(), lessThan(config.numHeads()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny-llama", "tiny-llama3", "tiny-qwen2"})
  void greedyTokensMatchTheReferenceBatchedAndAlone(String name) throws Exception {
    Path dir = write(LlamaShape.named(name), TensorDType.F32, Long.MAX_VALUE);
    LlamaReference reference = new LlamaReference(dir, true);
    int[][] prompts = {PROMPT, Arrays.copyOf(PROMPT, 3), Arrays.copyOfRange(PROMPT, 4, 11)};
    try (LanguageModel model = LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT32)) {
      int newTokens = 10;
      List<LanguageModel.PreparedRequest> batch = new ArrayList<>();
      for (int[] prompt : prompts) {
        batch.add(model.prepare(GenerationRequest.ofTokens(prompt, SamplingSettings.greedy(newTokens), 0)));
      }
      List<GenerationResult> together = model.generate(batch);
      for (int i = 0; i < prompts.length; i++) {
        int[] expected = reference.greedy(prompts[i], newTokens, model.stopIds());
        assertThat(expected.length, greaterThan(2));
        GenerationResult alone = model.generate(List.of(batch.get(i))).get(0);
        assertThat(name + " prompt " + i + " alone", Arrays.toString(alone.generatedIds()),
            equalTo(Arrays.toString(expected)));
        assertThat(name + " prompt " + i + " batched", Arrays.toString(together.get(i).generatedIds()),
            equalTo(Arrays.toString(expected)));
        GenerationResult recomputed = model.generate(List.of(batch.get(i)),
            LanguageModel.Decoding.FULL_RECOMPUTE).get(0);
        assertThat(Arrays.toString(recomputed.generatedIds()), equalTo(Arrays.toString(expected)));
      }
    }
  }

  @Test
  void sampledTokensDependOnlyOnTheirOwnSeedAndPrompt() throws Exception {
    Path dir = write(LlamaShape.TINY_QWEN2, TensorDType.F32, Long.MAX_VALUE);
    SamplingSettings sampling = new SamplingSettings(0.9, 40, 0.92, 1.2, 3, 4, 12);
    int[][] prompts = {PROMPT, Arrays.copyOf(PROMPT, 5), Arrays.copyOfRange(PROMPT, 2, 9)};
    long[] seeds = {11, 12, 13};
    try (LanguageModel model = LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT32)) {
      List<LanguageModel.PreparedRequest> batch = new ArrayList<>();
      for (int i = 0; i < prompts.length; i++) {
        batch.add(model.prepare(GenerationRequest.ofTokens(prompts[i], sampling, seeds[i])));
      }
      List<GenerationResult> together = model.generate(batch);
      for (int i = 0; i < prompts.length; i++) {
        GenerationResult alone = model.generate(List.of(batch.get(i))).get(0);
        assertThat(Arrays.toString(together.get(i).generatedIds()), equalTo(Arrays.toString(alone.generatedIds())));
        assertThat(alone.generatedIds().length, greaterThan(3)); // min new tokens bans every stop id
      }
      GenerationResult otherSeed = model.generate(List.of(model.prepare(
          GenerationRequest.ofTokens(PROMPT, sampling, 99)))).get(0);
      assertThat(Arrays.toString(otherSeed.generatedIds()),
          org.hamcrest.Matchers.not(equalTo(Arrays.toString(together.get(0).generatedIds()))));
    }
  }

  @Test
  void shardedBf16AndF16CheckpointsLoadTheSameNumbers() throws Exception {
    // The writer rounds to the dtype, so the reference reads the same numbers back.
    Path bf16 = write(LlamaShape.TINY_QWEN2, TensorDType.BF16, 60_000);
    assertThat(Files.exists(bf16.resolve("model.safetensors.index.json")), is(true));
    double[][] expected = new LlamaReference(bf16, true).logits(PROMPT);
    try (LanguageModel model = LanguageModel.load(bf16, Device.cpu(), ComputeType.FLOAT32)) {
      float[] logits = model.model().forward(new int[][] {PROMPT}, positions(PROMPT.length),
          allReal(PROMPT.length), 0, null, true);
      assertThat(maxDifference(expected, logits, model.config().vocabSize()), lessThan(LOGIT_TOLERANCE));
    }
    Path f16 = write(LlamaShape.TINY_LLAMA, TensorDType.F16, Long.MAX_VALUE);
    double[][] expectedF16 = new LlamaReference(f16, true).logits(PROMPT);
    try (LanguageModel model = LanguageModel.load(f16, Device.cpu(), ComputeType.FLOAT32)) {
      float[] logits = model.model().forward(new int[][] {PROMPT}, positions(PROMPT.length),
          allReal(PROMPT.length), 0, null, true);
      assertThat(maxDifference(expectedF16, logits, model.config().vocabSize()), lessThan(LOGIT_TOLERANCE));
    }
  }

  @Test
  void fp16ComputeStaysCloseToFp32() throws Exception {
    Path dir = write(LlamaShape.TINY_LLAMA, TensorDType.F32, Long.MAX_VALUE);
    try (LanguageModel full = LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT32);
        LanguageModel half = LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT16)) {
      float[] a = full.model().forward(new int[][] {PROMPT}, positions(PROMPT.length), allReal(PROMPT.length), 0,
          null, false);
      float[] b = half.model().forward(new int[][] {PROMPT}, positions(PROMPT.length), allReal(PROMPT.length), 0,
          null, false);
      double worst = 0;
      for (int i = 0; i < a.length; i++) {
        worst = Math.max(worst, Math.abs(a[i] - b[i]));
      }
      assertThat(worst, lessThan(0.1));
    }
  }

  @Test
  void stopIdsComeFromGenerationConfigAndTextPromptsGetTheBos() throws Exception {
    Path dir = write(LlamaShape.TINY_LLAMA, TensorDType.F32, Long.MAX_VALUE);
    try (LanguageModel model = LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT32)) {
      Gpt2Tokenizer tokenizer = model.tokenizer();
      int endOfText = tokenizer.addedTokenId("<|end_of_text|>");
      int endOfTurn = tokenizer.addedTokenId("<|eot_id|>");
      assertThat(Arrays.toString(model.stopIds()), equalTo(Arrays.toString(new int[] {endOfText, endOfTurn})));
      assertThat(model.tokens().bosToken(), equalTo("<|begin_of_text|>"));
      assertThat(model.tokens().hasChatTemplate(), is(true));
      int bos = tokenizer.addedTokenId("<|begin_of_text|>");
      int[] ids = model.prepare(GenerationRequest.ofText("Once upon", SamplingSettings.greedy(4), 0)).promptIds();
      assertThat(ids[0], is(bos));
      assertThat(Arrays.toString(Arrays.copyOfRange(ids, 1, ids.length)),
          equalTo(Arrays.toString(tokenizer.encode("Once upon"))));
      // Special tokens written in a text are single ids.
      int[] special = tokenizer.encode("<|start_header_id|>user<|end_header_id|>", false);
      assertThat(special[0], is(tokenizer.addedTokenId("<|start_header_id|>")));
      assertThat(special[special.length - 1], is(tokenizer.addedTokenId("<|end_header_id|>")));
    }
  }

  @Test
  void everyStopIdEndsGeneration() throws Exception {
    Path dir = write(LlamaShape.TINY_QWEN2, TensorDType.F32, Long.MAX_VALUE);
    LlamaReference reference = new LlamaReference(dir, true);
    try (LanguageModel model = LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT32)) {
      // Find the first greedy token after the prompt, and make it a stop id of a copy of the model.
      int first = reference.greedy(PROMPT, 1, new int[0])[0];
      Path copy = tempDir.resolve("stop-copy");
      Files.createDirectories(copy);
      try (var files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.copy(file, copy.resolve(file.getFileName()));
        }
      }
      Files.writeString(copy.resolve("generation_config.json"), "{\"eos_token_id\": [" + model.stopIds()[0]
          + ", " + first + "]}");
      try (LanguageModel stopping = LanguageModel.load(copy, Device.cpu(), ComputeType.FLOAT32)) {
        GenerationResult result = stopping.generate(List.of(stopping.prepare(
            GenerationRequest.ofTokens(PROMPT, SamplingSettings.greedy(5), 0)))).get(0);
        assertThat(result.generatedIds().length, is(0));
        assertThat(result.finishReason(), is(GenerationResult.FinishReason.END_OF_TEXT));
      }
    }
  }

  @Test
  void unsupportedChoicesAreRefusedByName() throws Exception {
    Path dir = write(LlamaShape.TINY_LLAMA, TensorDType.F32, Long.MAX_VALUE);
    String config = Files.readString(dir.resolve("config.json"));
    Files.writeString(dir.resolve("config.json"), config.replace("\"rope_scaling\" : null",
        "\"rope_scaling\" : {\"rope_type\": \"yarn\", \"factor\": 4}"));
    ModelFormatException yarn = assertThrows(ModelFormatException.class,
        () -> LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT32));
    assertThat(yarn.getMessage(), containsString("unsupported rope_scaling type \"yarn\""));
    assertThat(yarn.getMessage(), containsString("config.json"));

    Files.writeString(dir.resolve("config.json"), "{\"architectures\":[\"PhiForCausalLM\"],\"model_type\":\"phi\"}");
    ModelFormatException phi = assertThrows(ModelFormatException.class,
        () -> LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT32));
    assertThat(phi.getMessage(), containsString("unsupported architecture"));
    assertThat(phi.getMessage(), containsString("LlamaForCausalLM"));
    assertThat(phi.getMessage(), containsString("Qwen2ForCausalLM"));
  }

  @Test
  void lengthIsCappedByMaxPositionEmbeddings() throws Exception {
    Path dir = write(LlamaShape.TINY_LLAMA, TensorDType.F32, Long.MAX_VALUE);
    try (LanguageModel model = LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT32)) {
      int limit = model.config().maxPositionEmbeddings();
      int[] prompt = new int[limit - 3];
      Arrays.fill(prompt, 40);
      LanguageModel.PreparedRequest request = model.prepare(GenerationRequest.ofTokens(prompt,
          SamplingSettings.greedy(50), 0));
      assertThat(request.maxNewTokens(), is(3));
      assertThat(request.cappedByContext(), is(true));
    }
  }

  @Test
  void parameterCountsMatchThePublishedModels() {
    // transformers reports 134,515,008 parameters for SmolLM2-135M and 494,032,768 for Qwen2.5-0.5B.
    LlamaShape smol = LlamaShape.SMOLLM2_135M;
    LlamaConfig smolConfig = new LlamaConfig("llama", 49152, 8192, 576, 30, 9, 3, 64, 1536, 1e-5, 100000, null,
        false, false, true, 0, List.of(0));
    assertThat(smolConfig.parameterCount(), is(134_515_008L));
    LlamaConfig qwen = new LlamaConfig("qwen2", 151936, 32768, 896, 24, 14, 2, 64, 4864, 1e-6, 1e6, null,
        true, false, true, 0, List.of(0));
    assertThat(qwen.parameterCount(), is(494_032_768L));
    assertThat(smol.headDim(), is(64));
  }
}
