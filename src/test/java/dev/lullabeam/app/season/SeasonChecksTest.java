package dev.lullabeam.app.season;

import dev.lullabeam.pipeline.write.OutputLocation;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the launcher checks before any work, and what it prints after. */
class SeasonChecksTest {

  private static final String CSV = "id,topic,story\nfee,rain,Zoë drank a café crème.\n";

  @TempDir Path work;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final SeasonLauncher launcher =
      new SeasonLauncher("season", new PrintWriter(out, true), new PrintWriter(err, true));

  private List<String> args(Path catalogue, String... more) {
    List<String> args = new ArrayList<>(List.of(
        "--catalogue=" + catalogue, "--output=" + work.resolve("out"),
        "--backgrounds=backgrounds/backgrounds.csv"));
    args.addAll(Arrays.asList(more));
    return args;
  }

  private Path catalogue(byte[] bytes) throws IOException {
    Path file = work.resolve("season.csv");
    Files.write(file, bytes);
    return file;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --targetParallelism=0   | --targetParallelism=0: must be at least 1
          --progressSeconds=-1    | --progressSeconds=-1: must be at least 0
          --batchSize=0           | --batchSize=0: must be at least 1
          --maxAttempts=0         | --maxAttempts=0: must be at least 1
          --topP=1.5              | --topP=1.5: must be in (0, 1]
          --temperature=-0.1      | --temperature=-0.1: must be a number ≥ 0
          --maxNewTokens=0        | --maxNewTokens=0: must be at least 1
          --maxSentenceChars=10   | --maxSentenceChars=10: must be at least 40
          """)
  void numericOptionsAreCheckedBeforeAnyWorkNamingTheOption(String option, String message)
      throws IOException {
    Path catalogue = catalogue(CSV.getBytes(StandardCharsets.UTF_8));
    ConfigurationException e =
        assertThrows(ConfigurationException.class,
            () -> launcher.prepare(launcher.parse(args(catalogue, option))));
    assertThat(e.getMessage(), containsString(message));
    assertThat(Files.exists(work.resolve("out/report.json")), is(false));
  }

  @Test
  void aWindows1252CatalogueIsReadWithAWarningNotMangled() throws Exception {
    Path catalogue = catalogue(CSV.getBytes(Charset.forName("windows-1252")));
    SeasonLauncher.PreparedSeason season = launcher.prepare(launcher.parse(args(catalogue)));
    assertThat(season.warnings(), contains(allOf(containsString("not UTF-8"), containsString("line 2"))));
    assertThat(out.toString(), containsString("warning: catalogue"));
  }

  @Test
  void aUtf16CatalogueWithBomIsRead() throws Exception {
    byte[] text = CSV.getBytes(StandardCharsets.UTF_16LE);
    byte[] bom = new byte[text.length + 2];
    bom[0] = (byte) 0xFF;
    bom[1] = (byte) 0xFE;
    System.arraycopy(text, 0, bom, 2, text.length);
    SeasonLauncher.PreparedSeason season = launcher.prepare(launcher.parse(args(catalogue(bom))));
    assertThat(season.warnings(), is(empty()));
  }

  @Test
  void aBinaryCatalogueIsRefusedWithoutPrintingItsBytes() throws Exception {
    Path catalogue = catalogue(new byte[] {'i', 'd', 0, 0, 0x1b, '[', '3', '1', 'm', 0, 7, 1});
    int status = launcher.launch(args(catalogue));
    assertThat(status, is(SeasonLauncher.CONFIGURATION_ERROR));
    assertThat(err.toString(), containsString("zero bytes"));
    assertThat(err.toString().chars().filter(c -> c < 0x20 && c != '\n').count(), is(0L));
  }

  @Test
  void aBrokenBackgroundStopsTheRunBeforeAnyWork() throws Exception {
    Path folder = Files.createDirectories(work.resolve("bg"));
    Files.write(folder.resolve("rain.ogg"),
        Arrays.copyOf(Files.readAllBytes(Path.of("backgrounds/rain.ogg")), 3000));
    Files.writeString(folder.resolve("backgrounds.csv"), "topic,file\nrain,rain.ogg\n");
    Path catalogue = catalogue(CSV.getBytes(StandardCharsets.UTF_8));
    List<String> args = args(catalogue);
    args.set(2, "--backgrounds=" + folder.resolve("backgrounds.csv"));
    assertThat(launcher.launch(args), is(SeasonLauncher.CONFIGURATION_ERROR));
    assertThat(err.toString(), allOf(containsString("'rain'"), containsString("cannot be decoded")));
  }

  @Test
  void theConsoleShowsTheFirstRowsThatAreNotOkAndACountThereportHasThemAll() throws Exception {
    Path output = Files.createDirectories(work.resolve("summary"));
    StringBuilder rows = new StringBuilder();
    for (int line = 2; line < 2 + 8; line++) {
      rows.append(rows.length() == 0 ? "" : ",")
          .append("{\"line\":").append(line).append(",\"status\":\"bad_row\",\"reason\":\"bad \\u001b[31m")
          .append(line).append("\"}");
    }
    Files.writeString(output.resolve("report.json"),
        "{\"totals\":{\"rows\":8,\"ok\":0,\"bad_row\":8},\"episodes\":[" + rows + "]}");
    assertThat(launcher.printSummary(OutputLocation.of(output.toString())), is(SeasonLauncher.SEASON_RAN));
    String console = out.toString();
    assertThat(console.lines().filter(l -> l.startsWith("  line ")).count(), is((long) SeasonLauncher.ROWS_SHOWN));
    assertThat(console, containsString("… and 3 more rows"));
    assertThat(console, not(containsString("\u001b")));
  }
}
