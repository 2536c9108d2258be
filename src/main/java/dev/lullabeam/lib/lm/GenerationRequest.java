package dev.lullabeam.lib.lm;

import dev.lullabeam.lib.chat.ChatMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One sequence to continue. The seed drives this sequence's own random generator, so the same seed,
 * prompt, settings and model give the same tokens whatever else shares the batch.
 *
 * @param prompt the prompt text, or null when the request is given as token ids or a chat
 * @param promptIds token ids, or null to tokenize {@code prompt}
 * @param chat a conversation to render with the model's chat template and answer, or null
 * @param stopRule when to stop before the max new tokens (at a sentence end), or null for never
 */
public record GenerationRequest(String prompt, int[] promptIds, SamplingSettings sampling, long seed,
    List<ChatMessage> chat, StopRule stopRule) {

  public GenerationRequest {
    Objects.requireNonNull(sampling, "sampling");
    int given = (prompt == null ? 0 : 1) + (promptIds == null ? 0 : 1) + (chat == null ? 0 : 1);
    if (given != 1) {
      throw new IllegalArgumentException("give one of prompt text, prompt ids or a chat");
    }
    promptIds = promptIds == null ? null : promptIds.clone();
    chat = chat == null ? null : List.copyOf(chat);
  }

  public GenerationRequest(String prompt, int[] promptIds, SamplingSettings sampling, long seed,
      List<ChatMessage> chat) {
    this(prompt, promptIds, sampling, seed, chat, null);
  }

  public GenerationRequest(String prompt, int[] promptIds, SamplingSettings sampling, long seed) {
    this(prompt, promptIds, sampling, seed, null, null);
  }

  /** This request, stopping also where {@code rule} says (at the end of a sentence). */
  public GenerationRequest withStopRule(StopRule rule) {
    return new GenerationRequest(prompt, promptIds, sampling, seed, chat, rule);
  }

  public static GenerationRequest ofText(String prompt, SamplingSettings sampling, long seed) {
    return new GenerationRequest(Objects.requireNonNull(prompt, "prompt"), null, sampling, seed);
  }

  public static GenerationRequest ofTokens(int[] promptIds, SamplingSettings sampling, long seed) {
    return new GenerationRequest(null, Objects.requireNonNull(promptIds, "promptIds"), sampling, seed);
  }

  /** A conversation the model answers (an instruct model: its chat template renders it). */
  public static GenerationRequest ofChat(List<ChatMessage> chat, SamplingSettings sampling, long seed) {
    return new GenerationRequest(null, null, sampling, seed, Objects.requireNonNull(chat, "chat"));
  }

  @Override
  public int[] promptIds() {
    return promptIds == null ? null : promptIds.clone();
  }

  @Override
  public String toString() {
    return "GenerationRequest[" + (prompt != null ? "prompt=" + prompt : chat != null ? "chat=" + chat
        : "promptIds=" + Arrays.toString(promptIds)) + ", sampling=" + sampling + ", seed=" + seed + (stopRule == null ? "" : ", with a stop rule") + "]";
  }
}
