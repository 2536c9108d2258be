package dev.lullabeam.values;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import dev.lullabeam.lib.audio.Loudness;
import dev.lullabeam.lib.audio.SentenceTiming;
import java.util.List;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;
import dev.lullabeam.lib.quality.StoryGate;
import dev.lullabeam.lib.stories.StoryInfo;

class ValueCodersTest {

  private static final EpisodeRequest REQUEST =
      new EpisodeRequest("fox", 2, "rain", "The Fox", null, "A fox slept.", 7L, null, 1)
          .withStory("A fox slept. The end.", new StoryInfo.Reviewed(new StoryGate().check("A fox slept. The end.")));
  private static final EpisodePlan PLAN = new EpisodePlan(REQUEST, "cmu-slt-hsmm", 2);
  private static final List<SentenceTiming> TIMINGS =
      List.of(
          new SentenceTiming(0, "A fox slept.", 0, 1200),
          new SentenceTiming(1, "The end.", 1650, 2400));

  private static final StoredSpeech STORED =
      new StoredSpeech("cmu-slt-hsmm", "ab".repeat(32), 48000, 52_800);

  /** The point of the store: a sentence travels as a few dozen bytes, whatever its length. */
  @Test
  void aStoredSentenceTravelsAsAReferenceOfAFewDozenBytes() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(StoredSpeechCoder.of(), STORED);
    SpokenSentence sentence =
        new SpokenSentence("fox", 3, "“Hush,” said Mr. Fox.", true, STORED, 0.25, false);
    assertThat(
        CoderUtils.encodeToByteArray(SpokenSentenceCoder.of(), sentence).length,
        is(lessThanOrEqualTo(128)));
  }

  @Test
  void sentencesRoundTrip() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(
        SentenceToSpeakCoder.of(),
        new SentenceToSpeak("fox", 3, "“Hush,” said Mr. Fox.", "Hush, said Mister Fox.", true, "v"));
    CoderProperties.coderDecodeEncodeEqual(
        SpokenSentenceCoder.of(),
        new SpokenSentence("fox", 3, "“Hush,” said Mr. Fox.", true, STORED, 0.25, false));
    CoderProperties.coderDecodeEncodeEqual(
        SpokenSentenceCoder.of(),
        new SpokenSentence("fox", 4, "The end.", false, STORED, 0, true));
  }

  @Test
  void episodesRoundTrip() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(EpisodePlanCoder.of(), PLAN);
    CoderProperties.coderDecodeEncodeEqual(
        SpokenEpisodeCoder.of(),
        new SpokenEpisode(
            PLAN,
            List.of(
                new SpokenSentence("fox", 0, "A fox slept.", false, STORED, 0.5, false),
                new SpokenSentence("fox", 1, "The end.", true, STORED, 0, true))));
  }

  @Test
  void mixedEpisodesRoundTripWithAndWithoutAWarning() throws Exception {
    for (String warning : new String[] {null, "off the loudness target after 3 encodes"}) {
      CoderProperties.coderDecodeEncodeEqual(
          MixedEpisodeCoder.of(),
          new MixedEpisode(
              PLAN, "/work/mixed/fox.mp3", "backgrounds/rain.ogg", 48000, TIMINGS, 17.4,
              new Loudness(-16.1, Double.NEGATIVE_INFINITY, 4.2), 1.5, 0.1, 3.2, warning, 1, 1));
    }
  }

  @Test
  void outcomesRoundTripWithTheirErrorAndWarnings() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(
        EpisodeOutcomeCoder.of(), EpisodeOutcome.badRow(null, 4, "no id"));
    CoderProperties.coderDecodeEncodeEqual(
        EpisodeOutcomeCoder.of(),
        EpisodeOutcome.ok("fox", 2, 10, 60.5)
            .withStoryAttempts(2)
            .withWarnings(List.of("loud"))
            .withSpeech(4, 6));
    CoderProperties.coderDecodeEncodeEqual(
        EpisodeOutcomeCoder.of(),
        EpisodeOutcome.ok("fox", 2, 10, 60.5).withMinutes(5.0, 4.87).withSpeech(4, 6));
    CoderProperties.coderDecodeEncodeEqual(
        EpisodeOutcomeCoder.of(), EpisodeOutcome.ok("fox", 2, 10, 60.5).withMinutes(null, 0.9));
    CoderProperties.coderDecodeEncodeEqual(
        EpisodeOutcomeCoder.of(),
        EpisodeOutcome.failed("fox", 2, "mixing failed", new IllegalStateException()));
  }

  @Test
  void speechFailuresRoundTripWithAndWithoutAnError() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(
        SpeechFailureCoder.of(), new SpeechFailure("voice v: gone", null));
    CoderProperties.coderDecodeEncodeEqual(
        SpeechFailureCoder.of(),
        new SpeechFailure("sentence 2: boom", EpisodeOutcome.Cause.of(new IllegalStateException())));
  }

  @Test
  void thePipelineFindsTheCodersWithoutBeingTold() throws Exception {
    CoderRegistry registry = CoderRegistry.createDefault();
    assertThat(registry.getCoder(SentenceToSpeak.class), is(instanceOf(SentenceToSpeakCoder.class)));
    assertThat(registry.getCoder(SpokenSentence.class), is(instanceOf(SpokenSentenceCoder.class)));
    assertThat(registry.getCoder(EpisodePlan.class), is(instanceOf(EpisodePlanCoder.class)));
    assertThat(registry.getCoder(StoredSpeech.class), is(instanceOf(StoredSpeechCoder.class)));
    assertThat(registry.getCoder(SpokenEpisode.class), is(instanceOf(SpokenEpisodeCoder.class)));
    assertThat(registry.getCoder(MixedEpisode.class), is(instanceOf(MixedEpisodeCoder.class)));
    assertThat(registry.getCoder(EpisodeOutcome.class), is(instanceOf(EpisodeOutcomeCoder.class)));
    assertThat(registry.getCoder(SpeechFailure.class), is(instanceOf(SpeechFailureCoder.class)));
  }
}
