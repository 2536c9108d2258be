package dev.lullabeam.lib.random;

/**
 * The SplitMix64 mixing function (Steele, Lea and Flood 2014; the finaliser of Java's {@code
 * SplittableRandom}). It spreads nearby inputs — seed 7 and seed 8, attempt 1 and attempt 2 — over
 * the whole 64-bit range, deterministically on every JVM.
 */
public final class SplitMix64 {
  /** The golden-ratio increment SplitMix64 adds between outputs. */
  public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private SplitMix64() {}

  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The {@code n}-th output of a SplitMix64 generator started at {@code seed} (n ≥ 1). */
  public static long nth(long seed, long n) {
    return mix(seed + n * GOLDEN_GAMMA);
  }
}
