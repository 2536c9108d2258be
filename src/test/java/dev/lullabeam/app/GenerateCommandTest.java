package dev.lullabeam.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.lib.lm.Gpt2Tokenizer;
import dev.lullabeam.lib.lm.TestModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {
  @TempDir static Path tempDir;
  private static Path model;

  @BeforeAll
  static void writeModel() throws Exception {
    model = TestModels.writeTiny(tempDir.resolve("tiny"), 17);
  }

  /** Runs the command as the main CLI would, capturing its output. */
  static final class Run {
    final int exitCode;
    final String out;
    final String err;

    Run(Object command, String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine commandLine = new CommandLine(command);
      commandLine.setOut(new PrintWriter(out));
      commandLine.setErr(new PrintWriter(err));
      this.exitCode = commandLine.execute(args);
      this.out = out.toString();
      this.err = err.toString();
    }
  }

  @Test
  void printsOneJsonObjectWithEveryPromptOfTheBatch() throws Exception {
    Run run = new Run(new GenerateCommand(), "--model", model.toString(), "--prompt", "Once upon a time",
        "--prompt", "The little fox", "--max-new-tokens", "6", "--temperature", "0.8", "--top-k", "50",
        "--top-p", "0.9", "--repetition-penalty", "1.2", "--no-repeat-ngram", "3", "--seed", "5", "--json");
    assertThat(run.err, run.exitCode, is(0));
    JsonNode json = new ObjectMapper().readTree(run.out);
    assertThat(run.out.strip().lines().count(), is(1L));
    assertThat(json.get("model").asText(), equalTo(model.toString()));
    assertThat(json.get("tokens_per_second").asDouble(), greaterThan(0.0));
    assertThat(json.get("results").size(), is(2));
    try (Gpt2Tokenizer tokenizer = Gpt2Tokenizer.load(model)) {
      List<String> prompts = List.of("Once upon a time", "The little fox");
      for (int i = 0; i < 2; i++) {
        JsonNode result = json.get("results").get(i);
        assertThat(result.get("prompt").asText(), equalTo(prompts.get(i)));
        assertThat(TestModels.ints(result.get("prompt_ids")), equalTo(tokenizer.encode(prompts.get(i))));
        int[] generated = TestModels.ints(result.get("generated_ids"));
        assertThat(generated.length, lessThanOrEqualTo(6));
        assertThat(result.get("text").asText(), equalTo(tokenizer.decode(generated)));
      }
    }
    // Same seed, same tokens.
    Run again = new Run(new GenerateCommand(), "--model", model.toString(), "--prompt", "Once upon a time",
        "--prompt", "The little fox", "--max-new-tokens", "6", "--temperature", "0.8", "--top-k", "50",
        "--top-p", "0.9", "--repetition-penalty", "1.2", "--no-repeat-ngram", "3", "--seed", "5", "--json");
    assertThat(new ObjectMapper().readTree(again.out).get("results"), equalTo(json.get("results")));
  }

  @Test
  void aPromptTooLongForTheModelIsOneLineAndExitCode2() {
    Run run = new Run(new GenerateCommand(), "--model", model.toString(),
        "--prompt", "once upon a time ".repeat(60), "--max-new-tokens", "5", "--json");
    assertThat(run.exitCode, is(2));
    assertThat(run.err, startsWith("error: the prompt has "));
    assertThat(run.err, containsString("max_position_embeddings of 128"));
    assertThat(run.err.strip().lines().count(), is(1L));
    assertThat(run.out, equalTo(""));
  }

  @Test
  void badInputsAreOneLineErrors() {
    List<String[]> cases = new ArrayList<>();
    cases.add(new String[] {"--model", tempDir.resolve("missing dir").toString(), "--prompt", "x", "--max-new-tokens", "3"});
    cases.add(new String[] {"--model", model.toString(), "--prompt", "x", "--max-new-tokens", "3", "--device", "gpu:7"});
    cases.add(new String[] {"--model", model.toString(), "--prompt", "x", "--max-new-tokens", "3", "--top-p", "0"});
    cases.add(new String[] {"--model", model.toString(), "--prompt", "", "--max-new-tokens", "3"});
    for (String[] args : cases) {
      Run run = new Run(new GenerateCommand(), args);
      assertThat(String.join(" ", args), run.exitCode, is(2));
      assertThat(run.err, startsWith("error: "));
      assertThat(run.err.strip().lines().count(), is(1L));
      assertThat(run.err, not(containsString("Exception")));
    }
  }

  @Test
  void withoutJsonPrintsPromptAndContinuation() {
    Run run = new Run(new GenerateCommand(), "--model", model.toString(), "--prompt", "Once upon a time",
        "--max-new-tokens", "4");
    assertThat(run.exitCode, is(0));
    assertThat(run.out, startsWith("Once upon a time"));
  }
}
