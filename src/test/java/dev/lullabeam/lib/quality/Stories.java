package dev.lullabeam.lib.quality;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the story fixtures under src/test/resources/dev/lullabeam/lib/quality/stories. */
public final class Stories {
  private Stories() {}

  public static String read(String path) {
    try (InputStream in = Stories.class.getResourceAsStream("stories/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no story fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
