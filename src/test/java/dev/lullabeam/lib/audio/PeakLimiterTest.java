package dev.lullabeam.lib.audio;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import org.junit.jupiter.api.Test;

/** The look-ahead limiter: nothing over its ceiling, smooth, and the gain comes back. */
class PeakLimiterTest {

  private static final int RATE = 48000;
  private static final double CEILING = Levels.fromDb(-1.6);

  /** Stereo: a −20 dBFS tone, with a 20 ms burst at 0 dBFS at 1 s (left only). */
  private static float[] toneWithBurst() {
    float[] x = new float[2 * 2 * RATE];
    for (int n = 0; n < 2 * RATE; n++) {
      double tone = 0.1 * Math.sin(2 * Math.PI * 300 * n / RATE);
      double burst = n >= RATE && n < RATE + RATE / 50 ? 0.9 * Math.sin(2 * Math.PI * 1000 * n / RATE) : 0;
      x[2 * n] = (float) (tone + burst);
      x[2 * n + 1] = (float) tone;
    }
    return x;
  }

  @Test
  void noSampleGoesOverTheCeiling() {
    float[] x = toneWithBurst();
    float[] y = PeakLimiter.limit(x, 2, RATE, 2.0, CEILING, 0.005, 0.080);
    for (float v : y) {
      assertThat((double) Math.abs(v), lessThanOrEqualTo(CEILING * (1 + 1e-6)));
    }
  }

  @Test
  void theBurstIsHeldAtTheCeilingAndTheGainRecovers() {
    float[] x = toneWithBurst();
    double gain = 2.0;
    float[] y = PeakLimiter.limit(x, 2, RATE, gain, CEILING, 0.005, 0.080);
    // During the burst the loudest sample sits at the ceiling (not far under it).
    double burstPeak = 0;
    for (int n = RATE; n < RATE + RATE / 50; n++) {
      burstPeak = Math.max(burstPeak, Math.abs(y[2 * n]));
    }
    assertThat(burstPeak, closeTo(CEILING, 0.02));
    // The right channel (no burst) is pulled down with it: the gain is linked.
    assertThat(gainAt(x, y, RATE + RATE / 100), lessThan(0.6 * gain));
    // Before the look-ahead the gain is untouched; half a second after the burst (six release
    // time constants) it is back within 1 %.
    assertThat(gainAt(x, y, RATE - RATE / 100), closeTo(gain, 1e-6));
    assertThat(gainAt(x, y, RATE + RATE / 50 + RATE / 2), closeTo(gain, 0.02 * gain));
  }

  @Test
  void theGainRampsDownAheadOfThePeakRatherThanJumping() {
    float[] x = toneWithBurst();
    float[] y = PeakLimiter.limit(x, 2, RATE, 2.0, CEILING, 0.005, 0.080);
    double steepest = 0;
    double previous = 2.0;
    int previousFrame = RATE - RATE / 100;
    for (int n = previousFrame; n < RATE + RATE / 100; n++) {
      if (Math.abs(x[2 * n + 1]) > 0.02) { // the gain is read where the tone is not near zero
        double g = y[2 * n + 1] / x[2 * n + 1];
        steepest = Math.max(steepest, Math.abs(g - previous) / (n - previousFrame));
        previous = g;
        previousFrame = n;
      }
    }
    // The gain falls from 2.0 to about 0.9 over the 5 ms (241 samples) attack, about 0.0046 per
    // sample: never the whole drop at once.
    assertThat(steepest, lessThan(0.01));
    assertThat(gainAt(x, y, RATE), lessThan(1.0));
  }

  @Test
  void quietAudioOnlyGetsTheGain() {
    float[] x = new float[2 * RATE];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.05 * Math.sin(i * 0.01));
    }
    float[] y = PeakLimiter.limit(x, 2, RATE, 3.0, CEILING, 0.005, 0.080);
    for (int i = 0; i < x.length; i++) {
      assertThat((double) y[i], closeTo(3.0 * x[i], 1e-6));
    }
    assertThat(CEILING, greaterThan(0.15));
  }

  /** The gain applied to frame n, read from the right channel (the tone alone). */
  private static double gainAt(float[] x, float[] y, int n) {
    // Read from a nearby sample where the tone is not near a zero crossing.
    for (int k = n; k < n + 200; k++) {
      if (Math.abs(x[2 * k + 1]) > 0.05) {
        return y[2 * k + 1] / x[2 * k + 1];
      }
    }
    throw new AssertionError("no sample to read the gain from near " + n);
  }
}
