package dev.lullabeam.lib.publish;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * A season in a local folder. Writes go to a {@code .partial-} sibling first and are renamed into
 * place (the name the season's own leftover cleaning removes), so a killed publish never leaves a
 * truncated feed or page.
 */
public final class LocalSeasonFiles implements SeasonFiles {

  private final Path folder;

  public LocalSeasonFiles(Path folder) {
    this.folder = folder;
  }

  @Override
  public String location() {
    return folder.toString();
  }

  @Override
  public Optional<byte[]> read(String path) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(resolve(path)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<Long> size(String path) throws IOException {
    Path file = resolve(path);
    return Files.isRegularFile(file) ? Optional.of(Files.size(file)) : Optional.empty();
  }

  @Override
  public void write(String path, byte[] content, String contentType) throws IOException {
    Path target = resolve(path);
    Files.createDirectories(target.getParent());
    Path temp = target.resolveSibling(".partial-" + target.getFileName() + "-" + UUID.randomUUID());
    try {
      Files.write(temp, content);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Paths come from this package only, but a path leaving the folder is refused all the same. */
  private Path resolve(String path) {
    Path resolved = folder.resolve(path).normalize();
    if (!resolved.startsWith(folder.normalize())) {
      throw new IllegalArgumentException("not a path inside the season: " + path);
    }
    return resolved;
  }
}
