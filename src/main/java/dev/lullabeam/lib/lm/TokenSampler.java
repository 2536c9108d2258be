package dev.lullabeam.lib.lm;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Chooses the next token of one sequence from its float32 logits on the host, applying the logits
 * processors in Hugging Face's order: repetition penalty, no-repeat n-gram, min new tokens, then
 * temperature, top-k, top-p and a multinomial draw. A sequence's own random generator is the only
 * source of randomness, which is what makes a seed reproduce regardless of the batch.
 */
final class TokenSampler {
  /** Tokens this far below the best logit have probability below e^-30 ≈ 1e-13 and cannot change a
   *  top-p cut; leaving them out of the sort keeps sampling cheap with a 50k vocabulary. */
  private static final float NEGLIGIBLE_LOGIT_GAP = 30f;

  private TokenSampler() {}

  /**
   * @param logits the row's logits; modified in place
   * @param history prompt ids followed by the ids generated so far ({@code length} of them valid)
   * @param generated how many new tokens the sequence has already
   * @param stopIds ids that end generation (end-of-text, end-of-turn, …), possibly none
   */
  static int next(float[] logits, int[] history, int length, int generated, SamplingSettings settings,
      int[] stopIds, RandomGenerator random) {
    if (settings.repetitionPenalty() != 1.0) {
      applyRepetitionPenalty(logits, history, length, (float) settings.repetitionPenalty());
    }
    if (settings.noRepeatNgramSize() > 0) {
      banRepeatedNgrams(logits, history, length, settings.noRepeatNgramSize());
    }
    if (generated < settings.minNewTokens()) {
      // Like transformers' MinNewTokensLengthLogitsProcessor: every end id is banned.
      for (int stop : stopIds) {
        logits[stop] = Float.NEGATIVE_INFINITY;
      }
    }
    if (settings.isGreedy()) {
      return argMax(logits);
    }
    return sample(logits, settings, random);
  }

  private static void applyRepetitionPenalty(float[] logits, int[] history, int length, float penalty) {
    boolean[] seen = new boolean[logits.length];
    for (int i = 0; i < length; i++) {
      int token = history[i];
      if (!seen[token]) {
        seen[token] = true;
        float score = logits[token];
        logits[token] = score < 0 ? score * penalty : score / penalty;
      }
    }
  }

  /** Bans every token that would complete an n-gram already present in the history. */
  private static void banRepeatedNgrams(float[] logits, int[] history, int length, int n) {
    if (length + 1 < n) {
      return;
    }
    int prefixStart = length - (n - 1);
    for (int start = 0; start + n <= length; start++) {
      boolean samePrefix = true;
      for (int k = 0; k < n - 1 && samePrefix; k++) {
        samePrefix = history[start + k] == history[prefixStart + k];
      }
      if (samePrefix) {
        logits[history[start + n - 1]] = Float.NEGATIVE_INFINITY;
      }
    }
  }

  static int argMax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }

  private static int sample(float[] logits, SamplingSettings settings, RandomGenerator random) {
    float inverseTemperature = (float) (1.0 / settings.temperature());
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < logits.length; i++) {
      logits[i] *= inverseTemperature;
      max = Math.max(max, logits[i]);
    }
    // Candidates sorted by logit, best first; ties keep the lower id first for determinism.
    int count = 0;
    long[] keys = new long[logits.length];
    for (int i = 0; i < logits.length; i++) {
      if (logits[i] >= max - NEGLIGIBLE_LOGIT_GAP) {
        keys[count++] = sortKeyDescending(logits[i], i);
      }
    }
    keys = Arrays.copyOf(keys, count);
    Arrays.sort(keys);
    int kept = count;
    if (settings.topK() > 0 && settings.topK() < kept) {
      // Hugging Face keeps every token whose logit ties the k-th best.
      float kth = logits[tokenOf(keys[settings.topK() - 1])];
      kept = settings.topK();
      while (kept < count && logits[tokenOf(keys[kept])] == kth) {
        kept++;
      }
    }
    double[] probabilities = new double[kept];
    double total = 0;
    for (int r = 0; r < kept; r++) {
      probabilities[r] = Math.exp(logits[tokenOf(keys[r])] - max);
      total += probabilities[r];
    }
    if (settings.topP() < 1.0) {
      // Keep a token while the probability of the tokens ranked above it is below top-p.
      double above = 0;
      int nucleus = 0;
      while (nucleus < kept && above < settings.topP() * total) {
        above += probabilities[nucleus];
        nucleus++;
      }
      kept = Math.max(1, nucleus);
      total = above;
    }
    double draw = random.nextDouble() * total;
    double cumulative = 0;
    for (int r = 0; r < kept; r++) {
      cumulative += probabilities[r];
      if (draw < cumulative) {
        return tokenOf(keys[r]);
      }
    }
    return tokenOf(keys[kept - 1]);
  }

  /** Packs (logit, id) into a long whose ascending order is descending logit, then ascending id. */
  private static long sortKeyDescending(float logit, int token) {
    int bits = Float.floatToIntBits(logit);
    // Map float order onto signed-int order, then negate for descending.
    int ordered = bits >= 0 ? bits : bits ^ 0x7fffffff;
    long descending = -(long) ordered;
    return (descending << 32) | (token & 0xffffffffL);
  }

  private static int tokenOf(long key) {
    return (int) key;
  }
}
