package dev.lullabeam.pipeline.stories;

import dev.lullabeam.lib.ageband.AgeBand;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.EpisodeRequest;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class CheckAgeBandTest {

  @Test
  void aRowWhosePromptOrBriefBreaksTheBandFailsBeforeGeneration(TestPipeline pipeline) {
    EpisodeRequest calm = new EpisodeRequest("calm", 2, "ocean", null, "Mira the seal yawned.", null, 1L, null, 2);
    EpisodeRequest stormy = new EpisodeRequest("stormy", 3, "ocean", null, "A storm woke Mira.", null, 1L, null, 3);
    EpisodeRequest ghostly = new EpisodeRequest("ghostly", 4, "ocean", "Boo", null, null, 1L, null, 4)
        .withBrief("a friendly ghost who is scared of the dark");
    PCollectionTuple checked =
        pipeline.apply(Create.of(calm, stormy, ghostly)).apply(new CheckAgeBand(AgeBand.AGES_3_5));
    PAssert.that(
            checked.get(CheckAgeBand.FIT)
                .apply("Ids", MapElements.into(TypeDescriptors.strings()).via(EpisodeRequest::id)))
        .containsInAnyOrder("calm");
    PAssert.that(
            checked.get(CheckAgeBand.UNFIT)
                .apply("Reasons", MapElements.into(TypeDescriptors.strings())
                    .via((EpisodeOutcome o) -> o.id() + " " + o.line() + " " + o.status().label() + ": " + o.reason())))
        .containsInAnyOrder(
            "stormy 3 failed: the prompt is not for ages 3-5: unsuitable_word:frightening_for_age \"storm\"",
            "ghostly 4 failed: the brief is not for ages 3-5: unsuitable_word:frightening_for_age \"ghost\";"
                + " unsuitable_word:frightening_for_age \"scared\"");
    pipeline.run().waitUntilFinish();
  }
}
