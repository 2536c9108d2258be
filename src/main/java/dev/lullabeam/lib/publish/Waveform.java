package dev.lullabeam.lib.publish;

import dev.lullabeam.lib.audio.Ffmpeg;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.List;
import java.util.Locale;
import org.apache.commons.text.StringEscapeUtils;

/**
 * An episode's waveform for the season page: the MP3 decoded by the bundled ffmpeg to 8 kHz mono
 * 16-bit PCM (a 20-minute episode takes under a second), its peak per bar computed here, drawn as
 * an inline SVG of vertical bars.
 */
public final class Waveform {

  /** Bars across the page's width. */
  public static final int BARS = 160;
  static final int DECODE_RATE = 8000;
  private static final int HEIGHT = 40;

  private Waveform() {}

  /** The peaks (0..1) of {@code bars} equal slices of the MP3's audio. */
  public static double[] peaks(byte[] mp3, int bars) throws IOException {
    byte[] pcm =
        Ffmpeg.run(
                List.of(
                    "-loglevel", "error", "-f", "mp3", "-i", "pipe:0", "-ac", "1",
                    "-ar", String.valueOf(DECODE_RATE), "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1"),
                mp3)
            .stdout;
    ShortBuffer samples = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    return peaks(samples, bars);
  }

  static double[] peaks(ShortBuffer samples, int bars) {
    double[] peaks = new double[bars];
    int count = samples.remaining();
    if (count == 0) {
      return peaks;
    }
    for (int bar = 0; bar < bars; bar++) {
      int from = (int) ((long) count * bar / bars);
      int to = Math.max(from + 1, (int) ((long) count * (bar + 1) / bars));
      int peak = 0;
      for (int i = from; i < Math.min(to, count); i++) {
        peak = Math.max(peak, Math.abs((int) samples.get(i)));
      }
      peaks[bar] = Math.min(1.0, peak / 32768.0);
    }
    return peaks;
  }

  /**
   * An SVG of the peaks as bars centred on a middle line; scales to its container's width.
   *
   * @param label what a screen reader says for the picture (escaped here)
   */
  public static String svg(double[] peaks, String label) {
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < peaks.length; i++) {
      double half = Math.max(0.5, peaks[i] * (HEIGHT / 2.0 - 1));
      path.append(String.format(Locale.ROOT, "M%d.5 %.1fv%.1f", i, HEIGHT / 2.0 - half, 2 * half));
    }
    return "<svg class=\"waveform\" role=\"img\" aria-label=\"" + StringEscapeUtils.escapeHtml4(label)
        + "\" viewBox=\"0 0 " + peaks.length + " " + HEIGHT + "\" preserveAspectRatio=\"none\""
        + " xmlns=\"http://www.w3.org/2000/svg\"><path d=\"" + path
        + "\" stroke=\"currentColor\" stroke-width=\"0.7\" fill=\"none\"/></svg>";
  }
}
