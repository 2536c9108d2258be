package dev.lullabeam.lib.lm.hub;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar redrawn in place with carriage returns, at most ten times a second. */
public final class ConsoleProgressBar implements DownloadProgress {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private long lastDrawNanos;
  private long startNanos;
  private long startBytes = -1;

  public ConsoleProgressBar(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void update(String file, long done, long total) {
    long now = System.nanoTime();
    if (startBytes < 0) {
      startNanos = now;
      startBytes = done; // a resumed download starts part-way; speed counts only new bytes
    }
    if (now - lastDrawNanos < 100_000_000L) {
      return;
    }
    lastDrawNanos = now;
    out.print("\r" + line(file, done, total, now));
    out.flush();
  }

  @Override
  public synchronized void finished(String file, long total) {
    out.print("\r" + line(file, total, total, System.nanoTime()) + System.lineSeparator());
    out.flush();
    startBytes = -1;
    lastDrawNanos = 0;
  }

  String line(String file, long done, long total, long now) {
    double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
    double speed = (done - Math.max(0, startBytes)) / seconds;
    if (total <= 0) {
      return String.format(Locale.ROOT, "%-28s %10s  %s/s", file, megabytes(done), megabytes((long) speed));
    }
    int filled = (int) Math.min(WIDTH, WIDTH * done / total);
    return String.format(Locale.ROOT, "%-28s %3d%% [%s%s] %s / %s  %s/s", file, 100 * done / total,
        "=".repeat(filled), " ".repeat(WIDTH - filled), megabytes(done), megabytes(total),
        megabytes((long) speed));
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
