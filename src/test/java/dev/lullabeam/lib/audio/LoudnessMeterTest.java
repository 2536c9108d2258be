package dev.lullabeam.lib.audio;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lullabeam.lib.models.SharedModels;
import dev.lullabeam.lib.voice.Voice;
import dev.lullabeam.lib.voices.Voices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The meter against ffmpeg's ebur128 (peak=true) on the same samples, written as raw f32le: the
 * issue's tolerances are 0.1 LU integrated, 0.2 dB true peak, 0.5 LU range. ffmpeg prints one
 * decimal, so up to 0.05 of each difference is its rounding.
 */
class LoudnessMeterTest {

  private static final double LU = 0.1;
  private static final double PEAK_DB = 0.2;
  private static final double RANGE_LU = 0.5;

  @TempDir Path dir;

  private static float[] sine(int rate, int channels, double seconds, double hz, double dbfs) {
    float[] out = new float[(int) (seconds * rate) * channels];
    double amplitude = Levels.fromDb(dbfs);
    for (int i = 0; i < out.length / channels; i++) {
      float v = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
      for (int c = 0; c < channels; c++) {
        out[i * channels + c] = v;
      }
    }
    return out;
  }

  /**
   * Pink-ish stereo noise (white noise through a one-pole low pass at 500 Hz, plus a little white
   * noise: more energy low than high) whose level swells and falls by 12 dB every 8 s, so the
   * range is not zero.
   */
  private static float[] swellingNoise(int rate, double seconds, long seed) {
    Random random = new Random(seed);
    float[] out = new float[(int) (seconds * rate) * 2];
    double[] state = new double[2];
    double pole = Math.exp(-2 * Math.PI * 500.0 / rate);
    for (int i = 0; i < out.length / 2; i++) {
      double swell = Levels.fromDb(-18 - 6 + 6 * Math.sin(2 * Math.PI * i / (8.0 * rate)));
      for (int c = 0; c < 2; c++) {
        state[c] = pole * state[c] + (1 - pole) * random.nextGaussian();
        out[2 * i + c] = (float) (swell * (state[c] * 4 + 0.1 * random.nextGaussian()));
      }
    }
    return out;
  }

