package dev.lullabeam.app;

import static dev.lullabeam.app.SeasonCommandTest.lullabeam;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.lib.lm.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code season --plan}: reads, calibrates and estimates, and writes nothing. */
class SeasonPlanTest {

  @TempDir Path work;

  private String tinyModel() throws IOException {
    Path dir = work.resolve("tiny-model");
    if (!Files.isDirectory(dir)) {
      TestModels.writeTiny(dir, 3);
    }
    return dir.toString();
  }

  @Test
  void plansEveryRowAndWritesNothing() throws IOException {
    Path catalogue = work.resolve("plan.csv");
    Files.writeString(
        catalogue,
        "id,topic,story,prompt,wpm\n"
            + "fox,rain,\"" + "The fox slept. ".repeat(20) + "\",,100\n"
            + "owl,ocean,,An owl flew over the sea,\n"
            + "bad id!,rain,A story.,,\n",
        StandardCharsets.UTF_8);
    Path output = work.resolve("out");
    SeasonCommandTest.Run run =
        lullabeam(
            "season", "--plan", "--json", "--catalogue", catalogue.toString(),
            "--output", output.toString(), "--backgrounds", "backgrounds/backgrounds.csv",
            "--maxNewTokens=130", "--model", tinyModel());

    assertThat(run.err, run.exit, is(0));
    assertThat(Files.exists(output), is(false));
    JsonNode plan = new ObjectMapper().readTree(run.out);
    JsonNode fox = plan.path("episodes").get(0);
    assertThat(fox.path("words").asInt(), is(60));
    assertThat(fox.path("narration_minutes").asDouble(), closeTo(0.6, 1e-6));
    JsonNode owl = plan.path("episodes").get(1);
    assertThat(owl.path("story").asText(), is("generated"));
    assertThat(owl.path("words").asInt(), is(100)); // 130 tokens at 1.3 tokens a word
    assertThat(owl.path("model").asText(), is(tinyModel()));
    // No target length: the budget is --maxNewTokens, capped by the tiny model's 128 positions.
    assertThat(owl.path("token_budget").asInt(), is(owl.path("expected_tokens").asInt()));
    assertThat(owl.path("token_budget").asInt(), lessThanOrEqualTo(130));
    JsonNode generation = plan.path("generation");
    assertThat(generation.path("calibration_batch").asInt(), is(1));
    assertThat(generation.path("step_s").asDouble(), greaterThan(0.0));
    assertThat(generation.path("estimated_seconds").asDouble(),
        closeTo(generation.path("model_load_s").asDouble() + generation.path("batch_fixed_s").asDouble()
            + owl.path("expected_tokens").asInt() * generation.path("step_s").asDouble(),
            // the JSON rounds each figure to 1 ms; the step's rounding counts once a token
            0.0005 * owl.path("expected_tokens").asInt() + 0.002));
    assertThat(plan.path("model_memory_mb").isNumber(), is(true));
    assertThat(plan.path("refused").get(0).path("reason").asText(), containsString("id 'bad id!'"));
    assertThat(plan.path("calibration").path("speech_rtf").asDouble(), greaterThan(0.0));
    assertThat(plan.path("estimated_wall_seconds").asDouble(), greaterThan(0.0));
  }

  @Test
  void anAgeBandSetsPaceAndLengthAndRefusesAPromptThatBreaksIt() throws IOException {
    Path catalogue = work.resolve("young.csv");
    Files.writeString(
        catalogue,
        "id,topic,prompt\n"
            + "owl,ocean,An owl flew over the sea\n"
            + "storm,rain,A storm woke the little owl\n",
        StandardCharsets.UTF_8);
    SeasonCommandTest.Run run =
        lullabeam(
            "season", "--plan", "--json", "--catalogue", catalogue.toString(),
            "--output", work.resolve("out").toString(), "--backgrounds", "backgrounds/backgrounds.csv",
            "--ageBand", "3-5", "--model", tinyModel());

    assertThat(run.err, run.exit, is(0));
    JsonNode plan = new ObjectMapper().readTree(run.out);
    assertThat(plan.path("episodes").size(), is(1));
    JsonNode owl = plan.path("episodes").get(0);
    assertThat(owl.path("words").asInt(), is(575)); // 5 min at 115 wpm
    // 575 words need more than the tiny model's 128 positions: the context caps the budget.
    assertThat(owl.path("token_budget").asInt(), lessThan(128));
    assertThat(owl.path("expected_tokens").asInt(), is(owl.path("token_budget").asInt()));
    assertThat(plan.path("refused").get(0).path("reason").asText(),
        is("the prompt is not for ages 3-5: unsuitable_word:frightening_for_age \"storm\""));
    assertThat(plan.path("totals").path("refused").asInt(), is(1));
  }

