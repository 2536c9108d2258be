package dev.lullabeam.lib.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The mix: 7 s of ambience before the voice and 8 s after it (or a wind-down: minutes of ambience
 * alone, fading to silence over their last third), the voice compressed and centred in both
 * channels, the ambience looped under it, and the whole episode normalised to −16 LUFS with true
 * peak at most −1 dBTP, checked on the encoded MP3, whose narration part is measured as well.
 */
public final class EpisodeMixer {

  public static final double LEAD_IN_SECONDS = 7.0;
  public static final double TAIL_SECONDS = 8.0;
  public static final double TARGET_LUFS = -16.0;
  public static final double MAX_TRUE_PEAK_DBTP = -1.0;
  /** The limiter aims below the ceiling: MP3 encoding raises true peaks a little. */
  static final double LIMITER_CEILING_DB = -1.6;
  /** How far from the aim limited audio may measure before its gain is corrected. */
  static final double LOUDNESS_TOLERANCE_LU = 0.1;
  static final int MAX_ENCODES = 3;
  /** Limiter passes (each measured in the JVM) before an encode. */
  static final int LIMIT_PASSES = 6;
  /** The limiter's sample ceiling starts this far under its true-peak ceiling. */
  static final double INTER_SAMPLE_MARGIN_DB = 0.1;
  /**
   * What the MP3 measures below the mix (LU), so the gain aims the encode at the target. Measured
   * on 2026-11-30 with the default voice over all six backgrounds at their gains, and ocean at −10
   * dB and rain at −30 dB: 0.445–0.459 LU on the whole file. It is lame's at 128 kbit/s, not the
   * energy above its low-pass (the mix through a 4th-order low-pass at 15–19 kHz lost only
   * 0.01–0.02 LU; a plain 440 Hz sine loses 0.4 LU at 128 kbit/s and none at 320). Should another
   * voice or ambience lose more than the 0.5 LU tolerance allows, the re-encode corrects it.
   */
  static final double ENCODING_LOSS_LU = 0.45;
  /** The limiter's look-ahead and release, as the alimiter it replaces had them. */
  static final double LIMITER_ATTACK_SECONDS = 0.005;
  static final double LIMITER_RELEASE_SECONDS = 0.080;
  /** Costs of the mix steps, summed over this JVM (read by bench-season). */
  public static final MixCosts COSTS = new MixCosts();
  /** How far from the target the encoded MP3 may land before it is encoded again. */
  static final double FINAL_TOLERANCE_LU = 0.5;
  static final String MP3_BITRATE = "128k";
  static final String MP3_COMPRESSION_LEVEL = "5";
  public static final String MP3_BITRATE_LABEL = "128 kbit/s CBR";

  private EpisodeMixer() {}

  /**
   * A finished episode's audio.
   *
   * @param loudness measured on the encoded MP3
   * @param loudnessWarning why the MP3 is still off target after the last encode, else null
   * @param narrationLoudness measured on the encoded MP3 from the first word to the last
   * @param tailSeconds ambience after the last word
   */
  public record Mixed(
      byte[] mp3,
      Loudness loudness,
      double durationSeconds,
      long leadInMs,
      @Nullable String loudnessWarning,
      Loudness narrationLoudness,
      double tailSeconds) {}

  /** The ambience after the voice: {@link #TAIL_SECONDS}, or the wind-down when it is set. */
  public static double tailSeconds(double windDownSeconds) {
    return windDownSeconds > 0 ? windDownSeconds : TAIL_SECONDS;
  }

  /**
   * Mixes a narration with an ambience (interleaved stereo at the narration's rate).
   *
   * @param ambienceGainDb ambience level relative to the voice's speech level
   * @param tags ID3 tags: title, album, artist, track, …
   */
  public static Mixed mix(
      AudioClip narration,
      short[] ambienceStereo,
      double ambienceGainDb,
      Map<String, String> tags,
      Path workDir)
      throws IOException {
    return mix(narration, ambienceStereo, ambienceGainDb, tags, workDir, 0);
  }

