package dev.lullabeam.pipeline.assembly;

import dev.lullabeam.values.SpokenEpisode;
import dev.lullabeam.values.StoredSpeech;
import dev.lullabeam.values.EpisodeRequest;
import dev.lullabeam.values.EpisodePlan;
import dev.lullabeam.values.EpisodePlanCoder;
import dev.lullabeam.values.SpokenSentenceCoder;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.SpeechFailure;
import dev.lullabeam.values.SpokenSentence;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class GroupSentencesByEpisodeTest {

  private static EpisodePlan plan(String id, long line, int sentences) {
    return new EpisodePlan(
        new EpisodeRequest(id, line, "rain", null, null, "story", null, null, 1), "v", sentences);
  }

  /** Sentence 0 of every episode was reused from the store, the others spoken now. */
  private static KV<String, SpokenSentence> spoken(String id, int index) {
    StoredSpeech stored = new StoredSpeech("v", id + index, 1000, 100);
    return KV.of(
        id,
        new SpokenSentence(
            id, index, "Sentence " + index + ".", false, stored, index == 0 ? 0 : 0.75, index == 0));
  }

  @Test
  void joinsCompleteEpisodesInOrderAndFailsIncompleteOnes(TestPipeline pipeline) {
    var plans =
        pipeline.apply(
            "Plans",
            Create.of(KV.of("full", plan("full", 2, 3)), KV.of("gap", plan("gap", 3, 3)),
                    KV.of("broken", plan("broken", 4, 2)))
                .withCoder(KvCoder.of(StringUtf8Coder.of(), EpisodePlanCoder.of())));
    var sentences =
        pipeline.apply(
            "Spoken",
            Create.of(
                    spoken("full", 2), spoken("full", 0), spoken("full", 1),
                    spoken("gap", 0), spoken("gap", 2),
                    spoken("broken", 0), spoken("broken", 1))
                .withCoder(
                    KvCoder.of(StringUtf8Coder.of(), SpokenSentenceCoder.of())));
    var failures =
        pipeline.apply(
            "Failures",
            Create.of(
                KV.of(
                    "broken",
                    new SpeechFailure(
                        "sentence 2 could not be spoken: boom",
                        EpisodeOutcome.Cause.of(new IllegalStateException("boom"))))));

    PCollectionTuple result =
        KeyedPCollectionTuple.of(GroupSentencesByEpisode.PLAN, plans)
            .and(GroupSentencesByEpisode.SPOKEN, sentences)
            .and(GroupSentencesByEpisode.SPEECH_FAILED, failures)
            .apply(new GroupSentencesByEpisode());

    PAssert.that(
            result
                .get(GroupSentencesByEpisode.COMPLETE)
                .apply(
                    "Describe1",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (SpokenEpisode e) ->
                                e.plan().request().id() + " " + e.sentences().get(0).text() + "…"
                                    + e.sentences().get(2).text() + " synth=" + e.synthesisSeconds()
                                    + " spoken=" + e.sentencesSpoken()
                                    + " reused=" + e.sentencesReused())))
        .containsInAnyOrder("full Sentence 0.…Sentence 2. synth=1.5 spoken=2 reused=1");
    PAssert.that(
            result
                .get(GroupSentencesByEpisode.FAILED)
                .apply(
                    "Describe2",

                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (EpisodeOutcome o) ->
                                o.line() + " " + o.id() + ": " + o.reason()
                                    + (o.error() == null ? "" : " [" + o.error().type() + "]")
                                    + " spoken=" + o.sentencesSpoken()
                                    + " reused=" + o.sentencesReused())))
        .containsInAnyOrder(
            "3 gap: expected 3 spoken sentences, got 2; missing sentence(s) [1] spoken=1 reused=1",
            "4 broken: sentence 2 could not be spoken: boom [java.lang.IllegalStateException]"
                + " spoken=1 reused=1");
    pipeline.run().waitUntilFinish();
  }
}
