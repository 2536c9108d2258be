package dev.lullabeam.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code flink} refuses before it starts or contacts a cluster; FlinkSeasonTest runs one. */
class FlinkCommandTest {

  @TempDir Path work;

  private SeasonCommandTest.Run flink(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Lullabeam.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("flink"));
    all.addAll(List.of(args));
    int exit = cli.execute(all.toArray(new String[0]));
    return new SeasonCommandTest.Run(exit, out.toString(), err.toString());
  }

  @Test
  void aSeasonConfigurationErrorStopsBeforeALocalClusterStarts() throws IOException {
    Path jobJar = Files.writeString(work.resolve("job.jar"), "");
    Path classpath = Files.writeString(work.resolve("cluster.classpath"), "/nonexistent.jar");

    SeasonCommandTest.Run run =
        flink(
            "--local-cluster", "--job-jar", jobJar.toString(),
            "--cluster-classpath", classpath.toString(), "--cluster-dir", work.resolve("cluster").toString(),
            "--catalogue", work.resolve("missing.csv").toString(), "--output=" + work.resolve("out"));

    assertThat(run.err, run.exit, is(2));
    assertThat(run.err, startsWith("lullabeam flink: catalogue not found or unreadable: "));
    assertThat(run.err.strip().lines().count(), is(1L));
    assertThat(run.out, is(""));
    assertThat(Files.exists(work.resolve("cluster")), is(false));
  }

  @Test
  void anUnknownSeasonOptionIsAConfigurationError() throws IOException {
    Path jobJar = Files.writeString(work.resolve("job.jar"), "");

    SeasonCommandTest.Run run =
        flink("--flinkMaster", "127.0.0.1:1", "--job-jar", jobJar.toString(), "--colour=blue");

    assertThat(run.exit, is(2));
    assertThat(run.err, startsWith("lullabeam flink: "));
    assertThat(run.err, containsString("colour"));
  }

  @Test
  void aMasterThatDoesNotAnswerIsAConfigurationError() throws IOException {
    Path jobJar = Files.writeString(work.resolve("job.jar"), "");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort(); // closed again: nothing listens there
    }

    SeasonCommandTest.Run run =
        flink(
            "--flinkMaster=127.0.0.1:" + port, "--job-jar", jobJar.toString(),
            "--catalogue=c.csv", "--output=" + work.resolve("out"));

    assertThat(run.exit, is(2));
    assertThat(run.err.strip(), is("lullabeam flink: no Flink REST API answers at http://127.0.0.1:" + port + "/"));
  }
}
