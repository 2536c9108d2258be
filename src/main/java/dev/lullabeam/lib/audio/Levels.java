package dev.lullabeam.lib.audio;

/** Level measurements and gain on 16-bit PCM. */
public final class Levels {

  private Levels() {}

  public static double toDb(double linear) {
    return 20 * Math.log10(Math.max(linear, 1e-12));
  }

  public static double fromDb(double db) {
    return Math.pow(10, db / 20);
  }

  /** Highest absolute sample, relative to full scale (1.0). */
  public static double peak(short[] samples) {
    int max = 0;
    for (short s : samples) {
      max = Math.max(max, Math.abs((int) s));
    }
    return max / 32768.0;
  }

  /**
   * RMS level in dBFS of the active parts only, on float samples (full scale 1.0): 50 ms windows
   * quieter than {@code gateDb} are left out, so pauses between sentences do not pull a voice's
   * level down.
   */
  public static double activeRmsDb(float[] samples, int sampleRate, int channels, double gateDb) {
    int window = Math.max(1, sampleRate / 20) * channels;
    double gate = fromDb(gateDb);
    double sum = 0;
    long count = 0;
    for (int start = 0; start < samples.length; start += window) {
      int end = Math.min(samples.length, start + window);
      double windowSum = 0;
      for (int i = start; i < end; i++) {
        double v = samples[i];
        windowSum += v * v;
      }
      if (Math.sqrt(windowSum / (end - start)) >= gate) {
        sum += windowSum;
        count += end - start;
      }
    }
    return count == 0 ? Double.NEGATIVE_INFINITY : toDb(Math.sqrt(sum / count));
  }

  /** A copy scaled by {@code gain}, clipped to the 16-bit range. */
  public static short[] scaled(short[] samples, double gain) {
    short[] out = new short[samples.length];
    for (int i = 0; i < samples.length; i++) {
      out[i] = clip(samples[i] * gain);
    }
    return out;
  }

  static short clip(double value) {
    long rounded = Math.round(value);
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
  }
}
