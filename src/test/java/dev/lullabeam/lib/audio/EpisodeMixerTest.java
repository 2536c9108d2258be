package dev.lullabeam.lib.audio;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

import dev.lullabeam.lib.models.SharedModels;
import dev.lullabeam.lib.voice.Voice;
import dev.lullabeam.lib.voices.Voices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listens to a mixed episode through numbers: length, loudness, channels, clipping, tags. */
class EpisodeMixerTest {

  private static final List<String> STORY =
      List.of(
          "The little boat rocked gently on the water.",
          "Above it, the moon smiled and the stars blinked.",
          "Sleep now, said the sea, and the boat slept.");

  @TempDir static Path work;
  static NarrationAssembler.Narration narration;
  static EpisodeMixer.Mixed mixed;
  static AudioProbe probe;

  @BeforeAll
  static void mixOneEpisode() throws Exception {
    List<NarrationAssembler.Part> parts = new ArrayList<>();
    try (SharedModels<String, Voice>.Lease voice = Voices.acquire(Voices.DEFAULT)) {
      for (int i = 0; i < STORY.size(); i++) {
        parts.add(
            new NarrationAssembler.Part(i, STORY.get(i), false, voice.get().speak(STORY.get(i))));
      }
    }
    narration = NarrationAssembler.assemble(parts);
    Path ocean = Path.of("backgrounds/ocean.ogg");
    short[] ambience = AmbienceBed.decodeStereo(ocean.toString(), Files.readAllBytes(ocean), 48000);
    mixed =
        EpisodeMixer.mix(
            narration.audio,
            ambience,
            -20.0,
            Map.of("title", "Moon Boat", "album", "Test Season", "artist", "narrator", "track", "3"),
            work);
    Path mp3 = work.resolve("out.mp3");
    Files.write(mp3, mixed.mp3());
    probe = AudioProbe.decode(mp3);
  }

  @Test
  void lastsAsLongAsTheVoicePlusLeadInAndTail() {
    double expected = narration.audio.seconds() + 15.0;
    assertThat(mixed.durationSeconds(), closeTo(expected, 0.01));
    // MP3 frames and encoder delay may add a few milliseconds, never seconds.
    assertThat(probe.seconds(), closeTo(expected, 0.1));
    assertThat(mixed.leadInMs(), is(7000L));
  }

  /** Measured on the written file by another filter (loudnorm's analysis), not by the mixer. */
  @Test
  void theFileMeasuresMinus16LufsWithTruePeakUnderMinusOne() throws Exception {
    AudioProbe.Loudness file = AudioProbe.loudness(work.resolve("out.mp3"));
    assertThat(file.integratedLufs(), closeTo(-16.0, 0.6));
    assertThat(file.truePeakDbtp(), lessThanOrEqualTo(-1.0));
    assertThat(mixed.loudnessWarning(), is(nullValue()));
  }

  @Test
  void whatTheMixerRecordsIsWhatTheFileMeasures() throws Exception {
    AudioProbe.Loudness file = AudioProbe.loudness(work.resolve("out.mp3"));
    assertThat(mixed.loudness().integratedLufs(), closeTo(file.integratedLufs(), 0.2));
    assertThat(mixed.loudness().truePeakDbtp(), closeTo(file.truePeakDbtp(), 0.2));
  }

  @Test
  void anEpisodeOffTargetSaysByHowMuch() {
    assertThat(
        EpisodeMixer.offTarget(new Loudness(-14.2, -0.4, 5.0)),
        is(
            "off the loudness target after 3 encodes: -14.20 LUFS (target -16.0 ± 0.5 LU), "
                + "true peak -0.40 dBTP (ceiling -1.0 dBTP)"));
  }

  @Test
  void voiceIsCentredInBothChannels() {
    double voiceStart = 7.0;
    double voiceEnd = 7.0 + narration.audio.seconds();
    double left = AudioProbe.rmsDb(probe.left, 48000, voiceStart, voiceEnd);
    double right = AudioProbe.rmsDb(probe.right, 48000, voiceStart, voiceEnd);
    assertThat("left and right as loud while the voice speaks", left - right, closeTo(0.0, 1.0));
    // The voice is the same in both channels, so left − right holds only the quiet ambience.
    assertThat(probe.sideDb(voiceStart, voiceEnd), lessThan(left - 15.0));
  }

  @Test
  void ambienceSitsWellUnderTheVoice() {
    double leadIn = AudioProbe.rmsDb(probe.left, 48000, 3.5, 6.5);
    double speech = AudioProbe.rmsDb(probe.left, 48000, 7.0, 7.0 + narration.audio.seconds());
    assertThat(leadIn, lessThan(speech - 12.0));
    assertThat("ambience is audible in the lead-in", leadIn, greaterThan(-60.0));
    double firstSecond = AudioProbe.rmsDb(probe.left, 48000, 0.0, 0.3);
    assertThat("ambience fades in", firstSecond, lessThan(leadIn - 6.0));
    double lastMoment = AudioProbe.rmsDb(probe.left, 48000, probe.seconds() - 0.3, probe.seconds());
    assertThat("ambience fades out", lastMoment, lessThan(leadIn - 6.0));
  }

  @Test
  void doesNotClip() {
    assertThat(probe.clippedSamples(), is(0));
  }

  @Test
  void carriesId3Tags() throws Exception {
    Path mp3 = work.resolve("out.mp3");
    String info = Ffmpeg.run(List.of("-i", mp3.toString(), "-f", "null", "-")).stderr;
    assertThat(info.contains("title           : Moon Boat"), is(true));
    assertThat(info.contains("album           : Test Season"), is(true));
    assertThat(info.contains("track           : 3"), is(true));
    assertThat(info.contains("stereo"), is(true));
  }
}
