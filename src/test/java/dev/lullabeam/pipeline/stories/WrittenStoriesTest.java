package dev.lullabeam.pipeline.stories;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.lib.quality.StoryGate;
import dev.lullabeam.lib.quality.Stories;
import dev.lullabeam.values.EpisodeRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The two stages that handle stories the catalogue gives: taking them, and reviewing them. */
@ExtendWith(TestPipelineExtension.class)
class WrittenStoriesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GOOD = Stories.read("good/lighthouse-long.txt");
  private static final String WEB_RESIDUE = Stories.read("bad/social-links.txt");

  private static EpisodeRequest row(String id, String prompt, String story) {
    return new EpisodeRequest(id, 2, "rain", null, prompt, story, null, null, 1);
  }

  @Test
  void rowsWithAStoryAreTakenAsWrittenTheOthersGoToTheModel(TestPipeline pipeline) {
    PCollectionTuple split =
        pipeline
            .apply(
                Create.of(
                    row("written", null, "A fox slept."),
                    row("both", "Once upon a time", "The catalogue's story wins."),
                    row("prompted", "Once upon a time", null)))
            .apply(new TakeWrittenStories());

    PAssert.that(ids(split.get(TakeWrittenStories.WRITTEN), "WrittenIds"))
        .containsInAnyOrder("written", "both");
    PAssert.that(ids(split.get(TakeWrittenStories.PROMPTED), "PromptedIds"))
        .containsInAnyOrder("prompted");
    pipeline.run().waitUntilFinish();
  }

  @Test
  void onlyPromptsGiveNoWrittenStory(TestPipeline pipeline) {
    PCollectionTuple split =
        pipeline
            .apply(Create.of(row("prompted", "Once upon a time", null)))
            .apply(new TakeWrittenStories());

    PAssert.that(split.get(TakeWrittenStories.WRITTEN)).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void everyStoryIsNarratedAsWrittenAndObjectionsBecomeWarnings(TestPipeline pipeline) {
    PCollectionTuple reviewed =
        pipeline
            .apply(Create.of(row("good", null, GOOD), row("links", null, WEB_RESIDUE)))
            .apply(new ReviewWrittenStories(new StoryGate()));

    PAssert.that(
            reviewed
                .get(ReviewWrittenStories.REVIEWED)
                .apply(
                    "Describe",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (EpisodeRequest r) -> {
                              JsonNode info = JSON.valueToTree(r.storyInfo());
                              String given = r.id().equals("good") ? GOOD : WEB_RESIDUE;
                              return r.id()
                                  + " unchanged=" + r.story().equals(given)
                                  + " source=" + info.path("source").asText()
                                  + " accepted=" + info.path("quality").path("accepted").asBoolean();
                            })))
        .containsInAnyOrder(
            "good unchanged=true source=catalogue accepted=true",
            "links unchanged=true source=catalogue accepted=false");
    // The gate's own objections, passed on as they are.
    List<String> objections = new StoryGate().check(WEB_RESIDUE).reasons();
    PAssert.that(reviewed.get(ReviewWrittenStories.WARNINGS))
        .containsInAnyOrder(KV.of("links", objections));
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aGoodStoryGivesNoWarning(TestPipeline pipeline) {
    PCollectionTuple reviewed =
        pipeline
            .apply(Create.of(row("good", null, GOOD)))
            .apply(new ReviewWrittenStories(new StoryGate()));

    PAssert.that(reviewed.get(ReviewWrittenStories.WARNINGS)).empty();
    pipeline.run().waitUntilFinish();
  }

  private static PCollection<String> ids(PCollection<EpisodeRequest> requests, String name) {
    return requests.apply(name, MapElements.into(TypeDescriptors.strings()).via(EpisodeRequest::id));
  }

}
