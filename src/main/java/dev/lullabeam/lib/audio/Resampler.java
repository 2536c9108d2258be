package dev.lullabeam.lib.audio;

/**
 * Band-limited resampling of mono audio by windowed-sinc interpolation (a Blackman-windowed sinc
 * over 16 zero crossings each side, cut-off at 95 % of the lower Nyquist frequency), polyphase:
 * for rates with a small common step (22,050 → 48,000 Hz has 320 phases) the filter is computed
 * once per phase. Good enough for speech, in the JVM, without an ffmpeg process per clip.
 */
public final class Resampler {

  private static final int HALF_WIDTH = 16;
  private static final double ROLL_OFF = 0.95;

  private Resampler() {}

  /** {@code input} (at {@code from} Hz) at {@code to} Hz. */
  public static float[] resample(float[] input, int from, int to) {
    if (from <= 0 || to <= 0) {
      throw new IllegalArgumentException("rates must be positive: " + from + " → " + to);
    }
    if (from == to) {
      return input.clone();
    }
    int g = gcd(from, to);
    long up = to / g; // phases
    long down = from / g;
    if (up > 1 << 14) {
      throw new IllegalArgumentException("no polyphase filter for " + from + " → " + to + " Hz");
    }
    double cutoff = ROLL_OFF * Math.min(1.0, (double) to / from); // cycles per input sample
    double half = HALF_WIDTH / cutoff;
    int taps = (int) Math.ceil(half) + 1;
    double[][] filter = new double[(int) up][2 * taps];
    for (int phase = 0; phase < up; phase++) {
      double frac = (double) phase / up;
      for (int j = 0; j < 2 * taps; j++) {
        double d = frac + taps - 1 - j; // x - k for k = base - taps + 1 + j
        if (Math.abs(d) <= half) {
          double w =
              0.42 + 0.5 * Math.cos(Math.PI * d / half) + 0.08 * Math.cos(2 * Math.PI * d / half);
          filter[phase][j] = cutoff * sinc(cutoff * d) * w;
        }
      }
    }
    int outLength = (int) ((long) input.length * up / down);
    float[] out = new float[outLength];
    for (int n = 0; n < outLength; n++) {
      long position = n * down;
      int base = (int) (position / up);
      double[] f = filter[(int) (position % up)];
      int first = base - taps + 1;
      double sum = 0;
      int jStart = Math.max(0, -first);
      int jEnd = Math.min(2 * taps, input.length - first);
      for (int j = jStart; j < jEnd; j++) {
        sum += input[first + j] * f[j];
      }
      out[n] = (float) sum;
    }
    return out;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  private static double sinc(double x) {
    if (Math.abs(x) < 1e-12) {
      return 1.0;
    }
    double px = Math.PI * x;
    return Math.sin(px) / px;
  }
}
