package dev.lullabeam.lib.publish;

import dev.lullabeam.lib.storage.SeasonStorage;
import dev.lullabeam.lib.storage.StoredObject;
import dev.lullabeam.lib.storage.WriteCondition;
import java.io.IOException;
import java.util.Optional;

/**
 * A season in a {@link SeasonStorage} (a bucket): each write is one upload that replaces only the
 * version read just before it (or nothing), so the object appears whole or not at all and another
 * run's newer feed or page is never silently overwritten (docs/storage.md).
 */
public final class StoredSeasonFiles implements SeasonFiles {

  private final SeasonStorage storage;

  public StoredSeasonFiles(SeasonStorage storage) {
    this.storage = storage;
  }

  @Override
  public String location() {
    return storage.location("");
  }

  @Override
  public Optional<byte[]> read(String path) throws IOException {
    if (storage.stat(path).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(storage.read(path));
  }

  @Override
  public Optional<Long> size(String path) throws IOException {
    return storage.stat(path).map(StoredObject::size);
  }

  @Override
  public void write(String path, byte[] content, String contentType) throws IOException {
    storage.write(path, content, contentType, WriteCondition.replacing(storage.stat(path)));
  }
}
