package dev.lullabeam.pipeline.write;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing on a disk that fills up ({@link QuotaFileSystem}) and cleaning up after killed runs. */
class OutputFilesTest {

  @TempDir Path disk;

  @BeforeEach
  void registerQuotaFileSystem() {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
  }

  private ResourceId file(String name) {
    return FileSystems.matchNewResource(QuotaFileSystem.uri(disk.resolve(name)), false);
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(disk)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void aWriteThatFindsTheDiskFullLeavesNoTemporaryFileAndKeepsTheOldOne() throws Exception {
    Files.writeString(disk.resolve("report.json"), "old");
    try (AutoCloseable quota = QuotaFileSystem.limit(disk, 100)) {
      IOException full =
          assertThrows(
              IOException.class,
              () -> OutputFiles.writeAtomically(file("report.json"), new byte[500], "application/json"));
      assertThat(OutputFiles.isDiskFull(full), is(true));
    }
    assertThat(names(), containsInAnyOrder("report.json"));
    assertThat(Files.readString(disk.resolve("report.json")), is("old"));
  }

  @Test
  void makingRoomReplacesAFileTooLargeToKeepBesideItsNewVersion() throws Exception {
    Files.write(disk.resolve("report.json"), new byte[800]);
    byte[] report = "{\"rows\": 3}".repeat(50).getBytes(StandardCharsets.UTF_8);
    try (AutoCloseable quota = QuotaFileSystem.limit(disk, 1000)) {
      OutputFiles.replaceMakingRoom(
          new FileSystemsStorage(QuotaFileSystem.uri(disk)), "report.json", report, "application/json");
    }
    assertThat(names(), containsInAnyOrder("report.json"));
    assertThat(Files.readAllBytes(disk.resolve("report.json")), is(report));
  }

  @Test
  void makingRoomNeverDeletesTheOldFileForAnythingButAFullDisk() throws Exception {
    Path old = Files.writeString(disk.resolve("report.json"), "old");
    // A folder where the temporary file's folder should be: creating it fails, the disk is not full.
    FileSystemsStorage storage = new FileSystemsStorage(disk.toString());
    assertThrows(
        IOException.class,
        () -> OutputFiles.replaceMakingRoom(
            storage, "report.json/inner.json", new byte[10], "application/json"));
    assertThat(Files.readString(old), is("old"));
  }

  @Test
  void leftoversOfKilledRunsAreDeletedAndFinishedFilesKept() throws IOException {
    Path episodes = Files.createDirectories(disk.resolve("out/episodes"));
    Files.writeString(episodes.resolve(".partial-fox.mp3-1234"), "half an mp3");
    Files.writeString(episodes.resolve("fox.json"), "{}");
    Files.writeString(disk.resolve("out/.partial-report.json-5678"), "{");
    Files.writeString(disk.resolve("out/report.json"), "{}");

    assertThat(OutputFiles.deleteLeftovers(disk.resolve("out").toString()), is(2));

    try (Stream<Path> left = Files.walk(disk.resolve("out"))) {
      assertThat(
          left.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList(),
          containsInAnyOrder("fox.json", "report.json"));
    }
  }

  @Test
  void anOutputFolderNotYetMadeHasNoLeftovers() throws IOException {
    assertThat(OutputFiles.deleteLeftovers(disk.resolve("new").toString()), is(0));
    assertThat(names(), is(empty()));
  }
}
