package dev.lullabeam.lib.stories;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Writes stories continuing prompts. The pipeline never knows which engine: {@link
 * GptNeoStoryModel} runs GPT-Neo on DJL; tests may plug in something deterministic.
 * Implementations are shipped to workers; each user (a DoFn instance) {@link #open}s a session,
 * which shares one copy of the model per JVM with every other session and releases it on close.
 */
public interface StoryModel extends Serializable {

  /**
   * One story to write: the whole prompt given to the model and the seed of this attempt.
   *
   * @param chat the text is a user message for an instruct model (a catalogue brief), answered
   *     through the model's chat template with the model's brief system prompt, not continued
   * @param wordsToWrite words the model should still write to reach the story's target length
   *     (0: no target, the model's own max new tokens apply); the token budget then comes from the
   *     tokens-per-word of the story so far ({@link StoryLength})
   */
  record Prompt(String text, long seed, boolean chat, int wordsToWrite) {
    public Prompt(String text, long seed) {
      this(text, seed, false);
    }

    public Prompt(String text, long seed, boolean chat) {
      this(text, seed, chat, 0);
    }
  }

  /**
   * What the model wrote for one prompt: the text with its token count and time, or, when it
   * could write nothing, the failure (then the text is empty).
   *
   * @param tokenBudget the most new tokens this prompt was allowed (its own budget when the story
   *     has a target length), 0 when not known
   * @param finish why generation ended ({@code end_of_text}, {@code max_new_tokens}, {@code
   *     context_full}, {@code stop_rule}: the target length was reached at a sentence end), or null
   */
  record Written(
      String text,
      int tokens,
      double seconds,
      @Nullable GenerationFailure failure,
      int tokenBudget,
      @Nullable String finish)
      implements Serializable {

    public Written(String text, int tokens, double seconds, @Nullable GenerationFailure failure) {
      this(text, tokens, seconds, failure, 0, null);
    }

    public static Written story(String text, int tokens, double seconds) {
      return new Written(text, tokens, seconds, null);
    }

    public static Written story(String text, int tokens, double seconds, int tokenBudget, String finish) {
      return new Written(text, tokens, seconds, null, tokenBudget, finish);
    }

    public static Written failed(Throwable error) {
      return new Written("", 0, 0, GenerationFailure.of(error));
    }

    /** The same result with another text, e.g. the prompt put in front of it. */
    public Written withText(String other) {
      return new Written(other, tokens, seconds, failure, tokenBudget, finish);
    }
  }

  /** One user's hold on the model; loads it on the first write in the JVM, not before. */
  interface Session extends AutoCloseable {
    /**
     * Writes one story per prompt, the prompts of this call together (e.g. in one batch). The same
     * prompt and seed give the same text. {@code onLoad} runs in this thread if this call loaded
     * the model. A prompt the model cannot continue gets a failed {@link Written}; so do all when
     * the model cannot be loaded.
     */
    List<Written> write(List<Prompt> prompts, Runnable onLoad) throws InterruptedException;

    /** Releases this hold; the last release in the JVM closes the model. */
    @Override
    void close();
  }

  /**
   * The model's name for reports and metrics, e.g. {@code gpt-neo:EleutherAI/gpt-neo-125m} or
   * {@code llama:HuggingFaceTB/SmolLM2-135M}.
   */
  String name();

  /** Settings worth recording in an episode's JSON (sampling, device, …), in snake_case. */
  Map<String, Object> describe();

  /** Registers one more user of the model in this JVM; cheap, loads nothing. */
  Session open();
}
