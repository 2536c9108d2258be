package dev.lullabeam.lib.lm.checkpoint;

import java.util.Locale;

/**
 * The size of a GPT-Neo to write. Layers alternate global and local attention as in the released
 * models.
 *
 * @param vocabulary {@link Vocabulary#GPT2} for the real 50257-token GPT-2 BPE, or
 *     {@link Vocabulary#TINY} for a small byte-level BPE (the 256 bytes, the first 200 GPT-2 merges
 *     and {@code <|endoftext|>}: 457 tokens)
 */
public record CheckpointShape(String name, Vocabulary vocabulary, int hiddenSize, int numLayers,
    int numHeads, int windowSize, int maxPositionEmbeddings) {

  public enum Vocabulary { TINY, GPT2 }

  /** Small enough for unit tests: about 0.3 M parameters. */
  public static final CheckpointShape TINY = new CheckpointShape("tiny", Vocabulary.TINY, 64, 4, 4, 8, 128);
  /** The shape of EleutherAI/gpt-neo-125m (125 M parameters). */
  public static final CheckpointShape GPT_NEO_125M =
      new CheckpointShape("gpt-neo-125m", Vocabulary.GPT2, 768, 12, 12, 256, 2048);

  public static CheckpointShape named(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "tiny": return TINY;
      case "gpt-neo-125m": case "125m": return GPT_NEO_125M;
      default: throw new IllegalArgumentException("unknown checkpoint shape \"" + name
          + "\"; use tiny, gpt-neo-125m, tiny-llama, tiny-llama3, tiny-qwen2, smollm2-135m or qwen2.5-0.5b");
    }
  }

  public CheckpointShape withMaxPositions(int positions) {
    return new CheckpointShape(name, vocabulary, hiddenSize, numLayers, numHeads, windowSize, positions);
  }

  public CheckpointShape withWindow(int window) {
    return new CheckpointShape(name, vocabulary, hiddenSize, numLayers, numHeads, window, maxPositionEmbeddings);
  }
}
