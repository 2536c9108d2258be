package dev.lullabeam.lib.audio;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

/**
 * The true-peak search skips chunks whose samples cannot beat the peak found so far; it must
 * still find an inter-sample peak that comes after a loud stretch and stands above its samples.
 */
class LoudnessMeterTruePeakSkipTest {

  private static final int RATE = 48000;

  /** A 3001 Hz sine 12 dB over full scale, clipped: its true peak is well over 0 dBFS. */
  private static float[] clippedSquare(int frames) {
    float[] x = new float[frames];
    for (int n = 0; n < frames; n++) {
      x[n] = (float) Math.max(-1, Math.min(1, 4 * Math.sin(2 * Math.PI * 3001 * n / RATE)));
    }
    return x;
  }

  @Test
  void findsALaterInterSamplePeakAfterALoudStretch() {
    float[] square = clippedSquare(RATE / 2);
    float[] x = new float[RATE + square.length];
    for (int n = 0; n < RATE; n++) {
      x[n] = (float) (0.99 * Math.sin(2 * Math.PI * 100 * n / RATE)); // sample peak ≈ true peak
    }
    System.arraycopy(square, 0, x, RATE, square.length);
    double alone = LoudnessMeter.measure(square, 1, RATE).truePeakDbtp();
    assertThat(alone, greaterThan(1.0));
    assertThat(LoudnessMeter.measure(x, 1, RATE).truePeakDbtp(), is(alone));
  }

  @Test
  void quietStretchesAfterThePeakChangeNothing() {
    float[] square = clippedSquare(RATE / 2);
    float[] x = new float[3 * RATE];
    System.arraycopy(square, 0, x, 0, square.length);
    for (int n = square.length; n < x.length; n++) {
      x[n] = (float) (0.1 * Math.sin(2 * Math.PI * 440 * n / RATE));
    }
    assertThat(
        LoudnessMeter.measure(x, 1, RATE).truePeakDbtp(),
        is(LoudnessMeter.measure(square, 1, RATE).truePeakDbtp()));
  }
}
