package dev.lullabeam.lib.audio;

import java.util.Arrays;

/**
 * EBU R128 loudness measured in the JVM, on samples already in memory, instead of an extra ffmpeg
 * pass: integrated loudness as ITU-R BS.1770-4 defines it, true peak by its Annex 2 and loudness
 * range as EBU Tech 3342 defines it. Mono and interleaved stereo at any sample rate; both channels
 * weigh 1.0 (a mono signal is one channel, not dual mono, as in ffmpeg's ebur128).
 *
 * <ul>
 *   <li>K-weighting: the two biquads of BS.1770 (high shelf, then the RLB high pass), their
 *       coefficients derived from the analogue prototypes for the actual rate (the derivation
 *       libebur128 uses), which gives the figures of its Tables 1 and 2 at 48 kHz.
 *   <li>Integrated: 400 ms blocks every 100 ms (75 % overlap), whole blocks only; absolute gate
 *       −70 LUFS, then a relative gate 10 LU below the mean of the blocks that passed it.
 *   <li>True peak: the 4× oversampling of BS.1770-4 Annex 2 by a polyphase FIR interpolator, in
 *       double precision (so without the Annex's 12.04 dB headroom attenuation), at any rate.
 *       Not the Annex's example table (12 taps per phase, pass band to about 20 kHz at 48 kHz):
 *       clipped audio has much of its energy near Nyquist, and there that table read a clipped
 *       square (a 3001 Hz sine 12 dB over full scale, clipped) at 1.35 dBTP, its band-limited peak
 *       being 1.48 dB and ffmpeg reading 1.59. Instead a Kaiser-windowed sinc (β 9, 32 taps per
 *       phase, cut off at the input's Nyquist frequency), after the defaults of ffmpeg's
 *       swresample, which ebur128 oversamples with: 1.43 dBTP there.
 *   <li>Range: 3 s short-term windows every 100 ms, absolute gate −70 LUFS, relative gate 20 LU
 *       below their mean, then the 95th minus the 10th percentile (nearest rank, as ffmpeg).
 * </ul>
 *
 * <p>Audio too short or too quiet for a block to pass the absolute gate has no integrated
 * loudness: {@link Double#NEGATIVE_INFINITY} (ffmpeg prints −70 LUFS there). Digital silence has
 * a true peak of {@link Double#NEGATIVE_INFINITY} dBTP.
 */
public final class LoudnessMeter {

  private static final double ABSOLUTE_GATE_LUFS = -70.0;
  private static final double RELATIVE_GATE_LU = -10.0;
  private static final double RANGE_GATE_LU = -20.0;

  /** Segments of 100 ms in a gating block (400 ms) and in a short-term window (3 s). */
  private static final int BLOCK_SEGMENTS = 4;

  private static final int SHORT_TERM_SEGMENTS = 30;

  /**
   * Taps per phase of the true-peak interpolator, and the β of its Kaiser window: the defaults of
   * ffmpeg's swresample, which its ebur128 filter oversamples with.
   */
  private static final int TAPS = 32;

  private static final double KAISER_BETA = 9;

  /**
   * The interpolator's phases for the points 1/4, 2/4 and 3/4 of a sample on; the samples
   * themselves are the fourth.
   */
  private static final double[][] INTERPOLATOR = interpolator(4);

  /**
   * The most any interpolated point can exceed the largest absolute input it reads: the largest
   * sum of absolute taps over the phases. A chunk whose samples, times this bound, cannot beat the
   * peak found so far holds no higher point, and its interpolation is skipped (exact).
   */
  private static final double INTERPOLATOR_GAIN_BOUND = gainBound(INTERPOLATOR);

  /** Output points of the interpolator computed (or skipped) at a time. */
  private static final int CHUNK = 1024;

  private LoudnessMeter() {}

  /** Measures 16-bit samples (full scale 32768), interleaved when there are two channels. */
  public static Loudness measure(short[] samples, int channels, int sampleRate) {
    float[] scaled = new float[samples.length];
    for (int i = 0; i < samples.length; i++) {
      scaled[i] = samples[i] / 32768f;
    }
    return measure(scaled, channels, sampleRate);
  }

