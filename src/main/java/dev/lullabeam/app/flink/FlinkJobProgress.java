package dev.lullabeam.app.flink;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/**
 * Prints the state of the season's Flink job every few seconds while FlinkRunner blocks in
 * {@code run()}: Beam's metrics reach the client only when the job ends, the REST API earlier.
 */
public final class FlinkJobProgress implements AutoCloseable {

  private final String address;
  private final PrintWriter out;
  private final long startedMillis = System.currentTimeMillis();
  private final Thread thread;
  private volatile String lastLine = "";

  private FlinkJobProgress(String address, PrintWriter out, int seconds) {
    this.address = address;
    this.out = out;
    this.thread = seconds > 0 ? new Thread(() -> loop(seconds * 1000L), "flink-job-progress") : null;
  }

  /** Starts printing every {@code seconds} seconds (never if 0) about jobs submitted from now on. */
  public static FlinkJobProgress start(String address, PrintWriter out, int seconds) {
    FlinkJobProgress progress = new FlinkJobProgress(address, out, seconds);
    if (progress.thread != null) {
      progress.thread.setDaemon(true);
      progress.thread.start();
    }
    return progress;
  }

  private void loop(long millis) {
    try {
      while (true) {
        Thread.sleep(millis);
        String line = describeNewestJob();
        if (line != null && !line.equals(lastLine)) {
          out.println(line);
          out.flush();
          lastLine = line;
        }
      }
    } catch (InterruptedException stopped) {
      // The run has ended.
    }
  }

  /** "flink: job NAME RUNNING for 12 s: 3 of 8 tasks finished, 2 running", or null. */
  String describeNewestJob() {
    JsonNode overview = FlinkRest.get(address, "/jobs/overview");
    if (overview == null) {
      return null;
    }
    JsonNode newest = null;
    for (JsonNode job : overview.path("jobs")) {
      long start = job.path("start-time").asLong();
      if (start >= startedMillis - 1000
          && (newest == null || start > newest.path("start-time").asLong())) {
        newest = job;
      }
    }
    if (newest == null) {
      return null;
    }
    JsonNode tasks = newest.path("tasks");
    return String.format(
        "flink: job %s %s for %d s: %d of %d tasks finished, %d running",
        newest.path("jid").asText(), newest.path("state").asText(),
        newest.path("duration").asLong() / 1000, tasks.path("finished").asInt(),
        tasks.path("total").asInt(), tasks.path("running").asInt());
  }

  /** Stops printing, then prints the job's final state and how long it ran on the cluster. */
  @Override
  public void close() {
    if (thread != null) {
      thread.interrupt();
    }
    String last = describeNewestJob();
    if (last != null && !last.equals(lastLine)) {
      out.println(last);
      out.flush();
    }
  }
}
