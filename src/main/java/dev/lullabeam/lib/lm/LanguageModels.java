package dev.lullabeam.lib.lm;

import dev.lullabeam.lib.models.SharedModels;

/**
 * One copy of each model per device and compute type per JVM. A pipeline worker runs many DoFn
 * instances; each {@link #acquire}s a lease in its {@code @Setup}, the first {@link
 * SharedModels.Lease#get} in the JVM loads the model, and every user shares the same {@link
 * BatchingGenerator}, which batches their requests together. When the last lease is closed the
 * model is closed; nothing of it (no thread, no native memory) outlives its users.
 */
public final class LanguageModels {
  private static final SharedModels<ModelKey, BatchingGenerator> MODELS =
      new SharedModels<>(
          key ->
              new BatchingGenerator(
                  LanguageModel.load(key.modelDir(), key.device().toDjlDevice(), key.computeType())));

  private LanguageModels() {}

  /**
   * Registers one more user of the model for {@code key}; loads nothing. {@code get} on the lease
   * loads it (throwing {@link ModelFormatException} when the directory cannot be used); close the
   * lease when done.
   */
  public static SharedModels<ModelKey, BatchingGenerator>.Lease acquire(ModelKey key) {
    return MODELS.acquire(key);
  }

  /** How many times the model for {@code key} has been loaded in this JVM. */
  public static int loadCount(ModelKey key) {
    return MODELS.loadCount(key);
  }

  /** Whether a copy for {@code key} is loaded now. */
  public static boolean isLoaded(ModelKey key) {
    return MODELS.isLoaded(key);
  }
}
