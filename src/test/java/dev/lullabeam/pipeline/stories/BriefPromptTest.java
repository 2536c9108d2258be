package dev.lullabeam.pipeline.stories;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lullabeam.values.EpisodeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How a brief row becomes the user message, and its answer the story. */
class BriefPromptTest {
  private static final EpisodeRequest BRIEF =
      new EpisodeRequest("shy", 2, "rain", "The Shy Hedgehog", null, null, null, null, 1)
          .withBrief(" a shy hedgehog finds a friend ");
  private static final EpisodeRequest PROMPT =
      new EpisodeRequest("fox", 3, "rain", null, "The fox yawned.", null, null, null, 2);

  @Test
  void theShippedBriefTemplateWrapsTheBriefAndTitle() throws Exception {
    String template = Files.readString(Path.of("prompts/brief-template.txt"));
    assertThat(GenerateStories.promptFor("{prompt}", template, BRIEF),
        is("Write a bedtime story of about 400 words called \"The Shy Hedgehog\".\n\n"
            + "The idea: a shy hedgehog finds a friend"));
    assertThat(GenerateStories.isBrief(BRIEF), is(true));
    assertThat(GenerateStories.isBrief(PROMPT), is(false));
    assertThat(GenerateStories.promptFor("Story: {prompt}", template, PROMPT), is("Story: The fox yawned."));
  }

  @Test
  void theAnswerAloneIsTheStoryOfABrief() {
    assertThat(GenerateStories.storyFrom(BRIEF, "  Once, a hedgehog slept.\n"), is("Once, a hedgehog slept."));
    assertThat(GenerateStories.storyFrom(PROMPT, " He slept."), is("The fox yawned. He slept."));
  }

  @Test
  void aBriefTemplateNeedsItsPlaceholder() {
    assertThrows(IllegalArgumentException.class,
        () -> new GenerateStories(null, null, "{prompt}", 1, 1, 1).withBriefTemplate("no placeholder"));
  }
}
