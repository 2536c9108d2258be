package dev.lullabeam.lib.stories;

import java.io.Serializable;

/**
 * Writes a story continuing a prompt. The pipeline never knows which engine: {@link
 * GptNeoStoryModel} runs GPT-Neo on DJL; tests may plug in something deterministic.
 * Implementations are shipped to workers and must load heavy state lazily, once per JVM.
 */
public interface StoryModel extends Serializable {

  /** What one call produced. */
  final class Written implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String text;
    public final int tokens;
    public final double seconds;

    public Written(String text, int tokens, double seconds) {
      this.text = text;
      this.tokens = tokens;
      this.seconds = seconds;
    }
  }

  /** The model's name for reports, e.g. {@code gpt-neo:EleutherAI/gpt-neo-125m}. */
  String name();

  /** Continues {@code prompt}; the same prompt and seed give the same text. */
  Written write(String prompt, long seed);

  /** Settings worth recording in an episode's JSON (sampling, device, …). */
  java.util.Map<String, Object> describe();

  /** model → (JVM → loads) in this JVM, for the report. */
  java.util.Map<String, java.util.Map<String, Integer>> loads();
}
