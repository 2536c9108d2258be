package dev.lullabeam.lib.audio;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** EBU R128 loudness of a finished file, measured with ffmpeg's ebur128 filter. */
public record Loudness(double integratedLufs, double truePeakDbtp, double rangeLu)
    implements Serializable {

  private static final Pattern INTEGRATED = Pattern.compile("I:\\s+(-?[\\d.]+|-inf) LUFS");
  private static final Pattern RANGE = Pattern.compile("LRA:\\s+(-?[\\d.]+) LU");
  private static final Pattern PEAK = Pattern.compile("Peak:\\s+(-?[\\d.]+|-inf) dBFS");

  /** Measures integrated loudness, loudness range and true peak of an audio file. */
  public static Loudness measure(Path file) throws IOException {
    return measure(List.of("-i", file.toString()));
  }

  /** Measures the audio that these ffmpeg input arguments describe. */
  public static Loudness measure(List<String> inputArgs) throws IOException {
    List<String> args = new java.util.ArrayList<>(inputArgs);
    args.addAll(List.of("-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-"));
    return parse(Ffmpeg.run(args).stderr);
  }

  public static Loudness parse(String ebur128Log) throws IOException {
    int summary = ebur128Log.lastIndexOf("Summary:");
    if (summary < 0) {
      throw new IOException("ebur128 printed no summary: " + Ffmpeg.tail(ebur128Log, 300));
    }
    String text = ebur128Log.substring(summary);
    return new Loudness(
        number(INTEGRATED, text), number(PEAK, text), number(RANGE, text));
  }

  private static double number(Pattern pattern, String text) throws IOException {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      throw new IOException("ebur128 summary lacks " + pattern.pattern() + ": " + text);
    }
    return "-inf".equals(m.group(1)) ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
  }

  @Override
  public String toString() {
    return String.format("%.1f LUFS, %.1f dBTP, LRA %.1f LU", integratedLufs, truePeakDbtp, rangeLu);
  }
}
