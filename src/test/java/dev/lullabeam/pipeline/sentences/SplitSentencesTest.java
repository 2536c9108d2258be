package dev.lullabeam.pipeline.sentences;

import dev.lullabeam.lib.lexicon.Lexicon;
import dev.lullabeam.lib.pace.Pace;
import dev.lullabeam.lib.text.StoryText;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

import dev.lullabeam.values.EpisodeRequest;
import dev.lullabeam.values.EpisodePlan;
import dev.lullabeam.values.SentenceToSpeak;
import dev.lullabeam.values.EpisodeOutcome;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class SplitSentencesTest {

  private static final EpisodeRequest OWL =
      new EpisodeRequest(
          "owl", 2, "night-forest", null, null,
          "Dr. Hoot counted 3 stars. \"Is it late?\" she asked.\n\nThe forest slept.", null, null, 1);
  private static final EpisodeRequest LINK_ONLY =
      new EpisodeRequest("links", 3, "rain", null, null, "🌙✨ <script>x()</script>", null, "cmu-slt-hsmm", 2);
  /** An English voice would read it, after the strict retry, as romanised gibberish. */
  private static final EpisodeRequest CHINESE =
      new EpisodeRequest("fox-zh", 4, "rain", null, null, "从前有一只小狐狸。它每天晚上都看星星。", null, null, 3);

  @Test
  void splitsNormalisesAndKeysSentencesByEpisode(TestPipeline pipeline) {
    PCollectionTuple split =
        pipeline
            .apply(Create.of(OWL, LINK_ONLY, CHINESE))
            .apply(new SplitSentences("cmu-slt-hsmm", 200));

    PAssert.that(
            split
                .get(SplitSentences.SENTENCES)
                .apply(
                    "Describe1",

                    MapElements.into(TypeDescriptors.strings())
                        .via((SentenceToSpeak s) -> s.episodeId() + "|" + s.index() + "|" + s.spoken() + "|" + s.paragraphEnd())))
        .containsInAnyOrder(
            "owl|0|Doctor Hoot counted three stars.|false",
            "owl|1|\"Is it late?\" she asked.|true",
            "owl|2|The forest slept.|true");
    PAssert.that(
            split
                .get(SplitSentences.PLANS)
                .apply(
                    "Describe2",

                    MapElements.into(TypeDescriptors.strings())
                        .via((KV<String, EpisodePlan> p) -> p.getKey() + ":" + p.getValue().sentenceCount() + ":" + p.getValue().voice())))
        .containsInAnyOrder("owl:3:cmu-slt-hsmm");
    PAssert.that(split.get(SplitSentences.FAILED))
        .containsInAnyOrder(
            EpisodeOutcome.failed("links", 3, "the story has no sentence that can be spoken"),
            EpisodeOutcome.failed("fox-zh", 4, "the story is written in Han (100 % of the letters),"
                + " which the English voice cmu-slt-hsmm cannot speak"));
    pipeline.run().waitUntilFinish();
  }

  @Test
  void storyTextDropsWhatMustNotBeSaid() {
    List<String> spoken = new ArrayList<>();
    StoryText.sentences("# Chapter 1\n\nThe *brave* mouse 🐭 ran home. Email mouse@example.com!")
        .forEach(s -> spoken.add(s.spoken()));
    assertThat(spoken, containsInAnyOrder("Chapter one", "The brave mouse ran home.", "Email mouse at example dot com!"));
    assertThat(String.join(" ", spoken).contains("@"), is(false));
  }

  @Test
  void lexiconChangesWhatIsSaidNotWhatIsShownAndTheLastParagraphIsSlower(TestPipeline pipeline)
      throws Exception {
    Lexicon lexicon =
        Lexicon.parse("word,say,voice\nHoot,hoot hoot\nforest,woodland\n", "test", v -> true);
    PCollectionTuple split =
        pipeline
            .apply(Create.of(OWL.withPace(120.0, null)))
            .apply(new SplitSentences("cmu-slt-hsmm", 200, 160, lexicon));

    PAssert.that(
            split
                .get(SplitSentences.SENTENCES)
                .apply(
                    "Describe",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (SentenceToSpeak s) ->
                                s.display() + "|" + s.spoken() + "|" + s.wordsPerMinute())))
        .containsInAnyOrder(
            "Dr. Hoot counted 3 stars.|Doctor hoot hoot counted three stars.|120.0",
            "\"Is it late?\" she asked.|\"Is it late?\" she asked.|120.0",
            "The forest slept.|The woodland slept.|" + 120 * Pace.LAST_PARAGRAPH_SPEED);
    pipeline.run().waitUntilFinish();
  }
}
