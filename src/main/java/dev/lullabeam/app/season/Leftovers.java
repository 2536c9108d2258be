package dev.lullabeam.app.season;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes from the temporary folder what killed seasons left there: the mixer's working folders
 * ({@code lullabeam-mix-*}, made by pipeline/mix/MixEpisode) and ffmpeg's logs ({@code
 * lullabeam-ffmpeg*.log}, made by lib/audio/Ffmpeg). A season running right now may own some of
 * them, so only those untouched for {@link #STALE_AFTER} go: no episode takes that long to mix.
 * jave's and BundledFfmpeg's copies of ffmpeg itself (folders {@code jave}, {@code
 * lullabeam-ffmpeg}) are not leftovers and stay.
 */
final class Leftovers {

  static final Duration STALE_AFTER = Duration.ofHours(1);

  private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

  private Leftovers() {}

  /** Removes the stale leftovers in {@code tmpdir}; returns how many were removed. */
  static int removeStale(Path tmpdir, Instant now) throws IOException {
    Instant before = now.minus(STALE_AFTER);
    int removed = 0;
    try (DirectoryStream<Path> mixes = Files.newDirectoryStream(tmpdir, "lullabeam-mix-*")) {
      for (Path dir : mixes) {
        if (Files.isDirectory(dir) && isOlder(dir, before)) {
          deleteTree(dir);
          removed++;
        }
      }
    }
    try (DirectoryStream<Path> logs = Files.newDirectoryStream(tmpdir, "lullabeam-ffmpeg*.log")) {
      for (Path log : logs) {
        if (Files.isRegularFile(log) && isOlder(log, before)) {
          Files.deleteIfExists(log);
          removed++;
        }
      }
    }
    return removed;
  }

  private static boolean isOlder(Path path, Instant before) throws IOException {
    return Files.getLastModifiedTime(path).toInstant().isBefore(before);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> tree = Files.walk(dir)) {
      for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
    LOG.info("Removed {}, left by an earlier season", dir);
  }
}
