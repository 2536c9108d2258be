package dev.lullabeam.lib.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the ffmpeg binary that jave2 ships (4.4, static, with libmp3lame, loudnorm and ebur128),
 * never a system ffmpeg, so every machine mixes with the same build.
 */
public final class Ffmpeg {

  private static volatile String executable;

  private Ffmpeg() {}

  /**
   * Path of the bundled ffmpeg, installed (or repaired) into {@code java.io.tmpdir} on first use in
   * this JVM; see {@link BundledFfmpeg} for why not jave2's own locator.
   */
  public static String executable() {
    String path = executable;
    if (path == null) {
      synchronized (Ffmpeg.class) {
        path = executable;
        if (path == null) {
          try {
            path = BundledFfmpeg.install(BundledFfmpeg.defaultFolder()).toString();
          } catch (IOException e) {
            throw new UncheckedIOException("cannot install the bundled ffmpeg: " + e.getMessage(), e);
          }
          executable = path;
        }
      }
    }
    return path;
  }

  /** Output of one ffmpeg run. */
  public static final class Result {
    public final byte[] stdout;
    public final String stderr;

    Result(byte[] stdout, String stderr) {
      this.stdout = stdout;
      this.stderr = stderr;
    }
  }

  /**
   * Runs ffmpeg with the given arguments (without the program name); {@code stdin} may be null.
   *
   * @throws IOException when ffmpeg exits non-zero; the message holds the end of its stderr
   */
  public static Result run(List<String> args, byte[] stdin) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(executable());
    command.add("-hide_banner");
    if (stdin == null) {
      command.add("-nostdin");
    }
    command.addAll(args);
    Path stderrFile = Files.createTempFile("lullabeam-ffmpeg", ".log");
    try {
      Process process =
          new ProcessBuilder(command).redirectError(stderrFile.toFile()).start();
      Thread feeder = null;
      if (stdin != null) {
        feeder = new Thread(() -> feed(process, stdin), "ffmpeg-stdin");
        feeder.setDaemon(true);
        feeder.start();
      } else {
        process.getOutputStream().close();
      }
      byte[] stdout;
      try (InputStream out = process.getInputStream()) {
        stdout = out.readAllBytes();
      }
      int exit = process.waitFor();
      if (feeder != null) {
        feeder.join();
      }
      String stderr = Files.readString(stderrFile, StandardCharsets.UTF_8);
      if (exit != 0) {
        throw new IOException("ffmpeg failed (exit " + exit + "): " + lastLines(stderr, 3));
      }
      return new Result(stdout, stderr);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while ffmpeg was running", e);
    } finally {
      Files.deleteIfExists(stderrFile);
    }
  }

  /** Runs ffmpeg without standard input. */
  public static Result run(List<String> args) throws IOException {
    return run(args, null);
  }

  private static void feed(Process process, byte[] stdin) {
    try (var in = process.getOutputStream()) {
      in.write(stdin);
    } catch (IOException e) {
      // ffmpeg closed its input early; its exit status and stderr tell why.
    }
  }

  /** The last few lines ffmpeg printed, on one line: where it says what went wrong. */
  static String lastLines(String text, int lines) {
    List<String> all = text.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  static String tail(String text, int chars) {
    String trimmed = text.strip();
    return trimmed.length() <= chars ? trimmed : "…" + trimmed.substring(trimmed.length() - chars);
  }
}
