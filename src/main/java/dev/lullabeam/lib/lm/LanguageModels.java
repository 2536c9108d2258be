package dev.lullabeam.lib.lm;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One copy of each model per device and compute type per JVM. A pipeline worker runs many DoFn
 * instances; they all look their model up here, the first caller loads it, and every caller shares
 * the same {@link BatchingGenerator}, whose owner thread batches their requests together.
 * The number of loads per key is kept for the pipeline report ("model loads per JVM").
 */
public final class LanguageModels {
  private static final Logger LOG = LoggerFactory.getLogger(LanguageModels.class);
  private static final Map<ModelKey, Holder> MODELS = new ConcurrentHashMap<>();
  private static final Map<ModelKey, AtomicInteger> LOADS = new ConcurrentHashMap<>();

  private LanguageModels() {}

  /** Loads lazily on first use, exactly once per key even when many threads ask at the same time. */
  private static final class Holder {
    private final ModelKey key;
    private BatchingGenerator generator;

    Holder(ModelKey key) {
      this.key = key;
    }

    synchronized BatchingGenerator get(BatchingOptions options) {
      if (generator == null) {
        long start = System.nanoTime();
        LanguageModel model = LanguageModel.load(key.modelDir(), key.device().toDjlDevice(), key.computeType());
        generator = new BatchingGenerator(model, options);
        LOADS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        LOG.info("Loaded {} in {} ms", key, (System.nanoTime() - start) / 1_000_000);
      } else if (!generator.options().equals(options)) {
        throw new IllegalArgumentException("model " + key + " is already running with " + generator.options()
            + "; it cannot also run with " + options);
      }
      return generator;
    }

    synchronized void close() {
      if (generator != null) {
        generator.close();
        generator = null;
      }
    }
  }

  public static BatchingGenerator generator(ModelKey key) {
    return generator(key, BatchingOptions.DEFAULT);
  }

  /**
   * The shared generator for {@code key}, loading the model on first use.
   *
   * @throws IllegalArgumentException if the model already runs with other batching options
   * @throws ModelFormatException if the model directory cannot be used
   */
  public static BatchingGenerator generator(ModelKey key, BatchingOptions options) {
    return MODELS.computeIfAbsent(key, Holder::new).get(options);
  }

  /** How many times the model for {@code key} has been loaded in this JVM. */
  public static int loadCount(ModelKey key) {
    AtomicInteger count = LOADS.get(key);
    return count == null ? 0 : count.get();
  }

  /** Loads per model key so far, for reports. */
  public static Map<ModelKey, Integer> loadCounts() {
    Map<ModelKey, Integer> snapshot = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    LOADS.forEach((key, count) -> snapshot.put(key, count.get()));
    return snapshot;
  }

  /** Closes one shared model (its next use loads it again, and that counts as another load). */
  public static void close(ModelKey key) {
    Holder holder = MODELS.remove(key);
    if (holder != null) {
      holder.close();
    }
  }
}
