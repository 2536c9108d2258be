package dev.lullabeam.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mix: 7 s of ambience before the voice and 8 s after it, the voice compressed and centred in
 * both channels, the ambience looped under it, and the whole episode normalised to −16 LUFS with
 * true peak at most −1 dBTP, checked on the encoded MP3.
 */
public final class EpisodeMixer {

  public static final double LEAD_IN_SECONDS = 7.0;
  public static final double TAIL_SECONDS = 8.0;
  public static final double TARGET_LUFS = -16.0;
  public static final double MAX_TRUE_PEAK_DBTP = -1.0;
  /** The limiter aims below the ceiling: MP3 encoding raises true peaks a little. */
  static final double LIMITER_CEILING_DB = -1.6;
  /** How far from the target an episode may land before it is encoded again. */
  static final double LOUDNESS_TOLERANCE_LU = 0.4;
  static final int MAX_ENCODES = 3;
  static final String COMPRESSOR = "acompressor=threshold=-21dB:ratio=12:attack=100:release=500";
  static final String MP3_BITRATE = "128k";
  public static final String MP3_BITRATE_LABEL = "128 kbit/s CBR";

  private EpisodeMixer() {}

  /** A finished episode's audio. */
  public static final class Mixed {
    public final byte[] mp3;
    public final Loudness loudness;
    public final double durationSeconds;
    public final long leadInMs;

    Mixed(byte[] mp3, Loudness loudness, double durationSeconds, long leadInMs) {
      this.mp3 = mp3;
      this.loudness = loudness;
      this.durationSeconds = durationSeconds;
      this.leadInMs = leadInMs;
    }
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
    int rate = narration.sampleRate();
    int lead = (int) Math.round(LEAD_IN_SECONDS * rate);
    int tail = (int) Math.round(TAIL_SECONDS * rate);
    int frames = lead + narration.length() + tail;

    short[] voice = new short[frames];
    double peak = Levels.peak(narration.samples());
    double preGain = peak > 0 ? Levels.fromDb(-1.0) / peak : 1.0;
    short[] levelled = Levels.scaled(narration.samples(), preGain);
    System.arraycopy(levelled, 0, voice, lead, levelled.length);
    short[] compressed = compress(voice, rate);

    double voiceDb = Levels.activeRmsDb(compressed, rate, 1, -45);
    short[] bed =
        AmbienceBed.build(ambienceStereo, rate, frames, voiceDb + ambienceGainDb);

    // Voice centred: the same signal in both channels, plus the stereo bed.
    ByteBuffer mix = ByteBuffer.allocate(frames * 2 * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < frames; i++) {
      float v = compressed[i] / 32768f;
      mix.putFloat(v + bed[2 * i] / 32768f);
      mix.putFloat(v + bed[2 * i + 1] / 32768f);
    }
    Path mixFile = workDir.resolve("mix.f32");
    Files.write(mixFile, mix.array());
    List<String> input =
        List.of("-f", "f32le", "-ar", Integer.toString(rate), "-ac", "2", "-i", mixFile.toString());

    // Loudness: one linear gain to the target (what loudnorm's linear mode does, at a tenth of
    // its cost), a sample-peak limiter only when that gain would push peaks over the ceiling, and
    // the encoded MP3 measured; should encoding raise a true peak over −1 dBTP, encode again with
    // a lower limit.
    Loudness mixLoudness = Loudness.measure(input);
    double gainDb = TARGET_LUFS - mixLoudness.integratedLufs;
    double limitDb = LIMITER_CEILING_DB;
    boolean limit = mixLoudness.truePeakDbtp + gainDb > limitDb;
    Path mp3 = workDir.resolve("episode.mp3");
    Loudness loudness = null;
    for (int attempt = 0; attempt < MAX_ENCODES; attempt++) {
      encode(input, gainDb, limit ? limitDb : null, tags, mp3);
      loudness = Loudness.measure(mp3);
      boolean peakOk = loudness.truePeakDbtp <= MAX_TRUE_PEAK_DBTP;
      double loudnessError = TARGET_LUFS - loudness.integratedLufs;
      if (peakOk && Math.abs(loudnessError) <= LOUDNESS_TOLERANCE_LU) {
        break;
      }
      if (!peakOk) {
        limitDb -= loudness.truePeakDbtp - MAX_TRUE_PEAK_DBTP + 0.3;
        limit = true;
      } else {
        // The limiter took some loudness away: make it up, the limiter keeps the peaks in check.
        gainDb += loudnessError;
      }
    }
    return new Mixed(
        Files.readAllBytes(mp3), loudness, frames / (double) rate, Math.round(LEAD_IN_SECONDS * 1000));
  }

  static short[] compress(short[] voice, int rate) throws IOException {
    ByteBuffer in = ByteBuffer.allocate(voice.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    in.asShortBuffer().put(voice);
    Ffmpeg.Result result =
        Ffmpeg.run(
            List.of(
                "-f", "s16le", "-ar", Integer.toString(rate), "-ac", "1", "-i", "pipe:0",
                "-af", COMPRESSOR, "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1"),
            in.array());
    short[] out = new short[voice.length];
    ByteBuffer.wrap(result.stdout).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer()
        .get(out, 0, Math.min(out.length, result.stdout.length / 2));
    return out;
  }

  private static void encode(
      List<String> input, double gainDb, Double limitDb, Map<String, String> tags, Path mp3)
      throws IOException {
    String filter = String.format(Locale.ROOT, "volume=%.2fdB", gainDb);
    if (limitDb != null) {
      filter +=
          String.format(
              Locale.ROOT, ",alimiter=limit=%.4f:attack=5:release=80:level=0", Levels.fromDb(limitDb));
    }
    List<String> args = new ArrayList<>(input);
    args.addAll(List.of("-af", filter, "-c:a", "libmp3lame", "-b:a", MP3_BITRATE, "-id3v2_version", "3"));
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      args.add("-metadata");
      args.add(tag.getKey() + "=" + tag.getValue());
    }
    args.add("-y");
    args.add(mp3.toString());
    Ffmpeg.run(args);
  }
}