  /**
   * As {@link #mix(AudioClip, short[], double, Map, Path)}, with a wind-down: the ambience plays
   * on after the story for {@code windDownSeconds}, fading to silence over the last third of it.
   *
   * @param windDownSeconds 0 for the usual {@link #TAIL_SECONDS}
   */
  public static Mixed mix(
      AudioClip narration,
      short[] ambienceStereo,
      double ambienceGainDb,
      Map<String, String> tags,
      Path workDir,
      double windDownSeconds)
      throws IOException {
    int rate = narration.sampleRate();
    int lead = (int) Math.round(LEAD_IN_SECONDS * rate);
    double tailSeconds = tailSeconds(windDownSeconds);
    int tail = (int) Math.round(tailSeconds * rate);
    int frames = lead + narration.length() + tail;

    // Everything before the encode happens here, in memory; the only ffmpeg processes are the
    // encode and one decode of the MP3 to measure it.
    long t0 = System.nanoTime();
    float[] voice = new float[frames];
    short[] spoken = narration.samples();
    double peak = Levels.peak(spoken);
    double preGain = peak > 0 ? Levels.fromDb(-1.0) / peak : 1.0;
    for (int i = 0; i < spoken.length; i++) {
      voice[lead + i] = (float) (spoken[i] * preGain / 32768.0);
    }
    float[] compressed = VoiceCompressor.forVoice(rate).process(voice);
    long t1 = System.nanoTime();

    double voiceDb = Levels.activeRmsDb(compressed, rate, 1, -45);
    double fadeOut =
        windDownSeconds > 0
            ? Math.max(AmbienceBed.FADE_OUT_SECONDS, windDownSeconds / 3)
            : AmbienceBed.FADE_OUT_SECONDS;
    short[] bed =
        AmbienceBed.build(ambienceStereo, rate, frames, voiceDb + ambienceGainDb, fadeOut);

    // Voice centred: the same signal in both channels, plus the stereo bed.
    float[] samples = new float[frames * 2];
    for (int i = 0; i < frames; i++) {
      float v = compressed[i];
      samples[2 * i] = v + bed[2 * i] / 32768f;
      samples[2 * i + 1] = v + bed[2 * i + 1] / 32768f;
    }
    long t2 = System.nanoTime();

    // Loudness: one linear gain to the target (what loudnorm's linear mode does), aimed at what
    // the MP3 will measure (see ENCODING_LOSS_LU). When that gain would push true peaks over the
    // limiter's ceiling, the look-ahead limiter holds them and the limited audio is measured in
    // the JVM and its gain and ceiling corrected. A mix with nothing above the gate measures
    // -inf: aim as ffmpeg's -70 LUFS floor did.
    Loudness mixLoudness = LoudnessMeter.measure(samples, 2, rate);
    double mixLufs = Double.isFinite(mixLoudness.integratedLufs()) ? mixLoudness.integratedLufs() : -70;
    double aimLufs = TARGET_LUFS + ENCODING_LOSS_LU;
    double gainDb = aimLufs - mixLufs;
    double ceilingDb = LIMITER_CEILING_DB;
    // Inter-sample peaks of speech and ambience at 48 kHz rise 0.03 dB or so over the samples the
    // limiter holds: starting the sample ceiling a little under the true-peak ceiling spares a
    // second limiter pass and measurement in most limited episodes.
    double sampleCeilingDb = ceilingDb - INTER_SAMPLE_MARGIN_DB;
    Path mp3 = workDir.resolve("episode.mp3");
    Loudness loudness = null;
    Loudness narrationLoudness = null;
    boolean onTarget = false;
    int encodes = 0;
    long prepare = System.nanoTime() - t1;
    long encodeNanos = 0;
    long measureNanos = 0;
    for (int attempt = 0; attempt < MAX_ENCODES; attempt++) {
      long p0 = System.nanoTime();
      float[] out;
      if (mixLoudness.truePeakDbtp() + gainDb <= ceilingDb) {
        out = scaled(samples, Levels.fromDb(gainDb));
      } else {
        Limited limited =
            limitToTarget(
                samples, rate, gainDb,
                Math.min(sampleCeilingDb, ceilingDb - INTER_SAMPLE_MARGIN_DB), ceilingDb, aimLufs);
        out = limited.samples();
        gainDb = limited.gainDb();
        sampleCeilingDb = limited.sampleCeilingDb();
      }
      long p1 = System.nanoTime();
      encode(out, rate, tags, mp3);
      encodes++;
      long p2 = System.nanoTime();
      float[] decoded = decode(mp3, rate);
      // The narration's own level in the final file, from the same decode and the same
      // K-weighting pass: a long quiet wind-down must not pull it off.
      int decodedFrames = decoded.length / 2;
      Loudness[] measured =
          LoudnessMeter.measure(
              decoded, 2, rate, Math.min(decodedFrames, lead),
              Math.min(decodedFrames, lead + narration.length()));
      loudness = measured[0];
      narrationLoudness =
          measured[1] != null
              ? measured[1]
              : new Loudness(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 0);
      long p3 = System.nanoTime();
      prepare += p1 - p0;
      encodeNanos += p2 - p1;
      measureNanos += p3 - p2;
      double loudnessError = TARGET_LUFS - loudness.integratedLufs();
      boolean peakOk = loudness.truePeakDbtp() <= MAX_TRUE_PEAK_DBTP;
      onTarget = peakOk && Math.abs(loudnessError) <= FINAL_TOLERANCE_LU;
      if (onTarget) {
        break;
      }
      // The safety net: encode again, the gain corrected by what this encode missed by.
      if (peakOk) {
        gainDb += loudnessError;
        aimLufs += loudnessError;
      } else {
        ceilingDb -= loudness.truePeakDbtp() - MAX_TRUE_PEAK_DBTP + 0.3;
      }
    }
    COSTS.record(t1 - t0, prepare, encodeNanos, measureNanos, encodes);
    return new Mixed(
        Files.readAllBytes(mp3),
        loudness,
        frames / (double) rate,
        Math.round(LEAD_IN_SECONDS * 1000),
        onTarget ? null : offTarget(loudness),
        narrationLoudness,
        tailSeconds);
  }

