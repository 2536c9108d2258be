package dev.lullabeam.lib.audio;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NarrationAssemblerTest {

  private static final int RATE = 1000;

  /** {@code silence} ms of silence, {@code tone} ms of a loud tone, {@code silence} ms again. */
  private static AudioClip clip(int silence, int tone) {
    short[] samples = new short[silence * 2 + tone];
    for (int i = 0; i < tone; i++) {
      samples[silence + i] = (short) (i % 2 == 0 ? 12000 : -12000);
    }
    return new AudioClip(RATE, samples);
  }

  @Test
  void trimsEachClipsSilenceAndInsertsSentenceAndParagraphPauses() {
    NarrationAssembler.Narration narration =
        NarrationAssembler.assemble(
            List.of(
                new NarrationAssembler.Part(0, "One.", false, clip(300, 500)),
                new NarrationAssembler.Part(1, "Two.", true, clip(100, 200)),
                new NarrationAssembler.Part(2, "Three.", false, clip(0, 400))));
    // 40 ms margin kept around each tone.
    List<SentenceTiming> t = narration.sentences;
    assertThat(t.get(0).startMs(), is(0L));
    assertThat(t.get(0).endMs(), is(580L));
    assertThat(t.get(1).startMs(), is(580L + 450));
    assertThat(t.get(1).endMs() - t.get(1).startMs(), is(280L));
    assertThat(t.get(2).startMs(), is(t.get(1).endMs() + 1100));
    assertThat("no silence to keep as margin", t.get(2).endMs() - t.get(2).startMs(), is(400L));
    assertThat(narration.audio.seconds(), closeTo(t.get(2).endMs() / 1000.0, 0.001));
    assertThat(t.stream().map(SentenceTiming::text).toList(), contains("One.", "Two.", "Three."));
  }

  @Test
  void keepsASilentClipWhole() {
    NarrationAssembler.Narration narration =
        NarrationAssembler.assemble(
            List.of(new NarrationAssembler.Part(0, "...", false, new AudioClip(RATE, new short[250]))));
    assertThat(narration.audio.length(), is(250));
  }

  @Test
  void refusesMixedSampleRates() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                NarrationAssembler.assemble(
                    List.of(
                        new NarrationAssembler.Part(0, "a", false, clip(0, 100)),
                        new NarrationAssembler.Part(1, "b", false, new AudioClip(2000, new short[10])))));
    assertThat(e.getMessage(), is("sentence 1 is at 2000 Hz, expected 1000"));
  }
}
