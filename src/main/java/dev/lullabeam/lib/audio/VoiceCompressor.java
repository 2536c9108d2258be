package dev.lullabeam.lib.audio;

/**
 * A feed-forward downward compressor in the JVM with the behaviour of ffmpeg's {@code acompressor}
 * at the settings the mix used it with ({@code threshold=-21dB:ratio=12:attack=100:release=500},
 * its other defaults: RMS detection, knee 2.828, makeup 1, level in 1, mix 1), so the voice no
 * longer goes through an ffmpeg process. Written from the textbook algorithm, not from ffmpeg's
 * source:
 *
 * <ul>
 *   <li>Detector: a one-pole follower of the squared signal whose coefficient is
 *       {@code min(1, 4000 / (ms · rate))}: attack while the square rises above it, release while
 *       it falls; the detected level is the square root (RMS).
 *   <li>Gain curve, in the natural-log domain of the level L: above the knee, out = T + (L − T)/R;
 *       below it, unchanged; inside the knee [T − ln√k, T + ln√k] a cubic Hermite spline from
 *       (knee start, slope 1) to (knee end on the compressed line, slope 1/R). The gain applied is
 *       exp(out − L).
 * </ul>
 *
 * <p>VoiceCompressorTest compares it with ffmpeg's filter on speech-like and
 * noise material (tolerance stated there).
 */
public final class VoiceCompressor {

  private final double attack;
  private final double release;
  private final double threshold;
  private final double ratio;
  private final double kneeStart;
  private final double kneeStop;
  private final double compressedKneeStop;
  /** Mean-square level above which the gain curve departs from 1 (the knee's start, squared). */
  private final double kneeStartSquare;

  /**
   * @param thresholdDb level where compression starts (the knee's middle)
   * @param knee knee width as a linear factor (ffmpeg's default 2.82843: ±4.5 dB)
   */
  public VoiceCompressor(
      int sampleRate, double thresholdDb, double ratio, double attackMs, double releaseMs,
      double knee) {
    this.attack = Math.min(1.0, 4000.0 / (attackMs * sampleRate));
    this.release = Math.min(1.0, 4000.0 / (releaseMs * sampleRate));
    this.threshold = Math.log(Levels.fromDb(thresholdDb));
    this.ratio = ratio;
    double halfKnee = 0.5 * Math.log(knee);
    this.kneeStart = threshold - halfKnee;
    this.kneeStop = threshold + halfKnee;
    this.compressedKneeStop = (kneeStop - threshold) / ratio + threshold;
    double start = Math.exp(kneeStart);
    this.kneeStartSquare = start * start;
  }

  /** The mix's voice compressor: −21 dB, 12:1, attack 100 ms, release 500 ms, knee 2.828. */
  public static VoiceCompressor forVoice(int sampleRate) {
    return new VoiceCompressor(sampleRate, -21, 12, 100, 500, 2.82843);
  }

  /** Compresses mono samples (full scale 1.0), returning a new array. */
  public float[] process(float[] in) {
    float[] out = new float[in.length];
    double follower = 0;
    for (int i = 0; i < in.length; i++) {
      double x = in[i];
      double square = x * x;
      follower += (square - follower) * (square > follower ? attack : release);
      double gain = follower > kneeStartSquare ? gain(follower) : 1.0;
      out[i] = (float) (x * gain);
    }
    return out;
  }

  /** Gain for a detected mean square, from the curve in the log domain. */
  private double gain(double meanSquare) {
    double level = 0.5 * Math.log(meanSquare);
    double compressed;
    if (level < kneeStop) {
      compressed = hermite(level, kneeStart, kneeStop, kneeStart, compressedKneeStop, 1.0, 1.0 / ratio);
    } else {
      compressed = (level - threshold) / ratio + threshold;
    }
    return Math.exp(compressed - level);
  }

  /** Cubic Hermite spline from (x0, y0) with slope m0 to (x1, y1) with slope m1, at x. */
  static double hermite(double x, double x0, double x1, double y0, double y1, double m0, double m1) {
    double width = x1 - x0;
    double t = (x - x0) / width;
    double h00 = (1 + 2 * t) * (1 - t) * (1 - t);
    double h10 = t * (1 - t) * (1 - t);
    double h01 = t * t * (3 - 2 * t);
    double h11 = t * t * (t - 1);
    return h00 * y0 + h10 * width * m0 + h01 * y1 + h11 * width * m1;
  }
}
