package dev.lullabeam.lib.lm;

import java.util.Arrays;
import java.util.Objects;

/**
 * One sequence to continue. The seed drives this sequence's own random generator, so the same seed,
 * prompt, settings and model give the same tokens whatever else shares the batch.
 *
 * @param prompt the prompt text, or null when the request is given as token ids
 * @param promptIds token ids, or null to tokenize {@code prompt}
 */
public record GenerationRequest(String prompt, int[] promptIds, SamplingSettings sampling, long seed) {

  public GenerationRequest {
    Objects.requireNonNull(sampling, "sampling");
    if ((prompt == null) == (promptIds == null)) {
      throw new IllegalArgumentException("give either prompt text or prompt ids");
    }
    promptIds = promptIds == null ? null : promptIds.clone();
  }

  public static GenerationRequest ofText(String prompt, SamplingSettings sampling, long seed) {
    return new GenerationRequest(Objects.requireNonNull(prompt, "prompt"), null, sampling, seed);
  }

  public static GenerationRequest ofTokens(int[] promptIds, SamplingSettings sampling, long seed) {
    return new GenerationRequest(null, Objects.requireNonNull(promptIds, "promptIds"), sampling, seed);
  }

  @Override
  public int[] promptIds() {
    return promptIds == null ? null : promptIds.clone();
  }

  @Override
  public String toString() {
    return "GenerationRequest[" + (prompt != null ? "prompt=" + prompt : "promptIds="
        + Arrays.toString(promptIds)) + ", sampling=" + sampling + ", seed=" + seed + "]";
  }
}
