package dev.lullabeam.lib.stories;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.lib.quality.GateResult;
import dev.lullabeam.lib.quality.Stories;
import dev.lullabeam.lib.quality.StoryGate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The episode JSON's {@code story_info}: its snake_case shape, which readers rely on. */
class StoryInfoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GOOD = Stories.read("good/trailing-fragment.txt");
  private static final String LOOP = Stories.read("bad/paraphrase-loop.txt");

  /** Describes itself like GPT-Neo: settings in a fixed order, one of them nested. */
  private static final class DescribedModel implements StoryModel {
    @Override
    public String name() {
      return "gpt-neo:test";
    }

    @Override
    public Map<String, Object> describe() {
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("model", "test");
      settings.put("device", "cpu");
      settings.put("sampling", Map.of("top_p", 0.92));
      return settings;
    }

    @Override
    public Session open() {
      throw new UnsupportedOperationException("only described here");
    }
  }

  private static StoryInfo.Generated generated() throws Exception {
    StoryGate gate = new StoryGate();
    List<GatedStoryWriter.Attempt> attempts = new ArrayList<>();
    attempts.add(GatedStoryWriter.Attempt.judge(gate, 1, 5L, StoryModel.Written.story(LOOP, 100, 1.5)));
    attempts.add(GatedStoryWriter.Attempt.judge(gate, 2, 6L, StoryModel.Written.story(GOOD, 80, 1.25)));
    GatedStoryWriter.Outcome outcome =
        new GatedStoryWriter.Outcome(5L, GatedStoryWriter.Status.ACCEPTED, attempts);
    return StoryInfo.Generated.of(new DescribedModel(), "Once upon a time", outcome);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void aGeneratedStoryKeepsTheShapeOfItsJson() throws Exception {
    JsonNode info = JSON.valueToTree(generated());

    assertThat(
        fieldNames(info),
        contains(
            "source", "model_name", "prompt", "episode_seed", "status", "attempts", "seed",
            "tokens_generated", "generation_seconds", "model", "device", "sampling"));
    assertThat(info.path("source").asText(), is("language_model"));
    assertThat(info.path("status").asText(), is("accepted"));
    assertThat(info.path("seed").asLong(), is(6L));
    assertThat(info.path("tokens_generated").asInt(), is(180));
    assertThat(info.path("generation_seconds").asDouble(), is(2.75));
    assertThat(info.path("sampling").path("top_p").asDouble(), is(0.92));
    JsonNode rejected = info.path("attempts").get(0);
    assertThat(
        fieldNames(rejected),
        contains("attempt", "seed", "accepted", "reasons", "scores", "tokens_generated", "seconds"));
    assertThat(rejected.path("accepted").asBoolean(), is(false));
    assertThat(rejected.path("reasons").size() > 0, is(true));
  }

  @Test
  void aRewriteAddsItsAttemptAndWhy() throws Exception {
    StoryInfo.Generated first = generated();
    GatedStoryWriter.Attempt again =
        GatedStoryWriter.Attempt.judge(new StoryGate(), 3, 7L, StoryModel.Written.story(GOOD, 70, 1));
    JsonNode info = JSON.valueToTree(first.rewritten(again, "near copy of episode a"));

    assertThat(info.path("attempts").size(), is(3));
    assertThat(info.path("seed").asLong(), is(7L));
    assertThat(info.path("rewritten_because").asText(), is("near copy of episode a"));
    assertThat(first.rewritten(again, "near copy of episode a").storyAttempts(), is(3));
  }

  @Test
  void aCatalogueStoryCarriesTheGatesReview() {
    GateResult verdict = new StoryGate().check(GOOD);
    JsonNode info = JSON.valueToTree(new StoryInfo.Reviewed(verdict));

    assertThat(fieldNames(info), contains("source", "quality"));
    assertThat(info.path("source").asText(), is("catalogue"));
    assertThat(info.path("quality").path("accepted").asBoolean(), is(true));
    assertThat(new StoryInfo.Reviewed(verdict).storyAttempts(), is(0));
  }

  @Test
  void survivesJavaSerializationAsBeamsSerializableCoderUsesIt() throws Exception {
    StoryInfo.Generated info = generated();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(info);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      Object copy = in.readObject();
      assertThat(copy, is(info));
      JsonNode copied = JSON.valueToTree(copy);
      JsonNode original = JSON.valueToTree(info);
      assertThat(copied, is(original));
    }
  }
}
