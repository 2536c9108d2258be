package dev.lullabeam.lib.lm;

/**
 * What one request produced.
 *
 * @param prompt the prompt text (decoded from the ids when the request gave ids)
 * @param generatedIds new tokens only; the end-of-text token that stopped generation is not included
 * @param text {@code generatedIds} decoded
 */
public record GenerationResult(String prompt, int[] promptIds, int[] generatedIds, String text,
    FinishReason finishReason) {

  public enum FinishReason {
    /** The model chose end-of-text. */
    END_OF_TEXT,
    /** The request's max new tokens were produced. */
    MAX_NEW_TOKENS,
    /** Stopped earlier than asked because prompt + output reached max_position_embeddings. */
    CONTEXT_FULL,
    /** The request's {@link StopRule} ended it at a sentence end (e.g. a story's target length). */
    STOP_RULE
  }

  @Override
  public int[] promptIds() {
    return promptIds.clone();
  }

  @Override
  public int[] generatedIds() {
    return generatedIds.clone();
  }
}
