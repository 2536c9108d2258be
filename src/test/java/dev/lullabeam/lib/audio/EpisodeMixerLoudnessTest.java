package dev.lullabeam.lib.audio;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promises of the final MP3, checked with ffmpeg's own ebur128 filter ({@link
 * Loudness#measure(Path)}), independent of the JVM meter the mixer aims with: −16 ± 0.5 LUFS and
 * true peak ≤ −1 dBTP with loud and quiet ambience, for a very short and a wind-down episode; and
 * the voice identical in both channels.
 */
class EpisodeMixerLoudnessTest {

  private static final int RATE = 48000;

  @TempDir static Path work;
  static short[] ocean;

  @BeforeAll
  static void decodeAmbience() throws Exception {
    Path file = Path.of("backgrounds/ocean.ogg");
    ocean = AmbienceBed.decodeStereo(file.toString(), Files.readAllBytes(file), RATE);
  }

  /** Speech-like narration (syllables, phrases at three levels, pauses) as 16-bit PCM. */
  private static AudioClip narration(int seconds) {
    float[] x = VoiceCompressorTest.speechLike(seconds, 7);
    short[] pcm = new short[x.length];
    for (int i = 0; i < x.length; i++) {
      pcm[i] = Levels.clip(x[i] * 32767.0);
    }
    return new AudioClip(RATE, pcm);
  }

  private static Path mixToFile(
      String name, AudioClip voice, short[] ambience, double ambienceDb, double windDown)
      throws Exception {
    Path dir = Files.createDirectories(work.resolve(name));
    EpisodeMixer.Mixed mixed =
        EpisodeMixer.mix(voice, ambience, ambienceDb, Map.of("title", name), dir, windDown);
    assertThat(name + " needs no warning", mixed.loudnessWarning(), is(nullValue()));
    Path mp3 = work.resolve(name + ".mp3");
    Files.write(mp3, mixed.mp3());
    return mp3;
  }

  private static void assertOnTarget(Path mp3) throws Exception {
    Loudness file = Loudness.measure(mp3);
    assertThat(mp3 + " integrated", file.integratedLufs(), closeTo(-16.0, 0.5));
    assertThat(mp3 + " true peak", file.truePeakDbtp(), lessThanOrEqualTo(-1.0));
  }

  @Test
  void loudAmbienceUnderTheVoiceLandsOnTarget() throws Exception {
    // Ambience only 4 dB under the voice: loud enough that the limiter has to work.
    assertOnTarget(mixToFile("loud", narration(12), ocean, -4, 0));
  }

  @Test
  void quietAmbienceLandsOnTarget() throws Exception {
    assertOnTarget(mixToFile("quiet", narration(12), ocean, -35, 0));
  }

  @Test
  void aVeryShortEpisodeLandsOnTarget() throws Exception {
    assertOnTarget(mixToFile("short", narration(1), ocean, -18, 0));
  }

  @Test
  void aWindDownEpisodeLandsOnTargetWithItsNarrationRecorded() throws Exception {
    AudioClip voice = narration(12);
    Path dir = Files.createDirectories(work.resolve("wind-down"));
    EpisodeMixer.Mixed mixed =
        EpisodeMixer.mix(voice, ocean, -18, Map.of("title", "wind-down"), dir, 45);
    Path mp3 = work.resolve("wind-down.mp3");
    Files.write(mp3, mixed.mp3());
    assertOnTarget(mp3);
    assertThat(mixed.durationSeconds(), closeTo(7 + 12 + 45, 0.01));
    // The narration's loudness the mixer records is the narration part of the file, measured by
    // ffmpeg over the same span.
    Loudness narration =
        Loudness.measure(
            List.of("-ss", "7.000", "-t", "12.000", "-i", mp3.toString()));
    assertThat(
        mixed.narrationLoudness().integratedLufs(), closeTo(narration.integratedLufs(), 0.2));
  }

  @Test
  void theVoiceIsTheSameInBothChannels() throws Exception {
    // Silent ambience: whatever differs between left and right is the voice off centre.
    short[] silence = new short[2 * RATE];
    Path mp3 = mixToFile("centred", narration(6), silence, -20, 0);
    AudioProbe probe = AudioProbe.decode(mp3);
    double voice = AudioProbe.rmsDb(probe.left, RATE, 7, 13);
    assertThat(AudioProbe.rmsDb(probe.right, RATE, 7, 13), closeTo(voice, 0.01));
    assertThat("left − right", probe.sideDb(7, 13), lessThan(voice - 60));
  }
}
