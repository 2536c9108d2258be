package dev.lullabeam.lib.audio;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

class TimeStretchTest {

  /** A 440 Hz tone: its pitch must survive the stretch, its length must not. */
  private static AudioClip tone(int rate, double seconds) {
    short[] s = new short[(int) (rate * seconds)];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
    }
    return new AudioClip(rate, s);
  }

  private static double zeroCrossingsPerSecond(AudioClip clip) {
    short[] s = clip.samples();
    int crossings = 0;
    for (int i = 1; i < s.length; i++) {
      if ((s[i - 1] < 0) != (s[i] < 0)) {
        crossings++;
      }
    }
    return crossings / (s.length / (double) clip.sampleRate());
  }

  @Test
  void slowsDownKeepingPitch() throws Exception {
    AudioClip slower = TimeStretch.stretch(tone(48_000, 2.0), 0.8);
    assertThat(slower.length() / 48_000.0, closeTo(2.5, 0.05));
    assertThat(zeroCrossingsPerSecond(slower), closeTo(880, 15));
  }

  @Test
  void chainsFactorsUnderOneHalf() {
    assertThat(TimeStretch.filter(0.3), is("atempo=0.5,atempo=0.6000"));
    assertThat(TimeStretch.filter(1.25), is("atempo=1.2500"));
  }
}