  /** Measures float samples (full scale 1.0), interleaved when there are two channels. */
  public static Loudness measure(float[] samples, int channels, int sampleRate) {
    return measure(samples, channels, sampleRate, 0, 0)[0];
  }

  /**
   * Measures the whole of the samples and, from the same K-weighting pass, a part of them: frames
   * {@code [partFrom, partTo)} measured as if they were the whole input (their own 400 ms blocks
   * from the part's start, their own gates and true peak, zeros around them for the
   * interpolator). The filters run on from before the part, so its first milliseconds are
   * weighted as in the whole, not from rest as a separate measurement would start (a difference
   * far below 0.01 LU on anything longer than a second).
   *
   * @return the whole's loudness, then the part's ({@code null} when the part is empty)
   */
  public static Loudness[] measure(
      float[] samples, int channels, int sampleRate, int partFrom, int partTo) {
    if (channels != 1 && channels != 2) {
      throw new IllegalArgumentException("mono or stereo only, not " + channels + " channels");
    }
    if (sampleRate <= 0 || samples.length % channels != 0) {
      throw new IllegalArgumentException(
          samples.length + " samples are not whole frames of " + channels + " channels at "
              + sampleRate + " Hz");
    }
    int frames = samples.length / channels;
    if (partFrom < 0 || partTo > frames || partFrom > partTo) {
      throw new IllegalArgumentException(
          "part [" + partFrom + ", " + partTo + ") is not within " + frames + " frames");
    }
    // Segment k spans frames [k·rate/10, (k+1)·rate/10): exact at any rate, not only at 48 kHz.
    int segments = (int) (frames * 10L / sampleRate);
    double[] segmentEnergy = new double[segments];
    double[] partEnergy = new double[(int) ((partTo - partFrom) * 10L / sampleRate)];
    double peak = 0;
    double partPeak = 0;
    for (int c = 0; c < channels; c++) {
      kWeightedEnergy(samples, channels, c, sampleRate, segmentEnergy, partFrom, partEnergy);
      peak = Math.max(peak, truePeak(samples, channels, c, 0, frames));
      if (partTo > partFrom) {
        partPeak = Math.max(partPeak, truePeak(samples, channels, c, partFrom, partTo));
      }
    }
    return new Loudness[] {
      loudness(segmentEnergy, peak, sampleRate),
      partTo > partFrom ? loudness(partEnergy, partPeak, sampleRate) : null
    };
  }

  private static Loudness loudness(double[] segmentEnergy, double peak, int sampleRate) {
    double[] blocks = windowLoudness(segmentEnergy, BLOCK_SEGMENTS, sampleRate);
    double[] shortTerm = windowLoudness(segmentEnergy, SHORT_TERM_SEGMENTS, sampleRate);
    double truePeakDbtp = peak == 0 ? Double.NEGATIVE_INFINITY : Levels.toDb(peak);
    return new Loudness(integrated(blocks), truePeakDbtp, range(shortTerm));
  }

  /**
   * Adds the squared K-weighted samples of one channel to the energy of each 100 ms segment, and
   * to the segments of the part that starts at frame {@code partFrom}.
   */
  private static void kWeightedEnergy(
      float[] samples, int channels, int channel, int sampleRate, double[] segmentEnergy,
      int partFrom, double[] partEnergy) {
    Biquad shelf = Biquad.highShelf(sampleRate);
    Biquad highPass = Biquad.highPass(sampleRate);
    int end =
        Math.max(
            segmentStart(segmentEnergy.length, sampleRate),
            partFrom + segmentStart(partEnergy.length, sampleRate));
    int k = 0;
    int kEnd = segmentStart(1, sampleRate);
    double sum = 0;
    int p = 0;
    int pEnd = partFrom + segmentStart(1, sampleRate);
    double partSum = 0;
    for (int frame = 0; frame < end; frame++) {
      double z = highPass.filter(shelf.filter(samples[frame * channels + channel]));
      double square = z * z;
      if (k < segmentEnergy.length) {
        sum += square;
        if (frame + 1 == kEnd) {
          segmentEnergy[k++] += sum;
          sum = 0;
          kEnd = segmentStart(k + 1, sampleRate);
        }
      }
      if (p < partEnergy.length && frame >= partFrom) {
        partSum += square;
        if (frame + 1 == pEnd) {
          partEnergy[p++] += partSum;
          partSum = 0;
          pEnd = partFrom + segmentStart(p + 1, sampleRate);
        }
      }
    }
  }

