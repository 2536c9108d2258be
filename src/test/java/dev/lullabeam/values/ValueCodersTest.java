package dev.lullabeam.values;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import dev.lullabeam.lib.audio.AudioClip;
import dev.lullabeam.lib.audio.Loudness;
import dev.lullabeam.lib.audio.SentenceTiming;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.coders.Coder;
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

  private static AudioClip noise(int sampleRate, int samples) {
    Random random = new Random(42);
    short[] pcm = new short[samples];
    for (int i = 0; i < samples; i++) {
      pcm[i] = (short) random.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1);
    }
    return new AudioClip(sampleRate, pcm);
  }

  @Test
  void audioRoundTripsSampleForSample() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(AudioClipCoder.of(), noise(48000, 4800));
    CoderProperties.coderDecodeEncodeEqual(AudioClipCoder.of(), new AudioClip(16000, new short[0]));
    CoderProperties.coderDeterministic(AudioClipCoder.of(), noise(8000, 10), noise(8000, 10));
  }

  @Test
  void aMinuteOf48kHzAudioTakesTwoBytesASample() throws Exception {
    int samples = 60 * 48000;
    AudioClip minute = noise(48000, samples);

    long encoded = CoderUtils.encodeToByteArray(AudioClipCoder.of(), minute).length;

    // Rate and length as varints, then the samples: nothing else.
    assertThat(
        encoded,
        is(both(greaterThanOrEqualTo(2L * samples)).and(lessThanOrEqualTo(2L * samples + 10))));
    // The size runners ask for is counted without encoding, and agrees.
    CoderProperties.testByteCount(AudioClipCoder.of(), Coder.Context.NESTED, new AudioClip[] {minute});
  }

  @Test
  void sentencesRoundTrip() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(
        SentenceToSpeakCoder.of(),
        new SentenceToSpeak("fox", 3, "“Hush,” said Mr. Fox.", "Hush, said Mister Fox.", true, "v"));
    CoderProperties.coderDecodeEncodeEqual(
        SpokenSentenceCoder.of(),
        new SpokenSentence("fox", 3, "“Hush,” said Mr. Fox.", true, noise(48000, 480), 0.25));
  }

  @Test
  void episodesRoundTrip() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(EpisodePlanCoder.of(), PLAN);
    CoderProperties.coderDecodeEncodeEqual(
        AssembledEpisodeCoder.of(),
        new AssembledEpisode(PLAN, noise(48000, 1000), TIMINGS, 1.5, 0.1));
  }

  /** A record's equals compares arrays by identity: compare the MP3's bytes and the rest apart. */
  @Test
  void mixedEpisodesRoundTripWithAndWithoutAWarning() throws Exception {
    for (String warning : new String[] {null, "off the loudness target after 3 encodes"}) {
      MixedEpisode episode =
          new MixedEpisode(
              PLAN, new byte[] {1, 2, 3, -1}, "backgrounds/rain.ogg", 48000, TIMINGS, 17.4,
              new Loudness(-16.1, Double.NEGATIVE_INFINITY, 4.2), 1.5, 0.1, 3.2, warning);

      MixedEpisode copy = CoderUtils.clone(MixedEpisodeCoder.of(), episode);

      assertThat(copy.mp3(), is(episode.mp3()));
      assertThat(
          new MixedEpisode(
              copy.plan(), episode.mp3(), copy.backgroundFile(), copy.sampleRate(), copy.sentences(),
              copy.durationSeconds(), copy.loudness(), copy.synthesisSeconds(),
              copy.assemblySeconds(), copy.mixSeconds(), copy.loudnessWarning()),
          is(episode));
    }
  }

  @Test
  void outcomesRoundTripWithTheirErrorAndWarnings() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(
        EpisodeOutcomeCoder.of(), EpisodeOutcome.badRow(null, 4, "no id"));
    CoderProperties.coderDecodeEncodeEqual(
        EpisodeOutcomeCoder.of(),
        EpisodeOutcome.ok("fox", 2, 10, 60.5).withStoryAttempts(2).withWarnings(List.of("loud")));
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
    assertThat(
        registry.getCoder(AssembledEpisode.class), is(instanceOf(AssembledEpisodeCoder.class)));
    assertThat(registry.getCoder(MixedEpisode.class), is(instanceOf(MixedEpisodeCoder.class)));
    assertThat(registry.getCoder(EpisodeOutcome.class), is(instanceOf(EpisodeOutcomeCoder.class)));
    assertThat(registry.getCoder(SpeechFailure.class), is(instanceOf(SpeechFailureCoder.class)));
  }
}
