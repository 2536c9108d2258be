package dev.lullabeam.lib.lm;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link BatchingGenerator} groups requests.
 *
 * @param maxBatchSize at most this many requests run as one batch
 * @param linger how long the owner thread waits for more requests after the first one arrives
 */
public record BatchingOptions(int maxBatchSize, Duration linger) {
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
