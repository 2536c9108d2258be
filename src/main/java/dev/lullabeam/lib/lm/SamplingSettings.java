package dev.lullabeam.lib.lm;

import java.io.Serializable;

/**
 * How the next token is chosen, with Hugging Face {@code generate} semantics.
 *
 * @param temperature 0 means greedy (argmax); otherwise logits are divided by it before sampling
 * @param topK keep only the k most likely tokens; 0 disables
 * @param topP keep the smallest set of most likely tokens whose probability reaches p; 1 disables
 * @param repetitionPenalty CTRL-style: logits of tokens already in prompt or output are divided by it
 *     (multiplied when negative); 1 disables
 * @param noRepeatNgramSize forbid any n-gram of this size from occurring twice; 0 disables
 * @param minNewTokens end-of-text cannot be chosen before this many new tokens
 * @param maxNewTokens upper bound of new tokens; capped further so prompt + output fit the model
 */
public record SamplingSettings(
    double temperature,
    int topK,
    double topP,
    double repetitionPenalty,
    int noRepeatNgramSize,
    int minNewTokens,
    int maxNewTokens)
    implements Serializable {

  public SamplingSettings {
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be ≥ 0, got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("top-k must be ≥ 0, got " + topK);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
    }
    if (!(repetitionPenalty > 0) || Double.isInfinite(repetitionPenalty)) {
      throw new IllegalArgumentException("repetition penalty must be > 0, got " + repetitionPenalty);
    }
    if (noRepeatNgramSize < 0) {
      throw new IllegalArgumentException("no-repeat n-gram size must be ≥ 0, got " + noRepeatNgramSize);
    }
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("max new tokens must be ≥ 1, got " + maxNewTokens);
    }
    if (minNewTokens < 0 || minNewTokens > maxNewTokens) {
      throw new IllegalArgumentException("min new tokens must be in 0.." + maxNewTokens + ", got "
          + minNewTokens);
    }
  }

  /** Argmax decoding with no other processing. */
  public static SamplingSettings greedy(int maxNewTokens) {
    return new SamplingSettings(0, 0, 1, 1, 0, 0, maxNewTokens);
  }

  /**
   * Settings that counter GPT-Neo's known weaknesses in stories, repetition loops and regurgitated
   * web text, with the usual remedies: nucleus sampling at top-p 0.9–0.95, a CTRL-style repetition
   * penalty of about 1.2 and no repeated 3- or 4-gram.
   */
  public static SamplingSettings storyDefaults(int maxNewTokens) {
    return new SamplingSettings(0.8, 0, 0.92, 1.2, 3, 0, maxNewTokens);
  }

  public boolean isGreedy() {
    return temperature == 0;
  }

  public SamplingSettings withMaxNewTokens(int value) {
    return new SamplingSettings(temperature, topK, topP, repetitionPenalty, noRepeatNgramSize,
        Math.min(minNewTokens, value), value);
  }

  public SamplingSettings withMinNewTokens(int value) {
    return new SamplingSettings(temperature, topK, topP, repetitionPenalty, noRepeatNgramSize, value,
        maxNewTokens);
  }
}
