package dev.lullabeam.lib.quality;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateResultJsonTest {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void serialisesWithSnakeCaseNames() throws Exception {
    GateResult result = new StoryGate().check(Stories.read("bad/social-links.txt"));
    JsonNode json = mapper.readTree(mapper.writeValueAsString(result));

    List<String> top = new ArrayList<>();
    json.fieldNames().forEachRemaining(top::add);
    assertThat(top, containsInAnyOrder("accepted", "reasons", "scores"));
    assertThat(json.get("accepted").asBoolean(), is(false));
    assertThat(json.get("reasons").size(), is(result.reasons().size()));

    JsonNode scores = json.get("scores");
    List<String> groups = new ArrayList<>();
    scores.fieldNames().forEachRemaining(groups::add);
    assertThat(
        groups,
        containsInAnyOrder(
            "ending", "length", "repetition", "web_residue", "unsuitable_words",
            "frightening_words"));
    JsonNode repetition = scores.get("repetition");
    assertThat(
        repetition.get("dup_line_frac").asDouble(),
        closeTo(result.scores().repetition().dupLineFrac(), 1e-12));
    assertThat(repetition.get("top_n_gram_char_frac").has("2"), is(true));
    assertThat(repetition.get("dup_n_gram_char_frac").has("10"), is(true));
    assertThat(scores.get("length").has("alpha_word_frac"), is(true));
    assertThat(scores.get("ending").has("ends_with_sentence"), is(true));
    assertThat(scores.get("web_residue").get("handle").get(0).asText(), is("@bedtimetales"));
  }
}
