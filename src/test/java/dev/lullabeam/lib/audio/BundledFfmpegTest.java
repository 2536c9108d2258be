package dev.lullabeam.lib.audio;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledFfmpegTest {

  @TempDir Path folder;

  @Test
  void aTruncatedCopyLeftByAKilledRunIsReplacedByAWorkingOne() throws Exception {
    BundledFfmpeg.Expected expected = BundledFfmpeg.expected();
    Path installed = folder.resolve(expected.resource() + "-" + Long.toHexString(expected.crc()));
    Files.write(installed, new byte[4096]); // what an interrupted copy leaves
    installed.toFile().setExecutable(true);

    Path ffmpeg = BundledFfmpeg.install(folder);

    assertThat(ffmpeg, is(installed));
    assertThat(Files.size(ffmpeg), is(expected.size()));
    assertThat(version(ffmpeg), containsString("ffmpeg version"));
  }

  @Test
  void twoProcessesInstallingAtOnceBothGetAWorkingBinaryAndLeaveNoPartialFile() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      processes.add(
          new ProcessBuilder(
                  java, "-cp", System.getProperty("java.class.path"),
                  BundledFfmpeg.class.getName(), folder.toString())
              .redirectErrorStream(true)
              .start());
    }
    List<String> paths = new ArrayList<>();
    for (Process process : processes) {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(output, process.waitFor(), is(0));
      paths.add(output.strip().lines().reduce((a, b) -> b).orElseThrow());
    }
    assertThat(paths.get(1), is(paths.get(0)));
    assertThat(version(Path.of(paths.get(0))), containsString("ffmpeg version"));
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(
          files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".partial-")).toList(),
          is(empty()));
    }
  }

  @Test
  void anIntactCopyIsKeptAsIs() throws Exception {
    Path first = BundledFfmpeg.install(folder);
    long modified = Files.getLastModifiedTime(first).toMillis();
    Path second = BundledFfmpeg.install(folder);
    assertThat(second, is(first));
    assertThat(Files.getLastModifiedTime(second).toMillis(), is(modified));
  }

  private static String version(Path ffmpeg) throws Exception {
    Process process =
        new ProcessBuilder(ffmpeg.toString(), "-hide_banner", "-version")
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(output, process.waitFor(), is(0));
    return output;
  }
}
