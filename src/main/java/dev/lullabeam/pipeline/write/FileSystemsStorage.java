package dev.lullabeam.pipeline.write;

import dev.lullabeam.lib.storage.PreconditionFailedException;
import dev.lullabeam.lib.storage.SeasonStorage;
import dev.lullabeam.lib.storage.StorageUnavailableException;
import dev.lullabeam.lib.storage.StoredObject;
import dev.lullabeam.lib.storage.WriteCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The {@link SeasonStorage} of a local folder (or a folder of any other file system registered
 * with Beam, such as a cluster's shared mount): each write goes to a temporary sibling and is
 * renamed into place ({@link OutputFiles#writeAtomically}). The version of a file is its size,
 * modification time and, for a local file, its inode; the {@link WriteCondition} is checked just before the write, which guards
 * against a run that wrote meanwhile but, unlike a bucket's server-side precondition, not against
 * one writing in the same millisecond: one season writes to a local folder at a time.
 */
public final class FileSystemsStorage implements SeasonStorage {

  private final ResourceId root;

  public FileSystemsStorage(String folder) {
    this.root = OutputFiles.directory(folder);
  }

  ResourceId resource(String name) {
    ResourceId resource = root;
    String[] segments = name.split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      resource = resource.resolve(segments[i], StandardResolveOptions.RESOLVE_DIRECTORY);
    }
    return resource.resolve(segments[segments.length - 1], StandardResolveOptions.RESOLVE_FILE);
  }

  @Override
  public String location(String name) {
    return resource(name).toString();
  }

  @Override
  public Optional<StoredObject> stat(String name) throws IOException {
    MatchResult match = FileSystems.match(List.of(location(name))).get(0);
    if (match.status() != MatchResult.Status.OK || match.metadata().isEmpty()) {
      return Optional.empty();
    }
    MatchResult.Metadata file = match.metadata().get(0);
    return Optional.of(new StoredObject(name, file.sizeBytes(), version(name, file)));
  }

  /**
   * Size and modification time; for a local file also its inode, which every write changes (the
   * rename brings a new file), since modification times are only as fine as the kernel's clock
   * tick.
   */
  private String version(String name, MatchResult.Metadata file) throws IOException {
    String version = file.sizeBytes() + "@" + file.lastModifiedMillis();
    if ("file".equals(root.getScheme())) {
      try {
        BasicFileAttributes attributes =
            Files.readAttributes(Path.of(location(name)), BasicFileAttributes.class);
        version =
            file.sizeBytes() + "@" + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)
                + "#" + attributes.fileKey();
      } catch (NoSuchFileException gone) {
        return version; // replaced meanwhile: this version will not match the next
      }
    }
    return version;
  }

  @Override
  public byte[] read(String name) throws IOException {
    if (stat(name).isEmpty()) {
      throw new NoSuchFileException(location(name));
    }
    return OutputFiles.read(resource(name));
  }

  @Override
  public StoredObject write(
      String name, byte[] content, String contentType, WriteCondition condition)
      throws IOException {
    if (!condition.isMetBy(stat(name))) {
      throw new PreconditionFailedException(location(name), condition, null);
    }
    OutputFiles.writeAtomically(resource(name), content, contentType);
    return stat(name).orElseThrow(() -> new NoSuchFileException(location(name)));
  }

  /** Files under the folder whose names start with {@code prefix}, except temporary ones. */
  @Override
  public List<String> list(String prefix) throws IOException {
    String base = root.toString();
    MatchResult match = FileSystems.match(List.of(base + prefix + "**")).get(0);
    List<String> names = new ArrayList<>();
    if (match.status() == MatchResult.Status.OK) {
      for (MatchResult.Metadata file : match.metadata()) {
        String path = file.resourceId().toString();
        if (path.startsWith(base)
            && !file.resourceId().getFilename().startsWith(OutputFiles.TEMP_PREFIX)) {
          names.add(path.substring(base.length()));
        }
      }
    }
    Collections.sort(names);
    return names;
  }

  @Override
  public boolean delete(String name) throws IOException {
    if (stat(name).isEmpty()) {
      return false;
    }
    OutputFiles.delete(resource(name));
    return true;
  }

  /** A local folder has no public address. */
  @Override
  public Optional<String> publicUrl(String name) {
    return Optional.empty();
  }

  /** Creates a local folder if missing, then writes, reads, lists and deletes the probe. */
  @Override
  public void checkAccess(String name) throws StorageUnavailableException {
    try {
      if ("file".equals(root.getScheme())) {
        Files.createDirectories(Path.of(root.toString()));
      }
      write(name, new byte[0], "application/octet-stream", WriteCondition.absent());
      read(name);
      list(name);
      delete(name);
    } catch (IOException | RuntimeException e) {
      throw new StorageUnavailableException(
          "output folder is not writable: " + root + " (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public void close() {}
}
