package dev.lullabeam.lib.audio;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import org.junit.jupiter.api.Test;

class ResamplerTest {

  private static float[] sine(double hz, int rate, int samples) {
    float[] s = new float[samples];
    for (int i = 0; i < samples; i++) {
      s[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return s;
  }

  /** Amplitude of frequency hz in x (a single-bin DFT), away from the edges. */
  private static double amplitude(float[] x, double hz, int rate) {
    double re = 0;
    double im = 0;
    int from = x.length / 10;
    int to = x.length - from;
    for (int i = from; i < to; i++) {
      re += x[i] * Math.cos(2 * Math.PI * hz * i / rate);
      im += x[i] * Math.sin(2 * Math.PI * hz * i / rate);
    }
    return 2 * Math.hypot(re, im) / (to - from);
  }

  @Test
  void speechRateToMixRateKeepsATonesPitchAndLevel() {
    float[] in = sine(1000, 22_050, 22_050);
    float[] out = Resampler.resample(in, 22_050, 48_000);
    assertThat(out.length, is(48_000));
    assertThat(amplitude(out, 1000, 48_000), closeTo(0.5, 0.005));
    // No energy moves to another frequency (no aliasing or imaging to speak of).
    assertThat(amplitude(out, 1100, 48_000), lessThan(0.002));
    assertThat(amplitude(out, 21_050, 48_000), lessThan(0.002));
  }

  @Test
  void downsamplingRemovesWhatTheLowerRateCannotHold() {
    // 15 kHz fits under 48 kHz's Nyquist frequency but not under 22.05 kHz's (11.025 kHz).
    float[] in = sine(15_000, 48_000, 48_000);
    float[] out = Resampler.resample(in, 48_000, 22_050);
    assertThat(out.length, is(22_050));
    assertThat(amplitude(out, 22_050 - 15_000, 22_050), lessThan(0.005)); // its alias
    float[] tone = Resampler.resample(sine(440, 48_000, 48_000), 48_000, 22_050);
    assertThat(amplitude(tone, 440, 22_050), closeTo(0.5, 0.005));
  }
}
