package dev.lullabeam.lib.stories;

import dev.lullabeam.lib.lm.StopRule;
import dev.lullabeam.lib.pace.Pace;
import dev.lullabeam.lib.quality.GateSettings;

/**
 * A generated story's length target turned into what the model and the gate need: the token budget
 * and the gate's word bounds. See docs/bedtime.md, "Length: --targetMinutes".
 */
public final class StoryLength {
  /** Tokens a word when the story so far has too few words to measure: GPT-Neo's English average. */
  public static final double DEFAULT_TOKENS_PER_WORD = 1.3;
  /** Fewest words of the story so far from which its own tokens-per-word is used. */
  public static final int MIN_MEASURED_WORDS = 5;
  /**
   * The budget allows this much more than the words still needed. It is a cap, not the aim: the
   * stop rule ({@link #stopAtWords}) ends a story at the first sentence end once the words written
   * reach the target, so the cap matters only when the text has more tokens a word than the prompt
   * measured or the model writes no sentence end; then the trimmer cuts back to the last full
   * sentence. (Before the stop rule the budget was the aim, at 1.15×, a figure never measured with
   * a real model; the stop rule makes the length independent of it.)
   */
  public static final double HEADROOM = 1.5;

  private StoryLength() {}

  /**
   * Tokens a word measured on the story so far: its tokenizer count ÷ its written word count
   * ({@link Pace#words}); {@link #DEFAULT_TOKENS_PER_WORD} when it has fewer than {@link
   * #MIN_MEASURED_WORDS} words.
   */
  public static double tokensPerWord(int tokens, int words) {
    return words < MIN_MEASURED_WORDS || tokens <= 0 ? DEFAULT_TOKENS_PER_WORD : (double) tokens / words;
  }

  /**
   * The most new tokens for a story that still needs {@code wordsToWrite} words: {@code
   * ceil(wordsToWrite × tokensPerWord × HEADROOM)}, at least {@code minNewTokens} and at least 1,
   * and never more than the context leaves ({@code contextRoom}: max_position_embeddings minus the
   * prompt's tokens).
   */
  public static int tokenBudget(int wordsToWrite, double tokensPerWord, int minNewTokens, int contextRoom) {
    long wanted = (long) Math.ceil(Math.max(0, wordsToWrite) * tokensPerWord * HEADROOM);
    long budget = Math.max(Math.max(wanted, minNewTokens), 1);
    return (int) Math.max(1, Math.min(budget, contextRoom));
  }

  /**
   * A stop rule for a story that still needs {@code wordsToWrite} words: stop at the sentence end
   * where the generated text reaches them ({@link Pace#words}, as the gate and the pace count).
   */
  public static StopRule stopAtWords(int wordsToWrite) {
    if (wordsToWrite <= 0) {
      throw new IllegalArgumentException("a word target must be positive, not " + wordsToWrite);
    }
    return (StopRule) text -> Pace.words(text) >= wordsToWrite;
  }

  /**
   * The gate's settings for a story of {@code targetWords}: the word bounds set to the target ±
   * {@link Pace#LENGTH_TOLERANCE} (25 %), rounded; everything else as given.
   */
  public static GateSettings gateBounds(GateSettings settings, int targetWords) {
    int min = (int) Math.floor(targetWords * (1 - Pace.LENGTH_TOLERANCE));
    int max = (int) Math.ceil(targetWords * (1 + Pace.LENGTH_TOLERANCE));
    return settings.withWordBounds(min, Math.max(min, max));
  }
}
