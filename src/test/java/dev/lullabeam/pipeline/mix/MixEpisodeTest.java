package dev.lullabeam.pipeline.mix;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import dev.lullabeam.lib.audio.AudioClip;
import dev.lullabeam.lib.audio.SentenceTiming;
import dev.lullabeam.lib.backgrounds.Background;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.EpisodePlan;
import dev.lullabeam.values.EpisodeRequest;
import dev.lullabeam.values.MixedEpisode;
import dev.lullabeam.values.SpokenEpisode;
import dev.lullabeam.values.SpokenSentence;
import dev.lullabeam.values.StoredSpeech;
import dev.lullabeam.pipeline.speech.SpeechStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Assembling and mixing as a stage: one small episode made, and the three ways one fails. */
@ExtendWith(TestPipelineExtension.class)
class MixEpisodeTest {

  private static final int RATE = 48000;

  @TempDir static Path work;

  /** A syllable-paced tone: enough signal for the loudness gate to measure, nothing to trim. */
  private static AudioClip tone(double seconds) {
    short[] samples = new short[(int) Math.round(seconds * RATE)];
    for (int i = 0; i < samples.length; i++) {
      double t = i / (double) RATE;
      double syllables = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
      samples[i] = (short) (8000 * syllables * Math.sin(2 * Math.PI * 220 * t));
    }
    return new AudioClip(RATE, samples);
  }

  /**
   * "Hush." (0.9 s, spoken now) and "Sleep." (0.65 s, reused), stored: 2 s of narration with the
   * pause between them.
   */
  private static SpokenEpisode episode(String id, String topic, SpeechStore store)
      throws Exception {
    EpisodeRequest request =
        new EpisodeRequest(id, 2, topic, null, null, "Hush. Sleep.", null, null, 1);
    StoredSpeech hush = store.put("v", "aa" + id, tone(0.9));
    StoredSpeech sleep = store.put("v", "bb" + id, tone(0.65));
    return new SpokenEpisode(
        new EpisodePlan(request, "cmu-slt-hsmm", 2),
        List.of(
            new SpokenSentence(id, 0, "Hush.", false, hush, 0.7, false),
            new SpokenSentence(id, 1, "Sleep.", true, sleep, 0, true)));
  }

  @Test
  void mixesWithTheTopicsAmbienceAndFailsWhatCannotBeMixed(TestPipeline pipeline)
      throws Exception {
    Path notAudio = Files.writeString(work.resolve("broken.ogg"), "this is not audio");
    PCollectionView<Map<String, Background>> backgrounds =
        pipeline
            .apply(
                "Backgrounds",
                Create.of(
                    Map.of(
                        "ocean", new Background("ocean", "backgrounds/ocean.ogg", -18.0),
                        "broken", new Background("broken", notAudio.toString(), -20.0))))
            .apply(View.asMap());

    SpeechStore store = SpeechStore.in(work.resolve("store").toString(), null);
    SpokenEpisode unstored = episode("unstored", "ocean", store);
    store.deleteAllBut(Set.of("aacalm", "bbcalm", "aalost", "bblost", "aanoisy", "bbnoisy"));
    PCollectionTuple mixed =
        pipeline
            .apply(
                "Narrations",
                Create.of(
                    episode("calm", "ocean", store),
                    episode("lost", "volcano", store),
                    episode("noisy", "broken", store),
                    unstored))
            .apply(new MixEpisode(backgrounds, "Test Season", store));

    PAssert.that(mixed.get(MixEpisode.MIXED))
        .satisfies(
            episodes -> {
              List<MixedEpisode> all = new ArrayList<>();
              episodes.forEach(all::add);
              assertThat(all, hasSize(1));
              MixedEpisode calm = all.get(0);
              assertThat(calm.plan().request().id(), is("calm"));
              assertThat(calm.durationSeconds(), closeTo(2.0 + 15.0, 0.01));
              // Sentence times now count from the start of the MP3, lead-in included.
              assertThat(calm.sentences().get(1), is(new SentenceTiming(1, "Sleep.", 8350, 9000)));
              assertThat(calm.loudness().integratedLufs(), closeTo(-16.0, 0.6));
              assertThat(calm.loudnessWarning(), is(nullValue()));
              try {
                assertThat(Files.size(Path.of(calm.mp3File())) > 100_000, is(true));
              } catch (java.io.IOException e) {
                throw new AssertionError(e);
              }
              assertThat(
                  calm.mp3File(), is(work.resolve("store/mixed/calm.mp3").toString()));
              assertThat(calm.sentencesSpoken(), is(1));
              assertThat(calm.sentencesReused(), is(1));
              return null;
            });
    PAssert.that(
            mixed
                .get(MixEpisode.FAILED)
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (EpisodeOutcome o) ->
                                o.id() + ": " + o.reason().replaceAll(":.*", "") + " / "
                                    + (o.error() == null ? "no exception" : o.error().type())
                                    + " / spoken " + o.sentencesSpoken()
                                    + ", reused " + o.sentencesReused())))
        .containsInAnyOrder(
            "lost: no background for topic 'volcano' / no exception / spoken 1, reused 1",
            "noisy: mixing failed / java.io.IOException / spoken 1, reused 1",
            "unstored: assembly failed / java.io.FileNotFoundException / spoken 1, reused 1");
    pipeline.run().waitUntilFinish();
  }
}
