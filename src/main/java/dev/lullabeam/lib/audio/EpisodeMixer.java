package dev.lullabeam.lib.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
  /** How far from the target limited audio may measure before its gain is corrected. */
  static final double LOUDNESS_TOLERANCE_LU = 0.3;
  static final int MAX_ENCODES = 3;
  /** How far from the target the encoded MP3 may land before it is encoded again. */
  static final double FINAL_TOLERANCE_LU = 0.5;
  static final String COMPRESSOR = "acompressor=threshold=-21dB:ratio=12:attack=100:release=500";
  static final String MP3_BITRATE = "128k";
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

    short[] voice = new short[frames];
    double peak = Levels.peak(narration.samples());
    double preGain = peak > 0 ? Levels.fromDb(-1.0) / peak : 1.0;
    short[] levelled = Levels.scaled(narration.samples(), preGain);
    System.arraycopy(levelled, 0, voice, lead, levelled.length);
    short[] compressed = compress(voice, rate);

    double voiceDb = Levels.activeRmsDb(compressed, rate, 1, -45);
    double fadeOut =
        windDownSeconds > 0
            ? Math.max(AmbienceBed.FADE_OUT_SECONDS, windDownSeconds / 3)
            : AmbienceBed.FADE_OUT_SECONDS;
    short[] bed =
        AmbienceBed.build(ambienceStereo, rate, frames, voiceDb + ambienceGainDb, fadeOut);

    // Voice centred: the same signal in both channels, plus the stereo bed.
    float[] samples = new float[frames * 2];
    ByteBuffer mix = ByteBuffer.allocate(frames * 2 * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < frames; i++) {
      float v = compressed[i] / 32768f;
      samples[2 * i] = v + bed[2 * i] / 32768f;
      samples[2 * i + 1] = v + bed[2 * i + 1] / 32768f;
      mix.putFloat(samples[2 * i]);
      mix.putFloat(samples[2 * i + 1]);
    }
    Path mixFile = workDir.resolve("mix.f32");
    Files.write(mixFile, mix.array());
    List<String> input =
        List.of("-f", "f32le", "-ar", Integer.toString(rate), "-ac", "2", "-i", mixFile.toString());

    // Loudness: one linear gain to the target (what loudnorm's linear mode does, at a tenth of
    // its cost). When that gain would push peaks over the ceiling, a limiter holds them and the
    // limited audio is measured and the gain corrected before encoding. The encoded MP3 is
    // measured last; should encoding raise a true peak over −1 dBTP, it is limited harder.
    // The mix is measured in the JVM (LoudnessMeter, checked against ffmpeg's ebur128): one ffmpeg
    // process per episode fewer. A mix with nothing above the gate measures -inf: aim as ffmpeg's
    // -70 LUFS floor did.
    Loudness mixLoudness = LoudnessMeter.measure(samples, 2, rate);
    double mixLufs = Double.isFinite(mixLoudness.integratedLufs()) ? mixLoudness.integratedLufs() : -70;
    double gainDb = TARGET_LUFS - mixLufs;
    double limitDb = LIMITER_CEILING_DB;
    boolean limit = mixLoudness.truePeakDbtp() + gainDb > limitDb;
    Path mp3 = workDir.resolve("episode.mp3");
    Loudness loudness = null;
    boolean onTarget = false;
    for (int attempt = 0; attempt < MAX_ENCODES; attempt++) {
      List<String> source = input;
      String filter = gain(gainDb);
      if (limit) {
        source = limitToTarget(input, gainDb, limitDb, rate, workDir.resolve("limited.f32"));
        filter = null;
      }
      encode(source, filter, tags, mp3);
      loudness = Loudness.measure(mp3);
      double loudnessError = TARGET_LUFS - loudness.integratedLufs();
      boolean peakOk = loudness.truePeakDbtp() <= MAX_TRUE_PEAK_DBTP;
      onTarget = peakOk && Math.abs(loudnessError) <= FINAL_TOLERANCE_LU;
      if (onTarget) {
        break;
      }
      if (peakOk) {
        // MP3 encoding drops some noise-like ambience energy (0.3-0.5 LU measured): make it up.
        gainDb += loudnessError;
        limit = limit || mixLoudness.truePeakDbtp() + gainDb > limitDb;
      } else {
        limitDb -= loudness.truePeakDbtp() - MAX_TRUE_PEAK_DBTP + 0.3;
        limit = true;
      }
    }
    // The narration's own level in the final file: a long quiet wind-down must not pull it off.
    Loudness narrationLoudness =
        Loudness.measure(
            List.of(
                "-ss", seconds(LEAD_IN_SECONDS),
                "-t", seconds(narration.length() / (double) rate),
                "-i", mp3.toString()));
    return new Mixed(
        Files.readAllBytes(mp3),
        loudness,
        frames / (double) rate,
        Math.round(LEAD_IN_SECONDS * 1000),
        onTarget ? null : offTarget(loudness),
        narrationLoudness,
        tailSeconds);
  }

  private static String seconds(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
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

  static short[] compress(short[] voice, int rate) throws IOException {
    Ffmpeg.Result result =
        Ffmpeg.run(
            List.of(
                "-f", "s16le", "-ar", Integer.toString(rate), "-ac", "1", "-i", "pipe:0",
                "-af", COMPRESSOR, "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1"),
            Pcm.toBytes(voice));
    short[] out = new short[voice.length];
    short[] decoded = Pcm.toShorts(result.stdout);
    System.arraycopy(decoded, 0, out, 0, Math.min(out.length, decoded.length));
    return out;
  }

  private static String gain(double gainDb) {
    return String.format(Locale.ROOT, "volume=%.2fdB", gainDb);
  }

  /**
   * Applies gain and a sample-peak limiter, writing the result as raw float audio; the limiter
   * takes some loudness away, so the gain is corrected (at most twice) until the limited audio
   * measures within {@link #LOUDNESS_TOLERANCE_LU} of the target.
   *
   * @return ffmpeg input arguments for the limited audio
   */
  private static List<String> limitToTarget(
      List<String> input, double gainDb, double limitDb, int rate, Path limited) throws IOException {
    for (int pass = 0; pass < 3; pass++) {
      List<String> args = new ArrayList<>(input);
      args.addAll(
          List.of(
              "-af",
              gain(gainDb)
                  + String.format(
                      Locale.ROOT,
                      ",alimiter=limit=%.4f:attack=5:release=80:level=0",
                      Levels.fromDb(limitDb))
                  + ",ebur128=peak=true:framelog=verbose",
              "-f", "f32le", "-y", limited.toString()));
      Loudness measured = Loudness.parse(Ffmpeg.run(args).stderr);
      double error = TARGET_LUFS - measured.integratedLufs();
      if (Math.abs(error) <= LOUDNESS_TOLERANCE_LU) {
        break;
      }
      gainDb += error;
    }
    return List.of("-f", "f32le", "-ar", Integer.toString(rate), "-ac", "2", "-i", limited.toString());
  }

  private static void encode(List<String> input, String filter, Map<String, String> tags, Path mp3)
      throws IOException {
    List<String> args = new ArrayList<>(input);
    if (filter != null) {
      args.addAll(List.of("-af", filter));
    }
    args.addAll(
        List.of(
            "-c:a", "libmp3lame", "-b:a", MP3_BITRATE, "-compression_level", "5",
            "-id3v2_version", "3"));
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      args.add("-metadata");
      args.add(tag.getKey() + "=" + tag.getValue());
    }
    args.add("-y");
    args.add(mp3.toString());
    Ffmpeg.run(args);
  }
}
