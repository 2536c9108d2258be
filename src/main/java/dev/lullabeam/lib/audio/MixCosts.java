package dev.lullabeam.lib.audio;

import java.util.concurrent.atomic.LongAdder;

/**
 * Where the mix's time goes, summed over every episode mixed in this JVM: what {@code
 * bench-season} prints to show the mix's share and how many episodes were encoded twice.
 */
public final class MixCosts {

  private final LongAdder episodes = new LongAdder();
  private final LongAdder encodes = new LongAdder();
  private final LongAdder reencoded = new LongAdder();
  private final LongAdder compressNanos = new LongAdder();
  private final LongAdder prepareNanos = new LongAdder();
  private final LongAdder encodeNanos = new LongAdder();
  private final LongAdder measureNanos = new LongAdder();

  MixCosts() {}

  void record(long compress, long prepare, long encode, long measure, int encodeCount) {
    episodes.increment();
    encodes.add(encodeCount);
    if (encodeCount > 1) {
      reencoded.increment();
    }
    compressNanos.add(compress);
    prepareNanos.add(prepare);
    encodeNanos.add(encode);
    measureNanos.add(measure);
  }

  /** A snapshot of the sums. */
  public record Snapshot(
      long episodes,
      long encodes,
      long reencodedEpisodes,
      double compressSeconds,
      double bedLoudnessLimiterSeconds,
      double encodeSeconds,
      double measureSeconds) {

    /** The sums since {@code earlier}. */
    public Snapshot minus(Snapshot earlier) {
      return new Snapshot(
          episodes - earlier.episodes,
          encodes - earlier.encodes,
          reencodedEpisodes - earlier.reencodedEpisodes,
          compressSeconds - earlier.compressSeconds,
          bedLoudnessLimiterSeconds - earlier.bedLoudnessLimiterSeconds,
          encodeSeconds - earlier.encodeSeconds,
          measureSeconds - earlier.measureSeconds);
    }
  }

  public Snapshot snapshot() {
    return new Snapshot(
        episodes.sum(),
        encodes.sum(),
        reencoded.sum(),
        compressNanos.sum() / 1e9,
        prepareNanos.sum() / 1e9,
        encodeNanos.sum() / 1e9,
        measureNanos.sum() / 1e9);
  }
}
