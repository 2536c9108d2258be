package dev.lullabeam.lib.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;

/**
 * Installs the ffmpeg binary that jave2 ships (a resource of {@code jave-nativebin-*}) as an
 * executable file, safely.
 *
 * <p>jave2's own locator copies the binary into {@code java.io.tmpdir} on first use and afterwards
 * only checks that the file exists: a first run killed during the copy left a truncated binary
 * that crashed (exit 139) in every later season on that machine, and two first runs at once failed
 * with "Text file busy". Here the installed copy is checked against the resource's size and CRC-32
 * (from the jar's directory, so checking costs one read of the file, ~0.1 s), and a missing or
 * damaged copy is replaced: written under a temporary name in the same folder, verified, then
 * renamed into place while holding a lock file, so concurrent processes wait for one another and
 * a process running the old file keeps it.
 */
public final class BundledFfmpeg {

  static final String RESOURCE_FOLDER = "ws/schild/jave/nativebin/";
  private static final String PARTIAL = ".partial-";

  private BundledFfmpeg() {}

  /** Size and CRC-32 of the binary as shipped. */
  record Expected(String resource, long size, long crc) {}

  /** The default folder: {@code ${java.io.tmpdir}/lullabeam-ffmpeg}. */
  public static Path defaultFolder() {
    return Path.of(System.getProperty("java.io.tmpdir"), "lullabeam-ffmpeg");
  }

  /**
   * The installed ffmpeg in {@code folder}, installing or repairing it first when needed.
   *
   * @throws IOException when no ffmpeg is bundled for this platform or the folder is unusable
   */
  public static Path install(Path folder) throws IOException {
    Expected expected = expected();
    Path target = folder.resolve(expected.resource() + "-" + Long.toHexString(expected.crc()));
    if (isIntact(target, expected)) {
      return target;
    }
    Files.createDirectories(folder);
    // One JVM at a time per lock file: FileChannel locks are per process, so threads queue here first.
    synchronized (BundledFfmpeg.class) {
      try (FileChannel lockFile =
              FileChannel.open(
                  folder.resolve(".install.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        if (isIntact(target, expected)) {
          return target; // another process installed it while we waited
        }
        removeLeftovers(folder);
        Path partial = folder.resolve(PARTIAL + expected.resource() + "-" + UUID.randomUUID());
        try {
          copyResource(expected, partial);
          if (!isIntact(partial, expected)) {
            throw new IOException("the copy of the bundled ffmpeg in " + folder + " does not match"
                + " the original (disk full or failing?)");
          }
          if (!partial.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + partial + " executable");
          }
          Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
          Files.deleteIfExists(partial);
        }
      }
    }
    return target;
  }

  /** Whether {@code file} is executable and has the shipped size and CRC-32. */
  static boolean isIntact(Path file, Expected expected) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) != expected.size()) {
        return false;
      }
      CRC32 crc = new CRC32();
      byte[] buffer = new byte[1 << 20];
      try (InputStream in = Files.newInputStream(file)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          crc.update(buffer, 0, n);
        }
      }
      return crc.getValue() == expected.crc()
          && (file.getFileName().toString().startsWith(PARTIAL) || Files.isExecutable(file));
    } catch (IOException e) {
      return false;
    }
  }

  /** Temporary copies of installs that were killed, and damaged copies, are removed. */
  private static void removeLeftovers(Path folder) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, PARTIAL + "*")) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static void copyResource(Expected expected, Path to) throws IOException {
    try (InputStream in = resourceUrl(expected.resource()).openStream();
        OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE_NEW)) {
      in.transferTo(out);
    }
  }

  static Expected expected() throws IOException {
    String resource = "ffmpeg-" + architecture();
    URL url = resourceUrl(resource);
    URLConnection connection = url.openConnection();
    if (connection instanceof JarURLConnection) {
      JarEntry entry = ((JarURLConnection) connection).getJarEntry();
      if (entry.getSize() >= 0 && entry.getCrc() >= 0) {
        return new Expected(resource, entry.getSize(), entry.getCrc());
      }
    }
    // Not in a jar (an unpacked classpath): measure the resource itself.
    CRC32 crc = new CRC32();
    long size = 0;
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = url.openStream()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        crc.update(buffer, 0, n);
        size += n;
      }
    }
    return new Expected(resource, size, crc.getValue());
  }

  private static URL resourceUrl(String resource) throws IOException {
    URL url = BundledFfmpeg.class.getClassLoader().getResource(RESOURCE_FOLDER + resource);
    if (url == null) {
      throw new IOException("no ffmpeg is bundled for this platform (" + System.getProperty("os.name")
          + ", " + System.getProperty("os.arch") + "): the build ships jave-nativebin-linux64 only;"
          + " add the jave2 native jar for this platform to the pom");
    }
    return url;
  }

  /** jave2's names: amd64, x86, arm64, arm32. */
  private static String architecture() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    if (arch.equals("x86_64") || arch.equals("amd64")) {
      return "amd64";
    }
    if (arch.equals("aarch64") || arch.equals("arm64")) {
      return "arm64";
    }
    if (arch.startsWith("arm")) {
      return "arm32";
    }
    return "x86";
  }

  /** Installs into the folder given as the only argument (for tests of concurrent processes). */
  public static void main(String[] args) {
    try {
      System.out.println(install(Path.of(args[0])));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
