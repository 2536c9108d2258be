package dev.lullabeam.lib.audio;

import java.util.Arrays;

/**
 * A look-ahead peak limiter on whole interleaved buffers in memory: applies a gain and holds every
 * sample under a ceiling, with no sample over it by construction.
 *
 * <p>The gain each frame needs, {@code min(1, ceiling / |peak of its channels|)}, is reduced to its
 * minimum over the next {@code attack} (look-ahead window), released towards 1 with a one-pole
 * curve of time constant {@code release}, then averaged over the last {@code attack}: each
 * averaged value is a mean of values that already held that frame under the ceiling, so the gain
 * ramps down smoothly over the attack time before a peak and is still low enough at the peak.
 * The whole buffer is known, so the look-ahead costs no delay.
 *
 * <p>This limits sample peaks; the mix measures the true peak (4× oversampled) of the result and
 * lowers the ceiling by what inter-sample peaks add, see {@link EpisodeMixer}.
 */
public final class PeakLimiter {

  private PeakLimiter() {}

  /**
   * @param samples interleaved, full scale 1.0
   * @param gain linear gain applied before limiting
   * @param ceiling highest absolute sample value allowed (linear)
   * @return a new array, {@code samples · gain}, limited
   */
  public static float[] limit(
      float[] samples, int channels, int sampleRate, double gain, double ceiling,
      double attackSeconds, double releaseSeconds) {
    int frames = samples.length / channels;
    int lookAhead = Math.max(1, (int) Math.round(attackSeconds * sampleRate));
    double releaseCoefficient = 1 - Math.exp(-1.0 / (releaseSeconds * sampleRate));
    double[] needed = new double[frames];
    for (int n = 0; n < frames; n++) {
      double peak = 0;
      for (int c = 0; c < channels; c++) {
        peak = Math.max(peak, Math.abs(samples[n * channels + c]));
      }
      double level = peak * gain;
      needed[n] = level > ceiling ? ceiling / level : 1.0;
    }
    float[] out = new float[samples.length];
    // Window minimum over frames [m, m + lookAhead] by a monotonic deque of indices, for m from
    // -lookAhead so that the average below has values for its first frames too.
    int[] window = new int[lookAhead + 2]; // a ring of frame indices, needed[] increasing
    int head = 0; // index of the oldest entry
    int size = 0;
    double[] ring = new double[lookAhead + 1];
    Arrays.fill(ring, 1.0);
    double ringSum = lookAhead + 1;
    double released = 1.0;
    int next = 0;
    for (int m = -lookAhead; m < frames; m++) {
      int last = Math.min(frames - 1, m + lookAhead);
      for (; next <= last; next++) {
        while (size > 0 && needed[window[(head + size - 1) % window.length]] >= needed[next]) {
          size--;
        }
        window[(head + size) % window.length] = next;
        size++;
      }
      while (size > 0 && window[head] < m) {
        head = (head + 1) % window.length;
        size--;
      }
      double minimum = size == 0 ? 1.0 : needed[window[head]];
      released =
          minimum <= released ? minimum : released + (minimum - released) * releaseCoefficient;
      int slot = Math.floorMod(m, lookAhead + 1);
      ringSum += released - ring[slot];
      ring[slot] = released;
      if (m >= 0) {
        // The mean of the last lookAhead + 1 released values, each of which is ≤ needed[m];
        // min() keeps rounding in the running sum from lifting it over.
        double g = Math.min(ringSum / (lookAhead + 1), needed[m]) * gain;
        for (int c = 0; c < channels; c++) {
          out[m * channels + c] = (float) (samples[m * channels + c] * g);
        }
      }
    }
    return out;
  }
}
