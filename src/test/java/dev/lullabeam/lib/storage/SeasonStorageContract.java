package dev.lullabeam.lib.storage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SeasonStorage} promises (docs/storage.md), run against each implementation by
 * a subclass: a local folder (pipeline/write/FileSystemsStorageTest) and a bucket on the
 * in-memory fake ({@link GcsSeasonStorageTest}).
 */
public abstract class SeasonStorageContract {

  /** An empty storage, new for each test. */
  protected abstract SeasonStorage storage();

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aWrittenObjectReadsBackWithItsSizeAndVersion() throws IOException {
    SeasonStorage storage = storage();
    StoredObject written =
        storage.write("episodes/fox.json", bytes("{\"id\":\"fox\"}"), "application/json", WriteCondition.absent());
    assertThat(storage.read("episodes/fox.json"), is(bytes("{\"id\":\"fox\"}")));
    assertThat(storage.stat("episodes/fox.json"), is(Optional.of(written)));
    assertThat(written.size(), is(12L));
  }

  @Test
  void creatingAnObjectThatExistsFailsAndKeepsIt() throws IOException {
    SeasonStorage storage = storage();
    storage.write("report.json", bytes("first run"), "application/json", WriteCondition.absent());
    assertThrows(
        PreconditionFailedException.class,
        () -> storage.write("report.json", bytes("second"), "application/json", WriteCondition.absent()));
    assertThat(storage.read("report.json"), is(bytes("first run")));
  }

  @Test
  void onlyTheVersionThatWasReadIsReplaced() throws IOException {
    SeasonStorage storage = storage();
    StoredObject first = storage.write("a.vtt", bytes("one"), "text/vtt", WriteCondition.absent());
    StoredObject second =
        storage.write("a.vtt", bytes("two"), "text/vtt", WriteCondition.replacing(Optional.of(first)));
    assertThat(second.version(), is(not(first.version())));
    assertThat(storage.read("a.vtt"), is(bytes("two")));
    // A run that read the first version and writes after the second: refused, nothing changed.
    PreconditionFailedException stale =
        assertThrows(
            PreconditionFailedException.class,
            () -> storage.write("a.vtt", bytes("six"), "text/vtt", WriteCondition.version(first.version())));
    assertThat(stale.getMessage(), is(storage.location("a.vtt")
        + " was changed by someone else (the write expected it if at version " + first.version()
        + "): not overwritten"));
    assertThat(storage.read("a.vtt"), is(bytes("two")));
  }

  @Test
  void replacingAVersionOfAnObjectThatWasDeletedFails() throws IOException {
    SeasonStorage storage = storage();
    StoredObject first = storage.write("a.mp3", bytes("mp3"), "audio/mpeg", WriteCondition.absent());
    assertThat(storage.delete("a.mp3"), is(true));
    assertThrows(
        PreconditionFailedException.class,
        () -> storage.write("a.mp3", bytes("mp3"), "audio/mpeg", WriteCondition.replacing(Optional.of(first))));
    assertThat(storage.stat("a.mp3"), is(Optional.empty()));
  }

  @Test
  void aMissingObjectHasNoStateCannotBeReadAndIsNotDeleted() throws IOException {
    SeasonStorage storage = storage();
    assertThat(storage.stat("episodes/none.json"), is(Optional.empty()));
    assertThrows(NoSuchFileException.class, () -> storage.read("episodes/none.json"));
    assertThat(storage.delete("episodes/none.json"), is(false));
  }

  @Test
  void listingFindsTheObjectsUnderAPrefixByTheirNames() throws IOException {
    SeasonStorage storage = storage();
    for (String name : new String[] {"episodes/b.mp3", "episodes/a.json", "report.json", "episodes-old/c.mp3"}) {
      storage.write(name, bytes(name), "application/octet-stream", WriteCondition.absent());
    }
    assertThat(storage.list("episodes/"), contains("episodes/a.json", "episodes/b.mp3"));
    assertThat(storage.list("nothing/"), is(empty()));
  }

  @Test
  void theAccessCheckLeavesNothingBehind() throws IOException {
    SeasonStorage storage = storage();
    storage.checkAccess("episodes/.write-check.tmp");
    assertThat(storage.list(""), is(empty()));
  }
}
