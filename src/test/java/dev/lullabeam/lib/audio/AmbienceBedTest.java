package dev.lullabeam.lib.audio;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AmbienceBedTest {

  private static final int RATE = 8000;

  /** Stereo noise at a steady level: what a loop sounds like. */
  private static short[] noise(double seconds, long seed) {
    Random random = new Random(seed);
    short[] out = new short[(int) (seconds * RATE) * 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) (random.nextGaussian() * 3000);
    }
    return out;
  }

  private static short[] channel(short[] stereo, int which) {
    short[] out = new short[stereo.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = stereo[2 * i + which];
    }
    return out;
  }

  @Test
  void loopsAShortAmbienceToTheFullLengthAtTheRequestedLevel() {
    int frames = 30 * RATE;
    short[] bed = AmbienceBed.build(noise(7, 1), RATE, frames, -30.0);
    assertThat(bed.length, is(2 * frames));
    short[] left = channel(bed, 0);
    // Away from the fades, the level is the one asked for, seams included (equal-power crossfade).
    assertThat(AudioProbe.rmsDb(left, RATE, 6, 24), closeTo(-30.0, 1.0));
    for (double seam = 5.25; seam < 24; seam += 5.25) {
      assertThat("level at seam " + seam, AudioProbe.rmsDb(left, RATE, seam - 0.5, seam + 0.5), closeTo(-30.0, 1.5));
    }
  }

  @Test
  void fadesInOverThreeSecondsAndOutOverFive() {
    int frames = 20 * RATE;
    short[] left = channel(AmbienceBed.build(noise(30, 2), RATE, frames, -30.0), 0);
    assertThat(AudioProbe.rmsDb(left, RATE, 0, 0.2), lessThan(-50.0));
    assertThat(AudioProbe.rmsDb(left, RATE, 1.4, 1.6), closeTo(-30.0 - 6.0, 1.5));
    assertThat(AudioProbe.rmsDb(left, RATE, 17.4, 17.6), closeTo(-30.0 - 6.0, 1.5));
    assertThat(AudioProbe.rmsDb(left, RATE, 19.8, 20), lessThan(-50.0));
  }

  @Test
  void cutsALongAmbienceToLength() {
    int frames = 4 * RATE;
    short[] bed = AmbienceBed.build(noise(30, 3), RATE, frames, -24.0);
    assertThat(bed.length, is(2 * frames));
  }
}
