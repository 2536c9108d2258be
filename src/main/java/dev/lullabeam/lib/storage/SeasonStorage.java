package dev.lullabeam.lib.storage;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A folder of season outputs — a local folder or a bucket prefix — holding objects named by paths
 * relative to it ({@code report.json}, {@code episodes/fox.mp3}). The contract every
 * implementation keeps (docs/storage.md; SeasonStorageContract runs it against each):
 *
 * <ul>
 *   <li>{@link #write} is atomic: a reader sees the old content or the whole new content, never
 *       a part, and a failed write leaves the old object as it was. A local folder writes a
 *       temporary sibling and renames it; a bucket uploads once, and GCS makes the object
 *       visible only when its upload completes (no renames).
 *   <li>Every write names what it expects to replace ({@link WriteCondition}): nothing, or the
 *       version it read. When the object is not in that state the write fails with {@link
 *       PreconditionFailedException} and changes nothing, so two runs never silently overwrite
 *       each other's objects.
 *   <li>{@link #stat}, {@link #read} and {@link #list} see every completed write.
 * </ul>
 *
 * <p>Implementations are not serializable: workers open their own from a serializable
 * description of the location (pipeline/write/OutputLocation).
 */
public interface SeasonStorage extends AutoCloseable {

  /** Where {@code name} lives, for messages and the report: a path or a {@code gs://} URI. */
  String location(String name);

  /** The object's size and version, or empty when there is none. */
  Optional<StoredObject> stat(String name) throws IOException;

  /**
   * The object's content.
   *
   * @throws java.nio.file.NoSuchFileException when there is no such object
   */
  byte[] read(String name) throws IOException;

  /**
   * Writes the whole object atomically if it is in the state {@code condition} expects.
   *
   * @return what was written, with its new version
   * @throws PreconditionFailedException when another writer got there first (nothing written)
   */
  StoredObject write(String name, byte[] content, String contentType, WriteCondition condition)
      throws IOException;

  /** The names of the objects whose names start with {@code prefix}, sorted. */
  List<String> list(String prefix) throws IOException;

  /** Deletes the object; returns false when there was none. */
  boolean delete(String name) throws IOException;

  /**
   * The public https address of the object, when the storage has one (a bucket's objects are at
   * {@code https://storage.googleapis.com/BUCKET/NAME}; whether a reader may fetch them depends on
   * the bucket's access settings). A local folder has none.
   */
  Optional<String> publicUrl(String name);

  /**
   * Checks before any work that this storage can be written, read, listed and deleted in, by
   * writing, reading, listing and deleting a probe object {@code name}.
   *
   * @throws StorageUnavailableException with a one-line reason (unreachable, missing bucket, no
   *     permission) when it cannot
   */
  void checkAccess(String name) throws StorageUnavailableException;

  /** Releases the client, if any. */
  @Override
  void close();
}
