package dev.lullabeam.app.season;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What killed seasons leave in the temporary folder, and what a running season still needs. */
class LeftoversTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final Instant TWO_HOURS_AGO = NOW.minusSeconds(7200);
  private static final Instant TEN_MINUTES_AGO = NOW.minusSeconds(600);

  @TempDir Path tmp;

  private Path aged(Path path, Instant modified) throws IOException {
    Files.setLastModifiedTime(path, FileTime.from(modified));
    return path;
  }

  @Test
  void removesOnlyStaleMixFoldersAndFfmpegLogs() throws IOException {
    Path staleMix = Files.createDirectories(tmp.resolve("lullabeam-mix-fox-123/inner"));
    Files.writeString(staleMix.resolve("voice.wav"), "RIFF");
    aged(staleMix.getParent(), TWO_HOURS_AGO);
    aged(Files.createDirectory(tmp.resolve("lullabeam-mix-owl-456")), TEN_MINUTES_AGO);
    aged(Files.writeString(tmp.resolve("lullabeam-ffmpeg123.log"), "x"), TWO_HOURS_AGO);
    aged(Files.writeString(tmp.resolve("lullabeam-ffmpeg456.log"), "x"), TEN_MINUTES_AGO);
    // The bundled ffmpeg's folder, jave's copy and other programs' files are no leftovers.
    aged(Files.createDirectories(tmp.resolve("lullabeam-ffmpeg")), TWO_HOURS_AGO);
    aged(Files.createDirectories(tmp.resolve("jave")), TWO_HOURS_AGO);
    aged(Files.writeString(tmp.resolve("other.log"), "x"), TWO_HOURS_AGO);

    assertThat(Leftovers.removeStale(tmp, NOW), is(2));

    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(
          left.map(p -> p.getFileName().toString()).toList(),
          containsInAnyOrder(
              "lullabeam-mix-owl-456", "lullabeam-ffmpeg456.log", "lullabeam-ffmpeg", "jave",
              "other.log"));
    }
  }
}
