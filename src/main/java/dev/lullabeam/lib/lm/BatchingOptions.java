package dev.lullabeam.lib.lm;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link BatchingGenerator} groups requests; given by each waiting caller, since whichever
 * caller holds the model runs the next batch.
 *
 * @param maxBatchSize at most this many requests run as one batch
 * @param linger how long the caller running a batch waits for the queue to fill up
 */
public record BatchingOptions(int maxBatchSize, Duration linger) implements Serializable {
  public static final BatchingOptions DEFAULT = new BatchingOptions(8, Duration.ofMillis(20));

  public BatchingOptions {
    Objects.requireNonNull(linger, "linger");
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("batch size must be ≥ 1, got " + maxBatchSize);
    }
    if (linger.isNegative()) {
      throw new IllegalArgumentException("linger must not be negative, got " + linger);
    }
  }
}
