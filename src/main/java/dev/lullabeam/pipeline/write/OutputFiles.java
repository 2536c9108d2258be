package dev.lullabeam.pipeline.write;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Where outputs go and how they are written: through Beam's FileSystems (local paths today, any
 * registered scheme such as gs:// tomorrow), each file first under a temporary name and then
 * renamed, so a killed run never leaves a truncated file under a final name.
 */
public final class OutputFiles {

  public static final String EPISODES = "episodes";
  public static final String REPORT = "report.json";
  /** Temporary files live beside their final folder, so the rename stays on one file system. */
  static final String TEMP_PREFIX = ".partial-";

  private OutputFiles() {}

  public static ResourceId directory(String output) {
    return FileSystems.matchNewResource(output, true);
  }

  public static ResourceId episodeFile(String output, String id, String extension) {
    return directory(output)
        .resolve(EPISODES, StandardResolveOptions.RESOLVE_DIRECTORY)
        .resolve(id + "." + extension, StandardResolveOptions.RESOLVE_FILE);
  }

  public static ResourceId reportFile(String output) {
    return directory(output).resolve(REPORT, StandardResolveOptions.RESOLVE_FILE);
  }

  /** Writes the bytes to a temporary sibling, then renames it over the final name. */
  public static void writeAtomically(ResourceId target, byte[] content, String mimeType)
      throws IOException {
    ResourceId temp =
        target
            .getCurrentDirectory()
            .resolve(
                TEMP_PREFIX + target.getFilename() + "-" + UUID.randomUUID(),
                StandardResolveOptions.RESOLVE_FILE);
    try (WritableByteChannel channel = FileSystems.create(temp, mimeType);
        OutputStream out = Channels.newOutputStream(channel)) {
      out.write(content);
    }
    try {
      FileSystems.rename(List.of(temp), List.of(target));
    } catch (IOException e) {
      FileSystems.delete(List.of(temp), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      throw e;
    }
  }

  public static boolean exists(ResourceId file) throws IOException {
    MatchResult match = FileSystems.match(List.of(file.toString())).get(0);
    return match.status() == MatchResult.Status.OK && !match.metadata().isEmpty();
  }

  public static byte[] read(ResourceId file) throws IOException {
    try (InputStream in = Channels.newInputStream(FileSystems.open(file))) {
      return in.readAllBytes();
    }
  }
}