  private Loudness ffmpeg(float[] samples, int channels, int rate) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(samples);
    Path raw = Files.createTempFile(dir, "samples", ".f32");
    Files.write(raw, bytes.array());
    return Loudness.measure(
        List.of(
            "-f", "f32le", "-ar", Integer.toString(rate), "-ac", Integer.toString(channels),
            "-i", raw.toString()));
  }

  private void assertMatchesFfmpeg(float[] samples, int channels, int rate) throws IOException {
    Loudness jvm = LoudnessMeter.measure(samples, channels, rate);
    Loudness reference = ffmpeg(samples, channels, rate);
    String both = jvm + " in the JVM, " + reference + " by ffmpeg";
    assertThat(both, jvm.integratedLufs(), closeTo(reference.integratedLufs(), LU));
    assertThat(both, jvm.truePeakDbtp(), closeTo(reference.truePeakDbtp(), PEAK_DB));
    assertThat(both, jvm.rangeLu(), closeTo(reference.rangeLu(), RANGE_LU));
  }

  @Test
  void theStandardsReferenceSineMeasuresMinus23Lufs() throws IOException {
    // BS.1770-4 / EBU Tech 3341: a 1 kHz sine at −23 dBFS on both channels is −23.0 LUFS.
    float[] reference = sine(48000, 2, 20, 1000, -23);
    Loudness loudness = LoudnessMeter.measure(reference, 2, 48000);
    assertThat(loudness.integratedLufs(), closeTo(-23.0, 0.1));
    assertThat(loudness.truePeakDbtp(), closeTo(-23.0, 0.1));
    assertThat(loudness.rangeLu(), closeTo(0.0, 0.1));
    assertMatchesFfmpeg(reference, 2, 48000);
  }

  @Test
  void aSineAt44100HzMatchesFfmpeg() throws IOException {
    // K-weighting derived for 44.1 kHz; ffmpeg resamples to 48 kHz before it measures.
    float[] sine = sine(44100, 2, 15, 997, -20);
    assertThat(LoudnessMeter.measure(sine, 2, 44100).integratedLufs(), closeTo(-20.0, 0.1));
    assertMatchesFfmpeg(sine, 2, 44100);
  }

  @Test
  void swellingPinkishNoiseMatchesFfmpegAt48And44100Hz() throws IOException {
    assertMatchesFfmpeg(swellingNoise(48000, 40, 1), 2, 48000);
    assertMatchesFfmpeg(swellingNoise(44100, 40, 2), 2, 44100);
  }

  @Test
  void spokenSentencesWithPausesMatchFfmpeg() throws Exception {
    float[] speech;
    int rate;
    try (SharedModels<String, Voice>.Lease lease = Voices.acquire(Voices.DEFAULT)) {
      Voice voice = lease.get();
      rate = voice.sampleRate();
      short[] first = voice.speak("Once upon a time, a little fox lived by the river.").samples();
      short[] second = voice.speak("Every night she listened to the water and slept.").samples();
      // Two sentences and a long pause in between: the gates, not the pause, set the level.
      speech = new float[first.length + 4 * rate + second.length];
      for (int i = 0; i < first.length; i++) {
        speech[i] = first[i] / 32768f;
      }
      for (int i = 0; i < second.length; i++) {
        speech[first.length + 4 * rate + i] = second[i] / 32768f;
      }
    }
    assertMatchesFfmpeg(speech, 1, rate);
  }

  @Test
  void ambienceDecodedFromOggMatchesFfmpegAt44100Hz() throws IOException {
    byte[] ogg;
    try (InputStream in = Files.newInputStream(Path.of("backgrounds", "night-forest.ogg"))) {
      ogg = in.readAllBytes();
    }
    short[] stereo = AmbienceBed.decodeStereo("night-forest-meter-test", ogg, 44100);
    float[] samples = new float[stereo.length];
    for (int i = 0; i < stereo.length; i++) {
      samples[i] = stereo[i] / 32768f;
    }
    assertMatchesFfmpeg(samples, 2, 44100);
    assertThat(
        LoudnessMeter.measure(stereo, 2, 44100), is(LoudnessMeter.measure(samples, 2, 44100)));
  }

  @Test
  void silenceAroundAShortBurstIsGatedAway() throws IOException {
    int rate = 48000;
    Random random = new Random(3);
    float[] burst = new float[2 * 3 * rate];
    for (int i = 0; i < burst.length; i++) {
      burst[i] = (float) (0.1 * random.nextGaussian());
    }
    float[] padded = new float[2 * 30 * rate];
    System.arraycopy(burst, 0, padded, 2 * 10 * rate, burst.length);
    Loudness alone = LoudnessMeter.measure(burst, 2, rate);
    Loudness withSilence = LoudnessMeter.measure(padded, 2, rate);
    // 27 s of silence fall under the absolute gate (ungated they would take 10 dB off); only the
    // six blocks that straddle the edges, a quarter to three quarters noise, pull it down 0.4 LU.
    assertThat(withSilence.integratedLufs(), closeTo(alone.integratedLufs() - 0.41, 0.05));
    assertMatchesFfmpeg(padded, 2, rate);
  }

  @Test
  void findsThePeakBetweenSamples() {
    // A sine at a quarter of the rate, an eighth of a period off: every sample is at ±A/√2 (−9.03 dBFS
    // for A = 0.5) while the wave reaches A (−6.02 dB) half-way between two samples. 10 ms fades,
    // since a sine cut off hard overshoots where it starts and stops.
    int rate = 48000;
    int fade = rate / 100;
    float[] sine = new float[rate * 2];
    for (int i = 0; i < sine.length; i++) {
      double gain = Math.min(1, Math.min(i, sine.length - 1 - i) / (double) fade);
      sine[i] = (float) (gain * 0.5 * Math.sin(Math.PI / 2 * i + Math.PI / 4));
    }
    assertThat(LoudnessMeter.measure(sine, 1, rate).truePeakDbtp(), closeTo(-6.02, 0.05));
  }

  @Test
  void aClippedSquareWavePeaksAboveFullScaleBetweenSamples() throws IOException {
    for (int rate : new int[] {48000, 44100}) {
      float[] square = sine(rate, 2, 10, 3001, 12);
      for (int i = 0; i < square.length; i++) {
        square[i] = Math.max(-1f, Math.min(1f, square[i]));
      }
      assertThat(LoudnessMeter.measure(square, 2, rate).truePeakDbtp(), greaterThan(1.0));
      assertMatchesFfmpeg(square, 2, rate);
    }
  }

  @Test
  void digitalSilenceHasNoLoudnessAndNoPeak() {
    Loudness silence = LoudnessMeter.measure(new short[2 * 48000 * 5], 2, 48000);
    assertThat(silence.integratedLufs(), is(Double.NEGATIVE_INFINITY));
    assertThat(silence.truePeakDbtp(), is(Double.NEGATIVE_INFINITY));
    assertThat(silence.rangeLu(), is(0.0));
  }

  @Test
  void monoIsOneChannelNotTwo() {
    // Channel weights are per channel: the same sine on one channel is 3 dB quieter than on two.
    Loudness mono = LoudnessMeter.measure(sine(48000, 1, 5, 1000, -23), 1, 48000);
    assertThat(mono.integratedLufs(), closeTo(-26.01, 0.05));
  }

  @Test
  void refusesMoreThanTwoChannelsAndPartialFrames() {
    assertThrows(
        IllegalArgumentException.class, () -> LoudnessMeter.measure(new float[6], 3, 48000));
    assertThrows(
        IllegalArgumentException.class, () -> LoudnessMeter.measure(new float[5], 2, 48000));
  }
}
