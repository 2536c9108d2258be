package dev.lullabeam.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class CheckStoryCommandTest {
  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new CheckStoryCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path fixture(String name) throws IOException {
    try (InputStream in =
        CheckStoryCommandTest.class.getResourceAsStream("/dev/lullabeam/lib/quality/stories/" + name)) {
      Path file = dir.resolve(Path.of(name).getFileName());
      Files.write(file, in.readAllBytes());
      return file;
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          good/rain-refrain.txt      | true  | 0
          bad/social-links.txt       | false | 14
          bad/paraphrase-loop.txt    | false | 3
          """)
  void printsTheVerdictAsJsonAndExitsZero(String file, boolean accepted, int reasons)
      throws IOException {
    Run run = run("--text", fixture(file).toString(), "--json");

    assertThat(run.exitCode(), is(0));
    assertThat(run.err(), is(emptyString()));
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("accepted").asBoolean(), is(accepted));
    assertThat(json.get("reasons").isArray(), is(true));
    assertThat(json.get("reasons").size(), is(reasons));
    assertThat(json.get("scores").get("length").get("words").asInt(), is(not(0)));
  }

  @Test
  void printsAReadableSummaryWithoutJson() throws IOException {
    Run run = run("--text", fixture("bad/profanity.txt").toString());
    assertThat(run.exitCode(), is(0));
    assertThat(run.out(), startsWith("REJECTED"));
    assertThat(run.out(), containsString("unsuitable_word:profanity \"shit\""));
    assertThat(run.out(), containsString("words 78, sentences 6"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          missing file   | check-story: no such file:
          a directory    | check-story: cannot read
          """)
  void anUnreadableFileExitsTwoWithOneLine(String problem, String message) {
    Path path = problem.equals("missing file") ? dir.resolve("nope.txt") : dir;
    Run run = run("--text", path.toString(), "--json");

    assertThat(run.exitCode(), is(2));
    assertThat(run.out(), is(emptyString()));
    assertThat(run.err(), startsWith(message));
    assertThat(run.err().strip().lines().toList(), hasSize(1));
    assertThat(run.err(), not(containsString("Exception")));
  }

  @Test
  void aMissingTextOptionIsAUsageError() {
    Run run = run("--json");
    assertThat(run.exitCode(), is(CommandLine.ExitCode.USAGE));
    assertThat(run.err(), containsString("--text"));
  }

  @Test
  void readsTextThatIsNotValidUtf8() throws IOException {
    Path latin1 = dir.resolve("latin1.txt");
    byte[] story = Files.readAllBytes(fixture("good/moon-short.txt"));
    byte[] withCafe = new byte[story.length + 6];
    System.arraycopy("Caf\u00e9. ".getBytes(StandardCharsets.ISO_8859_1), 0, withCafe, 0, 6);
    System.arraycopy(story, 0, withCafe, 6, story.length);
    Files.write(latin1, withCafe);
    assertThat(run("--text", latin1.toString()).exitCode(), is(0));
  }
}
