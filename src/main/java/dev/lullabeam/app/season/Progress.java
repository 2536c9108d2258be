package dev.lullabeam.app.season;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** One console line of progress from the pipeline's live counters. */
final class Progress {

  private final PrintWriter out;
  private final long startNanos;

  Progress(PrintWriter out, long startNanos) {
    this.out = out;
    this.startNanos = startNanos;
  }

  void print(PipelineResult result) {
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    Map<String, Long> counters = new HashMap<>();
    try {
      MetricQueryResults metrics =
          result
              .metrics()
              .queryMetrics(
                  MetricsFilter.builder()
                      .addNameFilter(MetricNameFilter.inNamespace("lullabeam"))
                      .build());
      for (MetricResult<Long> counter : metrics.getCounters()) {
        counters.merge(counter.getName().getName(), counter.getAttempted(), Long::sum);
      }
    } catch (RuntimeException e) {
      // Some runners report metrics only at the end; show the time alone.
    }
    long total = counters.getOrDefault("episodes_total", 0L);
    long done = counters.getOrDefault("episodes_done", 0L);
    double audioMinutes = counters.getOrDefault("audio_ms", 0L) / 60000.0;
    String left = "";
    if (done > 0 && total > done) {
      left = ", about " + clock(elapsed / done * (total - done)) + " left";
    }
    out.printf(
        "  episodes %d/%d, %.1f min of audio, %d sentences spoken, elapsed %s%s%n",
        done, total, audioMinutes, counters.getOrDefault("sentences_spoken", 0L), clock(elapsed), left);
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
  }
}
