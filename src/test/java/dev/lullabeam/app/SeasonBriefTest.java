package dev.lullabeam.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.app.SeasonCommandTest.Run;
import dev.lullabeam.lib.lm.TensorDType;
import dev.lullabeam.lib.lm.checkpoint.LlamaCheckpointWriter;
import dev.lullabeam.lib.lm.checkpoint.LlamaShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalogue rows with a {@code brief} end to end: a tiny random instruct checkpoint answers each
 * brief through its chat template with the prompts/ system message. Its weights are random, so its
 * text is noise and the quality gate rejects every attempt: the row is reported rejected with the
 * gate's reasons, which is what a season with such a model must do. A model without a chat
 * template fails the row with a reason saying so.
 */
class SeasonBriefTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Only brief rows: nothing gets narrated, so the test stays quick.
  private static final String CATALOGUE = "id,topic,title,brief\n"
      + "shy-hedgehog,night-forest,The Shy Hedgehog,a shy hedgehog who is afraid of the dark finds a friend\n"
      + "sleepy-cloud,rain,,a little cloud that cannot fall asleep\n";

  @TempDir Path work;

  private Map<Long, JsonNode> runSeason(Path model, String name, int expectedExit, String expectedErr)
      throws Exception {
    Path catalogue = work.resolve("briefs.csv");
    Files.writeString(catalogue, CATALOGUE);
    Path output = work.resolve(name);
    Run run = SeasonCommandTest.lullabeam("season", "--catalogue", catalogue.toString(), "--output",
        output.toString(), "--backgrounds", "backgrounds/backgrounds.csv", "--progressSeconds=0",
        "--model", model.toString(), "--maxAttempts=2", "--maxNewTokens=24", "--minNewTokens=0");
    assertThat(run.err, run.exit, is(expectedExit));
    assertThat(run.err, containsString(expectedErr));
    JsonNode report = JSON.readTree(output.resolve("report.json").toFile());
    Map<Long, JsonNode> byLine = new HashMap<>();
    report.path("episodes").forEach(e -> byLine.put(e.path("line").asLong(), e));
    assertThat(byLine.size(), is(2));
    return byLine;
  }

  @Test
  void aBriefIsAnsweredByTheInstructModelAndItsNoiseRejected() throws Exception {
    Path model = work.resolve("tiny-qwen2-instruct");
    // Positions for the system prompt, the brief and the answer in a 462-token vocabulary.
    new LlamaCheckpointWriter(LlamaShape.TINY_QWEN2.withMaxPositions(1024), TensorDType.F32, 5).write(model);
    Map<Long, JsonNode> byLine = runSeason(model, "out", 0, "");
    for (JsonNode brief : byLine.values()) {
      assertThat(brief.toString(), brief.path("status").asText(), is("rejected"));
      assertThat(brief.path("story_attempts").asInt(), is(2));
      assertThat(brief.path("reason").asText(), startsWith("every story was rejected (2 attempts): attempt 1: "));
      assertThat(brief.path("reason").asText().length(), greaterThan(60));
    }
  }

  @Test
  void aBriefWithAModelWithoutChatTemplateFailsThatRowNamingWhy() throws Exception {
    Path model = work.resolve("tiny-llama-base");
    new LlamaCheckpointWriter(LlamaShape.TINY_LLAMA.withMaxPositions(1024), TensorDType.F32, 5)
        .withoutChatTemplate().write(model);
    // Every row failing for the same reason makes the season fail as a whole (exit 1, one line).
    Map<Long, JsonNode> byLine = runSeason(model, "out-base", 1,
        "every episode failed for the same reason (2 of 2), e.g. line 2: story generation failed: "
            + "GenerationException: the model has no chat template");
    for (JsonNode brief : byLine.values()) {
      assertThat(brief.toString(), brief.path("status").asText(), is("failed"));
      assertThat(brief.path("reason").asText(), containsString("the model has no chat template"));
    }
  }
}
