package dev.lullabeam.pipeline.write;

import dev.lullabeam.lib.storage.SeasonStorage;
import dev.lullabeam.lib.storage.StoredObject;
import dev.lullabeam.lib.storage.WriteCondition;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How files are written through Beam's FileSystems (the speech store, the mixer's MP3s, and a
 * local output folder through {@link FileSystemsStorage}): each file first under a temporary
 * name and then renamed, so a killed run never leaves a truncated file under a final name.
 */
public final class OutputFiles {

  public static final String EPISODES = "episodes";
  public static final String REPORT = "report.json";
  /** Temporary files live beside their final folder, so the rename stays on one file system. */
  static final String TEMP_PREFIX = ".partial-";
  private static final Logger LOG = LoggerFactory.getLogger(OutputFiles.class);

  private OutputFiles() {}

  public static ResourceId directory(String output) {
    return FileSystems.matchNewResource(output, true);
  }

  /**
   * Writes the bytes to a temporary sibling, then renames it over the final name. When writing,
   * closing or renaming fails, the temporary file is deleted: on a full disk it would otherwise
   * keep the last bytes that the report needs.
   */
  public static void writeAtomically(ResourceId target, byte[] content, String mimeType)
      throws IOException {
    ResourceId temp =
        target
            .getCurrentDirectory()
            .resolve(
                TEMP_PREFIX + target.getFilename() + "-" + UUID.randomUUID(),
                StandardResolveOptions.RESOLVE_FILE);
    try {
      try (WritableByteChannel channel = FileSystems.create(temp, mimeType);
          OutputStream out = Channels.newOutputStream(channel)) {
        out.write(content);
      }
      FileSystems.rename(List.of(temp), List.of(target));
    } catch (IOException | RuntimeException e) {
      try {
        delete(temp);
      } catch (IOException | RuntimeException notDeleted) {
        e.addSuppressed(notDeleted);
      }
      throw e;
    }
  }

  /**
   * Writes {@code name} replacing whatever version is there now ({@link
   * WriteCondition#replacing}): another run's write in between makes it fail instead of being
   * overwritten. When the disk is too full to hold the new file beside the old one, the old one
   * is deleted to make room and the write tried once more. For a file whose earlier version was
   * written large enough to hold the next (report.json's placeholder).
   */
  public static StoredObject replaceMakingRoom(
      SeasonStorage storage, String name, byte[] content, String mimeType) throws IOException {
    Optional<StoredObject> current = storage.stat(name);
    try {
      return storage.write(name, content, mimeType, WriteCondition.replacing(current));
    } catch (IOException full) {
      if (!isDiskFull(full) || current.isEmpty()) {
        throw full;
      }
      LOG.warn("The disk is full: replacing {} by deleting it first", storage.location(name));
      storage.delete(name);
      try {
        return storage.write(name, content, mimeType, WriteCondition.absent());
      } catch (IOException again) {
        again.addSuppressed(full);
        throw again;
      }
    }
  }

  /** True when {@code e} or one of its causes says the disk (or the user's quota) is full. */
  public static boolean isDiskFull(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (isDiskFull(cause.getMessage())) {
        return true;
      }
    }
    return false;
  }

  /** True when the message holds what the system says for ENOSPC or EDQUOT. */
  public static boolean isDiskFull(String message) {
    return message != null
        && (message.contains("No space left on device") || message.contains("Disk quota exceeded"));
  }

  /**
   * Deletes the temporary files that killed runs left in the output folder and its episodes
   * folder (a finished write renames its temporary file away); returns how many there were.
   */
  public static int deleteLeftovers(String output) throws IOException {
    ResourceId dir = directory(output);
    List<String> patterns =
        List.of(
            dir.resolve(TEMP_PREFIX + "*", StandardResolveOptions.RESOLVE_FILE).toString(),
            dir.resolve(EPISODES, StandardResolveOptions.RESOLVE_DIRECTORY)
                .resolve(TEMP_PREFIX + "*", StandardResolveOptions.RESOLVE_FILE)
                .toString());
    List<ResourceId> leftovers = new ArrayList<>();
    for (MatchResult match : FileSystems.match(patterns)) {
      if (match.status() == MatchResult.Status.OK) {
        match.metadata().forEach(m -> leftovers.add(m.resourceId()));
      }
    }
    FileSystems.delete(leftovers, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    return leftovers.size();
  }

  public static void delete(ResourceId file) throws IOException {
    FileSystems.delete(List.of(file), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  /** The file's SHA-256, in hex: what an episode's JSON records of its MP3 and transcript. */
  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
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
