package dev.lullabeam.pipeline.write;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lullabeam.lib.storage.SeasonStorage;
import dev.lullabeam.lib.storage.SeasonStorageContract;
import dev.lullabeam.lib.storage.StorageUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on a local folder, and what is a folder's own. */
class FileSystemsStorageTest extends SeasonStorageContract {

  @TempDir Path folder;

  @BeforeEach
  void defaultFileSystems() {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
  }

  @Override
  protected SeasonStorage storage() {
    return new FileSystemsStorage(folder.resolve("out").toString());
  }

  @Test
  void temporaryFilesOfKilledRunsAreNotObjects() throws IOException {
    Files.createDirectories(folder.resolve("out/episodes"));
    Files.writeString(folder.resolve("out/episodes/.partial-fox.mp3-1234"), "half");
    Files.writeString(folder.resolve("out/episodes/fox.json"), "{}");
    assertThat(storage().list("episodes/"), is(List.of("episodes/fox.json")));
  }

  @Test
  void aFolderHasNoPublicUrl() {
    assertThat(storage().publicUrl("report.json"), is(Optional.empty()));
  }

  @Test
  void theCheckCreatesAMissingFolderAndRefusesOneUnderAFile() throws IOException {
    storage().checkAccess("probe.tmp");
    assertThat(Files.isDirectory(folder.resolve("out")), is(true));
    Files.writeString(folder.resolve("file"), "not a folder");
    StorageUnavailableException e =
        assertThrows(
            StorageUnavailableException.class,
            () -> new FileSystemsStorage(folder.resolve("file/out").toString()).checkAccess("probe.tmp"));
    assertThat(e.getMessage().startsWith("output folder is not writable: " + folder.resolve("file/out")), is(true));
  }
}
