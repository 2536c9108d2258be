package dev.lullabeam.lib.lm.checkpoint;

import dev.lullabeam.lib.lm.LlamaConfig;
import dev.lullabeam.lib.lm.LlamaConfig.Llama3Scaling;
import java.util.List;
import java.util.Locale;

/**
 * The size of a Llama-family checkpoint to write.
 *
 * @param family {@link LlamaConfig#LLAMA} (Llama 3 special tokens and chat template) or
 *     {@link LlamaConfig#QWEN2} (ChatML tokens and template, q/k/v biases)
 * @param vocabSize the model's vocabulary; 0 means exactly the tiny tokenizer's
 */
public record LlamaShape(String name, String family, int hiddenSize, int numLayers, int numHeads,
    int numKeyValueHeads, int intermediateSize, int maxPositionEmbeddings, double ropeTheta,
    Llama3Scaling ropeScaling, boolean tieWordEmbeddings, int vocabSize) {

  /** Llama with grouped-query attention (4 heads share 2 key/value heads), untied head. */
  public static final LlamaShape TINY_LLAMA = new LlamaShape("tiny-llama", LlamaConfig.LLAMA, 64, 2, 4, 2, 96,
      128, 10000, null, false, 0);
  /** As {@link #TINY_LLAMA} with llama3 rope scaling whose three frequency bands all fall within head_dim 16. */
  public static final LlamaShape TINY_LLAMA3 = new LlamaShape("tiny-llama3", LlamaConfig.LLAMA, 64, 2, 4, 2, 96,
      128, 10000, new Llama3Scaling(8, 1, 4, 64), false, 0);
  /** Qwen2 with q/k/v biases, one key/value head for 4 query heads, tied head. */
  public static final LlamaShape TINY_QWEN2 = new LlamaShape("tiny-qwen2", LlamaConfig.QWEN2, 64, 2, 4, 1, 96,
      128, 1_000_000, null, true, 0);
  /** HuggingFaceTB/SmolLM2-135M(-Instruct)'s config: 134.5 M parameters. */
  public static final LlamaShape SMOLLM2_135M = new LlamaShape("smollm2-135m", LlamaConfig.LLAMA, 576, 30, 9, 3,
      1536, 8192, 100000, null, true, 49152);
  /** Qwen/Qwen2.5-0.5B(-Instruct)'s config: 494 M parameters. */
  public static final LlamaShape QWEN25_05B = new LlamaShape("qwen2.5-0.5b", LlamaConfig.QWEN2, 896, 24, 14, 2,
      4864, 32768, 1_000_000, null, true, 151936);

  public static final List<LlamaShape> ALL = List.of(TINY_LLAMA, TINY_LLAMA3, TINY_QWEN2, SMOLLM2_135M, QWEN25_05B);

  /** The shape of that name, or null. */
  public static LlamaShape named(String name) {
    for (LlamaShape shape : ALL) {
      if (shape.name().equals(name.toLowerCase(Locale.ROOT))) {
        return shape;
      }
    }
    return null;
  }

  public LlamaShape withMaxPositions(int positions) {
    return new LlamaShape(name, family, hiddenSize, numLayers, numHeads, numKeyValueHeads, intermediateSize,
        positions, ropeTheta, ropeScaling, tieWordEmbeddings, vocabSize);
  }

  public int headDim() {
    return hiddenSize / numHeads;
  }
}
