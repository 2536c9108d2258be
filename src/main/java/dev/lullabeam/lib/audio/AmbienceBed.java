package dev.lullabeam.lib.audio;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lays an ambience recording under a narration: decoded once per JVM, looped with an equal-power
 * crossfade at each seam (or cut), faded in and out, and set at a level relative to the voice.
 */
public final class AmbienceBed {

  public static final double FADE_IN_SECONDS = 3.0;
  public static final double FADE_OUT_SECONDS = 5.0;
  static final double MAX_CROSSFADE_SECONDS = 2.0;

  private static final Map<String, short[]> DECODED = new ConcurrentHashMap<>();

  private AmbienceBed() {}

  /**
   * Interleaved stereo 16-bit samples of an ambience file at the given rate, decoded by the
   * bundled ffmpeg from bytes (so the file may come from any Beam file system).
   */
  public static short[] decodeStereo(String key, byte[] encoded, int sampleRate) throws IOException {
    String cacheKey = key + "@" + sampleRate;
    short[] cached = DECODED.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    Ffmpeg.Result result =
        Ffmpeg.run(
            List.of(
                "-i", "pipe:0", "-vn", "-ac", "2", "-ar", Integer.toString(sampleRate),
                "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1"),
            encoded);
    short[] samples = Pcm.toShorts(result.stdout);
    if (samples.length < 2 * sampleRate / 10) {
      throw new IOException("ambience '" + key + "' is shorter than 0.1 s");
    }
    DECODED.put(cacheKey, samples);
    return samples;
  }

  /**
   * Builds the bed: {@code frames} stereo frames of the looped ambience, whose active RMS level is
   * {@code levelDb} dBFS, with fades at both ends.
   */
  public static short[] build(short[] ambience, int sampleRate, int frames, double levelDb) {
    return build(ambience, sampleRate, frames, levelDb, FADE_OUT_SECONDS);
  }

  /**
   * As {@link #build(short[], int, int, double)}, fading out over {@code fadeOutSeconds} at the
   * end (a wind-down fades over its last third).
   */
  public static short[] build(
      short[] ambience, int sampleRate, int frames, double levelDb, double fadeOutSeconds) {
    int sourceFrames = ambience.length / 2;
    int crossfade =
        (int) Math.min(MAX_CROSSFADE_SECONDS * sampleRate, sourceFrames / 4.0);
    int step = sourceFrames - crossfade;
    double[] left = new double[frames];
    double[] right = new double[frames];
    for (int start = 0; start < frames; start += step) {
      boolean fadeInSeam = start > 0;
      boolean fadeOutSeam = start + sourceFrames < frames;
      for (int i = 0; i < sourceFrames && start + i < frames; i++) {
        double weight = 1.0;
        if (fadeInSeam && i < crossfade) {
          weight = Math.sin(0.5 * Math.PI * i / crossfade);
        } else if (fadeOutSeam && i >= step) {
          weight = Math.cos(0.5 * Math.PI * (i - step) / crossfade);
        }
        left[start + i] += weight * ambience[2 * i];
        right[start + i] += weight * ambience[2 * i + 1];
      }
      if (step <= 0) {
        break;
      }
    }
    // Level is set on the looped ambience before the fades, so it is the level heard under the voice.
    double sum = 0;
    for (int i = 0; i < frames; i++) {
      sum += left[i] * left[i] + right[i] * right[i];
    }
    double rms = Math.sqrt(sum / Math.max(1, 2L * frames)) / 32768.0;
    int fadeIn = (int) Math.min(FADE_IN_SECONDS * sampleRate, frames / 2.0);
    int fadeOut = (int) Math.min(fadeOutSeconds * sampleRate, frames / 2.0);
    for (int i = 0; i < frames; i++) {
      double envelope = 1.0;
      if (i < fadeIn) {
        envelope = (double) i / fadeIn;
      }
      int fromEnd = frames - 1 - i;
      if (fromEnd < fadeOut) {
        envelope = Math.min(envelope, (double) fromEnd / fadeOut);
      }
      left[i] *= envelope;
      right[i] *= envelope;
    }
    double gain = rms <= 0 ? 0 : Levels.fromDb(levelDb) / rms;
    short[] out = new short[2 * frames];
    for (int i = 0; i < frames; i++) {
      out[2 * i] = Levels.clip(left[i] * gain);
      out[2 * i + 1] = Levels.clip(right[i] * gain);
    }
    return out;
  }
}
