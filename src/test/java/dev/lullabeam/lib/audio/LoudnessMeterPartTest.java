package dev.lullabeam.lib.audio;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A part measured in the same pass as the whole is the part measured on its own. */
class LoudnessMeterPartTest {

  private static final int RATE = 48000;

  @Test
  void aPartMeasuresAsItsOwnSlice() {
    float[] speech = VoiceCompressorTest.speechLike(20, 11);
    float[] stereo = new float[2 * speech.length];
    for (int i = 0; i < speech.length; i++) {
      // Loud noise-free speech in the middle, quiet before and after it.
      double quiet = (i < 5 * RATE || i >= 15 * RATE) ? 0.05 : 1.0;
      stereo[2 * i] = (float) (speech[i] * quiet);
      stereo[2 * i + 1] = (float) (0.8 * speech[i] * quiet);
    }
    int from = 5 * RATE + 1234; // not on a 100 ms boundary
    int to = 15 * RATE - 77;
    Loudness[] both = LoudnessMeter.measure(stereo, 2, RATE, from, to);
    Loudness alone = LoudnessMeter.measure(Arrays.copyOfRange(stereo, 2 * from, 2 * to), 2, RATE);
    assertThat(both[0], is(LoudnessMeter.measure(stereo, 2, RATE)));
    assertThat(both[1].integratedLufs(), closeTo(alone.integratedLufs(), 0.01));
    assertThat(both[1].rangeLu(), closeTo(alone.rangeLu(), 0.05));
    assertThat(both[1].truePeakDbtp(), is(alone.truePeakDbtp()));
    assertThat(both[1].integratedLufs() - both[0].integratedLufs(), closeTo(5, 5)); // louder part
  }

  @Test
  void anEmptyPartHasNoLoudness() {
    float[] x = VoiceCompressorTest.speechLike(2, 3);
    assertThat(LoudnessMeter.measure(x, 1, RATE, 100, 100)[1], is(nullValue()));
  }
}
