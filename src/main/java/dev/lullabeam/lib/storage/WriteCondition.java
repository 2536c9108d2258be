package dev.lullabeam.lib.storage;

import java.util.Optional;

/**
 * What a write expects to replace. The semantics are "replace only the version we read, or
 * nothing": a writer reads the object's state ({@link SeasonStorage#stat}), decides, and writes
 * with {@link #replacing(Optional)} that state. If another run wrote or deleted the object in
 * between, the write fails instead of overwriting that run's object. On GCS the condition is the
 * request's precondition ({@code ifGenerationMatch}, {@code 0} for "does not exist"), checked by
 * the server; on a local folder it is checked just before the rename.
 *
 * @param version the version to replace, or null when the object must not exist
 */
public record WriteCondition(String version) {

  /** The object must not exist: creates it. */
  public static WriteCondition absent() {
    return new WriteCondition(null);
  }

  /** The object must be at exactly this version. */
  public static WriteCondition version(String version) {
    if (version == null) {
      throw new IllegalArgumentException("a version to replace is required; use absent()");
    }
    return new WriteCondition(version);
  }

  /** Replace what {@link SeasonStorage#stat} found: that version, or nothing if it found none. */
  public static WriteCondition replacing(Optional<StoredObject> current) {
    return current.map(o -> version(o.version())).orElse(absent());
  }

  public boolean requiresAbsent() {
    return version == null;
  }

  /** Whether an object now in state {@code current} satisfies the condition. */
  public boolean isMetBy(Optional<StoredObject> current) {
    return current.map(o -> o.version().equals(version)).orElse(version == null);
  }

  @Override
  public String toString() {
    return version == null ? "if absent" : "if at version " + version;
  }
}