  @Test
  void aWrongAgeBandIsOneLineAndExitTwo() {
    SeasonCommandTest.Run run =
        lullabeam("season", "--plan", "--catalogue", work.resolve("missing.csv").toString(),
            "--output", work.resolve("out").toString(), "--ageBand", "teen");
    assertThat(run.exit, is(2));
    assertThat(run.err.strip(), containsString("--ageBand=teen: must be one of 3-5, 6-8 or 9-12"));
    assertThat(run.err.strip().lines().count(), is(1L));
  }

  @Test
  void aPromptTheModelCannotTakeIsSaidAndTheOthersArePlanned() throws IOException {
    Path catalogue = work.resolve("long-prompt.csv");
    Files.writeString(
        catalogue,
        "id,topic,prompt\n"
            + "owl,ocean,An owl flew over the sea\n"
            + "long,rain,\"" + "The rain fell and fell on the little town. ".repeat(30) + "\"\n",
        StandardCharsets.UTF_8);
    SeasonCommandTest.Run run =
        lullabeam(
            "season", "--plan", "--json", "--catalogue", catalogue.toString(),
            "--output", work.resolve("out").toString(), "--backgrounds", "backgrounds/backgrounds.csv",
            "--maxNewTokens=40", "--model", tinyModel());

    assertThat(run.err, run.exit, is(0));
    JsonNode plan = new ObjectMapper().readTree(run.out);
    JsonNode owl = plan.path("episodes").get(0);
    JsonNode tooLong = plan.path("episodes").get(1);
    assertThat(owl.has("would_fail"), is(false));
    assertThat(owl.path("token_budget").asInt(), is(40));
    assertThat(tooLong.path("would_fail").asText(), containsString("no story could be written"));
    assertThat(tooLong.path("would_fail").asText(), containsString("128"));
    assertThat(tooLong.path("token_budget").asInt(), is(0));
    assertThat(plan.path("generation").path("calibration_batch").asInt(), is(1));

    SeasonCommandTest.Run text =
        lullabeam(
            "season", "--plan", "--catalogue", catalogue.toString(),
            "--output", work.resolve("out").toString(), "--backgrounds", "backgrounds/backgrounds.csv",
            "--maxNewTokens=40", "--model", tinyModel());
    assertThat(text.err, text.exit, is(0));
    assertThat(text.out, containsString("would fail: line 3 (long): no story could be written"));
  }

  @Test
  void aModelThatCannotBeHadStopsThePlanAsItWouldTheSeason() throws IOException {
    Path catalogue = work.resolve("prompts.csv");
    Files.writeString(catalogue, "id,topic,prompt\nowl,ocean,An owl flew over the sea\n", StandardCharsets.UTF_8);
    SeasonCommandTest.Run run =
        lullabeam("season", "--plan", "--catalogue", catalogue.toString(),
            "--output", work.resolve("out").toString(), "--backgrounds", "backgrounds/backgrounds.csv",
            "--model", work.resolve("no-such-model").toString());
    assertThat(run.exit, is(2));
    assertThat(run.err.strip().lines().count(), is(1L));
    assertThat(run.err, containsString("no-such-model"));
  }

  @Test
  void aConfigurationErrorIsOneLineAndExitTwo() {
    SeasonCommandTest.Run run =
        lullabeam("season", "--plan", "--catalogue", work.resolve("missing.csv").toString(),
            "--output", work.resolve("out").toString());
    assertThat(run.exit, is(2));
    assertThat(run.err, containsString("catalogue not found or unreadable"));
  }
}
