package dev.lullabeam.pipeline.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystem;
import org.apache.beam.sdk.io.FileSystemRegistrar;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.CreateOptions;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A disk that fills up, for tests: {@code quota:///some/path} is the local {@code /some/path},
 * but once the files under the limited folder hold the quota's bytes, a write stores what still
 * fits and then fails with "No space left on device", as a full local disk does. Deleting files
 * frees their bytes again. Registered for the tests through {@link Registrar}.
 */
public final class QuotaFileSystem extends FileSystem<QuotaFileSystem.QuotaResourceId> {

  public static final String SCHEME = "quota";

  private static volatile Path limitedRoot;
  private static volatile long limitBytes;

  /** The disk whose files are under {@code root} holds at most {@code bytes} until closed. */
  public static AutoCloseable limit(Path root, long bytes) {
    limitedRoot = root.toAbsolutePath();
    limitBytes = bytes;
    return () -> limitedRoot = null;
  }

  /** The local folder as this file system names it. */
  public static String uri(Path local) {
    return SCHEME + "://" + local.toAbsolutePath();
  }

  /** Bytes the files under the limited folder take now. */
  public static long usedBytes() {
    Path root = limitedRoot;
    if (root == null || !Files.exists(root)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).mapToLong(QuotaFileSystem::size).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // renamed or deleted meanwhile
    }
  }

  @Override
  protected List<MatchResult> match(List<String> specs) throws IOException {
    List<String> local = specs.stream().map(QuotaFileSystem::localSpec).toList();
    List<MatchResult> results = new ArrayList<>();
    for (MatchResult result : FileSystems.match(local)) {
      if (result.status() != MatchResult.Status.OK) {
        results.add(MatchResult.create(result.status(), new IOException("no match")));
        continue;
      }
      List<MatchResult.Metadata> metadata = new ArrayList<>();
      for (MatchResult.Metadata m : result.metadata()) {
        metadata.add(
            MatchResult.Metadata.builder()
                .setResourceId(new QuotaResourceId(m.resourceId()))
                .setSizeBytes(m.sizeBytes())
                .setIsReadSeekEfficient(m.isReadSeekEfficient())
                .setLastModifiedMillis(m.lastModifiedMillis())
                .build());
      }
      results.add(MatchResult.create(MatchResult.Status.OK, metadata));
    }
    return results;
  }

  @Override
  protected WritableByteChannel create(QuotaResourceId id, CreateOptions options)
      throws IOException {
    return new QuotaChannel(FileSystems.create(id.local, options));
  }

  @Override
  protected ReadableByteChannel open(QuotaResourceId id) throws IOException {
    return FileSystems.open(id.local);
  }

  @Override
  protected void copy(List<QuotaResourceId> from, List<QuotaResourceId> to) throws IOException {
    FileSystems.copy(locals(from), locals(to));
  }

  @Override
  protected void rename(
      List<QuotaResourceId> from, List<QuotaResourceId> to, MoveOptions... options)
      throws IOException {
    FileSystems.rename(locals(from), locals(to), options);
  }

  @Override
  protected void delete(Collection<QuotaResourceId> ids) throws IOException {
    FileSystems.delete(locals(ids));
  }

  @Override
  protected QuotaResourceId matchNewResource(String spec, boolean isDirectory) {
    return new QuotaResourceId(FileSystems.matchNewResource(localSpec(spec), isDirectory));
  }

  @Override
  protected String getScheme() {
    return SCHEME;
  }

  private static String localSpec(String spec) {
    return spec.substring((SCHEME + "://").length());
  }

  private static List<ResourceId> locals(Collection<QuotaResourceId> ids) {
    return ids.stream().map(id -> id.local).toList();
  }

  /** Writes until the quota is used, then stores what fits and fails as a full disk does. */
  private static final class QuotaChannel implements WritableByteChannel {
    private final WritableByteChannel file;

    QuotaChannel(WritableByteChannel file) {
      this.file = file;
    }

    @Override
    public int write(ByteBuffer bytes) throws IOException {
      if (limitedRoot == null) {
        return file.write(bytes);
      }
      long free = Math.max(0, limitBytes - usedBytes());
      if (bytes.remaining() <= free) {
        return file.write(bytes);
      }
      ByteBuffer fits = bytes.slice().limit((int) free);
      while (fits.hasRemaining()) {
        file.write(fits);
      }
      throw new IOException("No space left on device");
    }

    @Override
    public boolean isOpen() {
      return file.isOpen();
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }

  /** A local resource under the quota scheme. */
  public static final class QuotaResourceId implements ResourceId {
    private final ResourceId local;

    QuotaResourceId(ResourceId local) {
      this.local = local;
    }

    @Override
    public ResourceId resolve(String other, ResolveOptions options) {
      return new QuotaResourceId(local.resolve(other, options));
    }

    @Override
    public ResourceId getCurrentDirectory() {
      return new QuotaResourceId(local.getCurrentDirectory());
    }

    @Override
    public String getScheme() {
      return SCHEME;
    }

    @Override
    public String getFilename() {
      return local.getFilename();
    }

    @Override
    public boolean isDirectory() {
      return local.isDirectory();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof QuotaResourceId other && local.equals(other.local);
    }

    @Override
    public int hashCode() {
      return local.hashCode();
    }

    @Override
    public String toString() {
      return SCHEME + "://" + local;
    }
  }

  /** Makes {@code quota://} known to Beam's FileSystems in the tests. */
  public static final class Registrar implements FileSystemRegistrar {
    @Override
    public Iterable<FileSystem<?>> fromOptions(PipelineOptions options) {
      return List.of(new QuotaFileSystem());
    }
  }
}
