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
import dev.lullabeam.pipeline.stories.StoryGenerationOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
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
        "--prompt", "The little fox", "--maxNewTokens", "6", "--minNewTokens", "0", "--temperature", "0.8",
        "--topK", "50", "--topP", "0.9", "--repetitionPenalty", "1.2", "--noRepeatNgram", "3", "--seed", "5", "--json");
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
        "--prompt", "The little fox", "--maxNewTokens", "6", "--minNewTokens", "0", "--temperature", "0.8",
        "--topK", "50", "--topP", "0.9", "--repetitionPenalty", "1.2", "--noRepeatNgram", "3", "--seed", "5", "--json");
    assertThat(new ObjectMapper().readTree(again.out).get("results"), equalTo(json.get("results")));
  }

  @Test
  void sharedOptionsHaveTheSeasonsDefaults() {
    GenerateCommand command = new GenerateCommand();
    new CommandLine(command).parseArgs("--prompt", "x");
    StoryGenerationOptions season = PipelineOptionsFactory.create().as(StoryGenerationOptions.class);

    assertThat(command.model, is(season.getModel()));
    assertThat(command.maxNewTokens, is(season.getMaxNewTokens()));
    assertThat(command.minNewTokens, is(season.getMinNewTokens()));
    assertThat(command.temperature, is(season.getTemperature()));
    assertThat(command.topK, is(season.getTopK()));
    assertThat(command.topP, is(season.getTopP()));
    assertThat(command.repetitionPenalty, is(season.getRepetitionPenalty()));
    assertThat(command.noRepeatNgram, is(season.getNoRepeatNgram()));
    assertThat(command.seed, is(season.getSeed()));
    assertThat(command.device, is(season.getDevice()));
    assertThat(command.dtype, is(season.getDtype()));
    // Sampling, as in a season: not greedy unless asked.
    assertThat(command.temperature, is(0.8));
  }

  @Test
  void optionsAreNamedAsInASeason() {
    Run run = new Run(new GenerateCommand(), "--model", model.toString(), "--prompt", "x",
        "--max-new-tokens", "3");
    assertThat(run.exitCode, is(2));
    assertThat(run.err, startsWith("Unknown option"));
    assertThat(run.err, containsString("'--max-new-tokens'"));
  }

  @Test
  void aPromptTooLongForTheModelIsOneLineAndExitCode2() {
    Run run = new Run(new GenerateCommand(), "--model", model.toString(),
        "--prompt", "once upon a time ".repeat(60), "--maxNewTokens", "5", "--minNewTokens", "0", "--json");
    assertThat(run.exitCode, is(2));
    assertThat(run.err, startsWith("error: the prompt has "));
    assertThat(run.err, containsString("max_position_embeddings of 128"));
    assertThat(run.err.strip().lines().count(), is(1L));
    assertThat(run.out, equalTo(""));
  }

  @Test
  void badInputsAreOneLineErrors() {
    List<String[]> cases = new ArrayList<>();
    cases.add(new String[] {"--model", tempDir.resolve("missing dir").toString(), "--prompt", "x", "--maxNewTokens", "3", "--minNewTokens", "0"});
    cases.add(new String[] {"--model", model.toString(), "--prompt", "x", "--maxNewTokens", "3", "--minNewTokens", "0", "--device", "gpu:7"});
    cases.add(new String[] {"--model", model.toString(), "--prompt", "x", "--maxNewTokens", "3", "--minNewTokens", "0", "--topP", "0"});
    cases.add(new String[] {"--model", model.toString(), "--prompt", "", "--maxNewTokens", "3", "--minNewTokens", "0"});
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
        "--maxNewTokens", "4", "--minNewTokens", "0", "--temperature", "0");
    assertThat(run.exitCode, is(0));
    assertThat(run.out, startsWith("Once upon a time"));
  }

  @Test
  void aShortMaximumIsNotRefusedBecauseOfTheDefaultMinimum() throws Exception {
    Run run = new Run(new GenerateCommand(), "--model", model.toString(), "--prompt", "Once upon a time",
        "--maxNewTokens", "3", "--temperature", "0", "--json");
    assertThat(run.err, run.exitCode, is(0));
    // The minimum (80 by default) is capped at the maximum: exactly three new tokens.
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out)
        .path("results").get(0).path("generated_ids").size(), is(3));
  }
}