  private static int segmentStart(int segment, int sampleRate) {
    return (int) ((long) segment * sampleRate / 10);
  }

  /** Loudness of every window of {@code length} segments, one starting at each segment. */
  private static double[] windowLoudness(double[] segmentEnergy, int length, int sampleRate) {
    double[] loudness = new double[Math.max(0, segmentEnergy.length - length + 1)];
    for (int j = 0; j < loudness.length; j++) {
      double energy = 0;
      for (int k = j; k < j + length; k++) {
        energy += segmentEnergy[k];
      }
      int frames = segmentStart(j + length, sampleRate) - segmentStart(j, sampleRate);
      loudness[j] = lufs(energy / frames);
    }
    return loudness;
  }

  private static double lufs(double meanSquare) {
    return -0.691 + 10 * Math.log10(meanSquare);
  }

  private static double power(double lufs) {
    return Math.pow(10, (lufs + 0.691) / 10);
  }

  /** BS.1770-4 gating: blocks above −70 LUFS, then above their mean less 10 LU. */
  private static double integrated(double[] blocks) {
    double[] loud = aboveGate(blocks, ABSOLUTE_GATE_LUFS);
    if (loud.length == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    double[] gated = aboveGate(loud, meanLoudness(loud) + RELATIVE_GATE_LU);
    return meanLoudness(gated);
  }

  /** EBU Tech 3342 loudness range of the short-term loudness values. */
  private static double range(double[] shortTerm) {
    double[] loud = aboveGate(shortTerm, ABSOLUTE_GATE_LUFS);
    if (loud.length == 0) {
      return 0;
    }
    double[] gated = aboveGate(loud, meanLoudness(loud) + RANGE_GATE_LU);
    Arrays.sort(gated);
    return percentile(gated, 0.95) - percentile(gated, 0.10);
  }

  private static double percentile(double[] sorted, double fraction) {
    int rank = (int) (fraction * sorted.length + 0.5);
    return sorted[Math.max(0, rank - 1)];
  }

  private static double[] aboveGate(double[] loudness, double gate) {
    return Arrays.stream(loudness).filter(l -> l > gate).toArray();
  }

  /** Loudness of the mean power, not the mean of the loudness values. */
  private static double meanLoudness(double[] loudness) {
    return lufs(Arrays.stream(loudness).map(LoudnessMeter::power).average().orElseThrow());
  }

  /**
   * Highest absolute value of one channel's frames {@code [from, to)} oversampled 4×: its samples
   * and the points between.
   */
  private static double truePeak(float[] samples, int channels, int channel, int from, int to) {
    int frames = to - from;
    // Output point n reads x[n - TAPS + 1 .. n]; the zeros before the first sample and after the
    // last let the interpolator ring in and out, so no peak near an end is missed.
    int points = frames + TAPS - 1;
    double[] window = new double[TAPS - 1 + CHUNK];
    double[] interpolated = new double[CHUNK];
    double peak = 0;
    for (int start = 0; start < points; start += CHUNK) {
      int count = Math.min(CHUNK, points - start);
      double windowPeak = 0;
      for (int j = 0; j < TAPS - 1 + count; j++) {
        int i = start - TAPS + 1 + j;
        window[j] = i >= 0 && i < frames ? samples[(from + i) * channels + channel] : 0;
        windowPeak = Math.max(windowPeak, Math.abs(window[j]));
      }
      peak = Math.max(peak, windowPeak);
      if (windowPeak * INTERPOLATOR_GAIN_BOUND <= peak) {
        continue; // no point between these samples can beat the peak so far
      }
      for (double[] phase : INTERPOLATOR) {
        Arrays.fill(interpolated, 0);
        // Tap by tap over the whole chunk rather than point by point: a loop the JIT vectorises.
        for (int k = 0; k < TAPS; k++) {
          double tap = phase[k];
          int offset = TAPS - 1 - k;
          for (int n = 0; n < count; n++) {
            interpolated[n] += tap * window[n + offset];
          }
        }
        for (int n = 0; n < count; n++) {
          peak = Math.max(peak, Math.abs(interpolated[n]));
        }
      }
    }
    return peak;
  }

  /**
   * Polyphase interpolator by {@code factor} without its first phase (the identity): a sinc cut
   * off at the input's Nyquist frequency under a Kaiser window of {@link #TAPS} input samples,
   * each phase scaled to unit gain at DC.
   */
  private static double[][] interpolator(int factor) {
    double[][] phases = new double[factor - 1][TAPS];
    double half = TAPS / 2.0;
    for (int p = 1; p < factor; p++) {
      double sum = 0;
      for (int k = 0; k < TAPS; k++) {
        // Distance, in input samples, from tap k to the point this phase estimates.
        double d = half - k - p / (double) factor;
        double sinc = Math.sin(Math.PI * d) / (Math.PI * d);
        double edge = d / half;
        double window = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - edge * edge)));
        phases[p - 1][k] = sinc * window;
        sum += phases[p - 1][k];
      }
      for (int k = 0; k < TAPS; k++) {
        phases[p - 1][k] /= sum;
      }
    }
    return phases;
  }

  private static double gainBound(double[][] phases) {
    double bound = 1;
    for (double[] phase : phases) {
      double sum = 0;
      for (double tap : phase) {
        sum += Math.abs(tap);
      }
      bound = Math.max(bound, sum);
    }
    return bound;
  }

  /** The modified Bessel function I0 of the Kaiser window, by its power series. */
  private static double besselI0(double x) {
    double term = 1;
    double sum = 1;
    for (int m = 1; term > 1e-12 * sum; m++) {
      term *= (x / (2 * m)) * (x / (2 * m));
      sum += term;
    }
    return sum;
  }

  /** One second-order section, direct form I, in double precision. */
  private static final class Biquad {
    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;
    private double x1;
    private double x2;
    private double y1;
    private double y2;

    private Biquad(double b0, double b1, double b2, double a1, double a2) {
      this.b0 = b0;
      this.b1 = b1;
      this.b2 = b2;
      this.a1 = a1;
      this.a2 = a2;
    }

    /** Stage 1: the +4 dB high shelf modelling the head (BS.1770-4 Table 1 at 48 kHz). */
    static Biquad highShelf(int sampleRate) {
      double f0 = 1681.974450955533;
      double gainDb = 3.999843853973347;
      double q = 0.7071752369554196;
      double k = Math.tan(Math.PI * f0 / sampleRate);
      double vh = Math.pow(10, gainDb / 20);
      double vb = Math.pow(vh, 0.4996667741545416);
      double a0 = 1 + k / q + k * k;
      return new Biquad(
          (vh + vb * k / q + k * k) / a0,
          2 * (k * k - vh) / a0,
          (vh - vb * k / q + k * k) / a0,
          2 * (k * k - 1) / a0,
          (1 - k / q + k * k) / a0);
    }

    /** Stage 2: the RLB high pass (BS.1770-4 Table 2 at 48 kHz; numerator 1, −2, 1). */
    static Biquad highPass(int sampleRate) {
      double f0 = 38.13547087602444;
      double q = 0.5003270373238773;
      double k = Math.tan(Math.PI * f0 / sampleRate);
      double a0 = 1 + k / q + k * k;
      return new Biquad(1, -2, 1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0);
    }

    double filter(double x) {
      double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      return y;
    }
  }
}
