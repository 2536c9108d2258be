package dev.lullabeam.lib.audio;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.lessThan;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The JVM compressor against ffmpeg's {@code acompressor} with the mix's former settings, both fed
 * the same float samples. Tolerance: every output sample within 0.001 of full scale (−60 dBFS) of
 * ffmpeg's, and the gain reduction the same within 0.05 dB wherever the input is above −40 dBFS.
 */
class VoiceCompressorTest {

  private static final int RATE = 48000;
  private static final String FFMPEG_COMPRESSOR =
      "acompressor=threshold=-21dB:ratio=12:attack=100:release=500";

  /** Syllables of harmonics under a 4 Hz envelope, phrases at three levels, pauses between. */
  static float[] speechLike(int seconds, long seed) {
    Random random = new Random(seed);
    float[] out = new float[seconds * RATE];
    double[] levels = {-6, -20, -32};
    for (int i = 0; i < out.length; i++) {
      double t = i / (double) RATE;
      int phrase = (int) (t / 1.5);
      if (phrase % 3 == 2) {
        continue; // a pause
      }
      double level = Levels.fromDb(levels[phrase % levels.length]);
      double syllable = Math.pow(Math.sin(Math.PI * 4 * t), 2);
      double pitch = 140 + 20 * Math.sin(2 * Math.PI * 0.7 * t);
      double voiced = 0;
      for (int h = 1; h <= 6; h++) {
        voiced += Math.sin(2 * Math.PI * pitch * h * t) / h;
      }
      out[i] = (float) (level * syllable * (0.5 * voiced + 0.1 * random.nextGaussian()));
    }
    return out;
  }

  /** White noise stepping between −3, −15, −27 and −45 dBFS every second. */
  static float[] noiseSteps(int seconds, long seed) {
    Random random = new Random(seed);
    double[] levels = {-3, -15, -27, -45};
    float[] out = new float[seconds * RATE];
    for (int i = 0; i < out.length; i++) {
      double rms = Levels.fromDb(levels[(i / RATE) % levels.length]);
      out[i] = (float) Math.max(-1, Math.min(1, rms * random.nextGaussian()));
    }
    return out;
  }

  private static float[] ffmpeg(float[] in) throws Exception {
    return Pcm.toFloats(
        Ffmpeg.run(
                List.of(
                    "-f", "f32le", "-ar", Integer.toString(RATE), "-ac", "1", "-i", "pipe:0",
                    "-af", FFMPEG_COMPRESSOR, "-f", "f32le", "-acodec", "pcm_f32le", "pipe:1"),
                Pcm.floatsToBytes(in))
            .stdout);
  }

  private static void assertLikeFfmpeg(float[] in) throws Exception {
    float[] ours = VoiceCompressor.forVoice(RATE).process(in);
    float[] theirs = ffmpeg(in);
    assertThat((double) theirs.length, closeTo(in.length, 0));
    double worst = 0;
    double worstGainDb = 0;
    for (int i = 0; i < in.length; i++) {
      worst = Math.max(worst, Math.abs(ours[i] - theirs[i]));
      if (Math.abs(in[i]) > 0.01) {
        double gainDb = Levels.toDb(Math.abs(ours[i] / in[i])) - Levels.toDb(Math.abs(theirs[i] / in[i]));
        worstGainDb = Math.max(worstGainDb, Math.abs(gainDb));
      }
    }
    assertThat("largest sample difference", worst, lessThan(0.001));
    assertThat("largest gain difference, dB", worstGainDb, lessThan(0.05));
  }

  @Test
  void compressesSpeechLikeMaterialAsFfmpegDoes() throws Exception {
    assertLikeFfmpeg(speechLike(9, 1));
  }

  @Test
  void compressesNoiseAsFfmpegDoes() throws Exception {
    assertLikeFfmpeg(noiseSteps(8, 2));
  }

  @Test
  void leavesQuietAudioAlone() {
    float[] quiet = noiseSteps(1, 3);
    for (int i = 0; i < quiet.length; i++) {
      quiet[i] *= 0.01f; // about −43 dBFS RMS, far under the knee
    }
    float[] out = VoiceCompressor.forVoice(RATE).process(quiet);
    for (int i = 0; i < quiet.length; i++) {
      assertThat((double) out[i], closeTo(quiet[i], 1e-9));
    }
  }

  @Test
  void aboveTheKneeSixDecibelsInComeOutAsHalfADecibel() {
    // Steady tones at −3 and −9 dBFS RMS, both above the knee (−21 + 4.5 dB): at 12:1 the
    // settled outputs differ by 6 / 12 dB. (The detector follows the square faster up than down,
    // so it reads a sine a little over its RMS; the same at both levels.)
    double loud = settledOutputDb(-3);
    double softer = settledOutputDb(-9);
    assertThat(loud - softer, closeTo(0.5, 0.05));
  }

  private static double settledOutputDb(double rmsDb) {
    float[] tone = new float[3 * RATE];
    double amplitude = Levels.fromDb(rmsDb) * Math.sqrt(2);
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (float) (amplitude * Math.sin(2 * Math.PI * 440 * i / RATE));
    }
    return Levels.toDb(AudioProbeRms.rms(VoiceCompressor.forVoice(RATE).process(tone), RATE, 2.0, 3.0));
  }

  /** RMS of float samples between two times. */
  static final class AudioProbeRms {
    static double rms(float[] x, int rate, double from, double to) {
      double sum = 0;
      int a = (int) (from * rate);
      int b = (int) (to * rate);
      for (int i = a; i < b; i++) {
        sum += x[i] * (double) x[i];
      }
      return Math.sqrt(sum / (b - a));
    }
  }
}