  /** What is wrong with an MP3 that is still off target after {@link #MAX_ENCODES} encodes. */
  static String offTarget(Loudness loudness) {
    return String.format(
        Locale.ROOT,
        "off the loudness target after %d encodes: %.2f LUFS (target %.1f ± %.1f LU), "
            + "true peak %.2f dBTP (ceiling %.1f dBTP)",
        MAX_ENCODES,
        loudness.integratedLufs(),
        TARGET_LUFS,
        FINAL_TOLERANCE_LU,
        loudness.truePeakDbtp(),
        MAX_TRUE_PEAK_DBTP);
  }

  private static float[] scaled(float[] samples, double gain) {
    float[] out = new float[samples.length];
    for (int i = 0; i < samples.length; i++) {
      out[i] = (float) (samples[i] * gain);
    }
    return out;
  }

  /** Limited audio, with the gain and the sample ceiling that gave it. */
  record Limited(float[] samples, double gainDb, double sampleCeilingDb) {}

  /**
   * Applies gain and the look-ahead limiter. The limiter takes loudness away and inter-sample
   * peaks may pass its sample ceiling, so the limited audio is measured in the JVM, then the gain
   * raised (by the error over the slope the last two passes showed: a hard-limited mix gains less
   * than a decibel per decibel) and the sample ceiling lowered, at most {@link #LIMIT_PASSES}
   * passes, until it measures within {@link #LOUDNESS_TOLERANCE_LU} of {@code aimLufs} with its
   * true peak under {@code ceilingDb}.
   */
  static Limited limitToTarget(
      float[] samples, int rate, double gainDb, double sampleCeilingDb, double ceilingDb,
      double aimLufs) {
    float[] limited = null;
    double previousGain = Double.NaN;
    double previousLufs = Double.NaN;
    for (int pass = 0; pass < LIMIT_PASSES; pass++) {
      limited =
          PeakLimiter.limit(
              samples, 2, rate, Levels.fromDb(gainDb), Levels.fromDb(sampleCeilingDb),
              LIMITER_ATTACK_SECONDS, LIMITER_RELEASE_SECONDS);
      Loudness measured = LoudnessMeter.measure(limited, 2, rate);
      double error = aimLufs - measured.integratedLufs();
      double over = measured.truePeakDbtp() - ceilingDb;
      if ((Math.abs(error) <= LOUDNESS_TOLERANCE_LU && over <= 0) || !Double.isFinite(error)) {
        break;
      }
      double step = error;
      if (Double.isFinite(previousGain) && gainDb != previousGain) {
        double slope = (measured.integratedLufs() - previousLufs) / (gainDb - previousGain);
        step = error / Math.max(0.1, Math.min(1.0, slope));
      }
      previousGain = gainDb;
      previousLufs = measured.integratedLufs();
      gainDb += Math.max(-12, Math.min(12, step));
      if (over > 0) {
        sampleCeilingDb -= over + 0.05;
      }
    }
    return new Limited(limited, gainDb, sampleCeilingDb);
  }

  /** Encodes stereo float audio, fed to ffmpeg through its standard input. */
  private static void encode(float[] samples, int rate, Map<String, String> tags, Path mp3)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-f", "f32le", "-ar", Integer.toString(rate), "-ac", "2", "-i", "pipe:0",
                "-c:a", "libmp3lame", "-b:a", MP3_BITRATE, "-compression_level",
                MP3_COMPRESSION_LEVEL, "-id3v2_version", "3"));
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      args.add("-metadata");
      args.add(tag.getKey() + "=" + tag.getValue());
    }
    args.add("-y");
    args.add(mp3.toString());
    Ffmpeg.run(args, Pcm.floatsToBytes(samples));
  }

  /** The MP3 decoded to interleaved stereo float at the mix's rate (encoder delay removed). */
  private static float[] decode(Path mp3, int rate) throws IOException {
    return Pcm.toFloats(
        Ffmpeg.run(
                List.of(
                    "-i", mp3.toString(), "-ac", "2", "-ar", Integer.toString(rate),
                    "-f", "f32le", "-acodec", "pcm_f32le", "pipe:1"))
            .stdout);
  }
}
