package dev.lullabeam.pipeline.catalogue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import dev.lullabeam.values.EpisodeRequest;
import org.junit.jupiter.api.Test;

/** The {@code brief} column: an alternative to story and prompt. */
class CatalogueBriefTest {
  private final CatalogueParser parser = new CatalogueParser(topic -> true, voice -> true);

  @Test
  void aBriefAloneIsEnoughAndStoryOrPromptWin() throws Exception {
    CatalogueParser.Result result = parser.parse("id,topic,brief,prompt\n"
        + "hedgehog,rain,a shy hedgehog finds a friend,\n"
        + "fox,rain,ignored because a prompt is given,The fox yawned\n"
        + "empty,rain,,\n");
    assertThat(result.episodes.size(), is(2));
    EpisodeRequest hedgehog = result.episodes.get(0);
    assertThat(hedgehog.brief(), is("a shy hedgehog finds a friend"));
    assertThat(hedgehog.prompt(), nullValue());
    assertThat(hedgehog.story(), nullValue());
    assertThat(result.episodes.get(1).brief(), nullValue());
    assertThat(result.episodes.get(1).prompt(), is("The fox yawned"));
    assertThat(result.badRows.get(0).reason(), containsString("neither a story, a prompt nor a brief"));
    assertThat(CatalogueParser.readHeader("id,topic,brief").size(), is(3));
  }

  @Test
  void aBriefKeepsThroughWithStory() throws Exception {
    EpisodeRequest request = parser.parse("id,topic,brief\nowl,rain,an owl counts stars\n").episodes.get(0);
    assertThat(request.withStory("Story.", null).brief(), is("an owl counts stars"));
  }
}
