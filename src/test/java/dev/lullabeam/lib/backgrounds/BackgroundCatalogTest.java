package dev.lullabeam.lib.backgrounds;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundCatalogTest {

  private static final Path RAIN = Path.of("backgrounds/rain.ogg");

  @TempDir Path folder;

  private Map<String, Background> catalog(String rows) throws IOException {
    Path csv = folder.resolve("backgrounds.csv");
    Files.writeString(csv, "topic,file,gain_db\n" + rows);
    return BackgroundCatalog.read(csv);
  }

  @Test
  void theShippedAmbienceDecodesWithoutWarnings() throws IOException {
    Files.copy(RAIN, folder.resolve("rain.ogg"));
    assertThat(BackgroundCatalog.verify(catalog("rain,rain.ogg,-20\n"), 48_000), is(empty()));
  }

  @Test
  void aTruncatedFileIsFoundBeforeAnyWorkNamingTopicFileAndReason() throws IOException {
    byte[] rain = Files.readAllBytes(RAIN);
    Files.write(folder.resolve("rain.ogg"), Arrays.copyOf(rain, 3000));
    Map<String, Background> backgrounds = catalog("rain,rain.ogg,-20\n");
    IOException e = assertThrows(IOException.class, () -> BackgroundCatalog.verify(backgrounds, 48_000));
    assertThat(e.getMessage(), allOf(containsString("'rain'"), containsString("rain.ogg"),
        containsString("End of file")));
  }

  @Test
  void aFileThatIsNoAudioIsFoundBeforeAnyWork() throws IOException {
    Files.writeString(folder.resolve("ocean.ogg"), "this is a text file, not a recording\n");
    Map<String, Background> backgrounds = catalog("ocean,ocean.ogg,-20\n");
    IOException e = assertThrows(IOException.class, () -> BackgroundCatalog.verify(backgrounds, 48_000));
    assertThat(e.getMessage(), allOf(containsString("ocean.ogg"), containsString("Invalid data")));
  }

  @Test
  void gainsOutsideASensibleRangeAreWarnedAbout() throws IOException {
    Files.copy(RAIN, folder.resolve("rain.ogg"));
    Files.copy(RAIN, folder.resolve("storm.ogg"));
    assertThat(
        BackgroundCatalog.verify(catalog("rain,rain.ogg,3\nstorm,storm.ogg,-70\n"), 48_000),
        contains(
            containsString("'rain' has gain_db 3.0"),
            containsString("'storm' has gain_db -70.0")));
  }
}
