package dev.lullabeam.lib.publish;

import java.io.IOException;
import java.util.Optional;

/**
 * Every read and write of a season's files that publishing does, by path relative to the season's
 * output folder ({@code report.json}, {@code episodes/<id>.json}, {@code feed.xml}, ...). One small
 * seam, so that a season in a bucket needs one more implementation and nothing else.
 */
public interface SeasonFiles {

  /** Where the season is, for messages. */
  String location();

  /** The file's bytes, or empty when there is no such file. */
  Optional<byte[]> read(String path) throws IOException;

  /** The file's size in bytes, or empty when there is no such file. */
  Optional<Long> size(String path) throws IOException;

  /**
   * Writes the file so that readers see either the old content or all of the new one, never a
   * part of it.
   *
   * @param contentType the MIME type, for stores that keep one (a bucket serving the page)
   */
  void write(String path, byte[] content, String contentType) throws IOException;
}
