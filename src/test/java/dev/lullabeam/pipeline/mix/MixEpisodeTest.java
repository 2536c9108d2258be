package dev.lullabeam.pipeline.mix;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import dev.lullabeam.lib.audio.AudioClip;
import dev.lullabeam.lib.audio.SentenceTiming;
import dev.lullabeam.lib.backgrounds.Background;
import dev.lullabeam.values.AssembledEpisode;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.EpisodePlan;
import dev.lullabeam.values.EpisodeRequest;
import dev.lullabeam.values.MixedEpisode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/** Mixing as a stage: one small episode mixed, and the two ways an episode fails to mix. */
@ExtendWith(TestPipelineExtension.class)
class MixEpisodeTest {

  private static final int RATE = 48000;

  @TempDir static Path work;

  /** Two seconds of a syllable-paced tone: enough signal for the loudness gate to measure. */
  private static AudioClip narration() {
    short[] samples = new short[2 * RATE];
    for (int i = 0; i < samples.length; i++) {
      double t = i / (double) RATE;
      double syllables = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
      samples[i] = (short) (8000 * syllables * Math.sin(2 * Math.PI * 220 * t));
    }
    return new AudioClip(RATE, samples);
  }

  private static AssembledEpisode episode(String id, String topic) {
    EpisodeRequest request =
        new EpisodeRequest(id, 2, topic, null, null, "Hush. Sleep.", null, null, 1);
    return new AssembledEpisode(
        new EpisodePlan(request, "cmu-slt-hsmm", 2),
        narration(),
        List.of(
            new SentenceTiming(0, "Hush.", 0, 900), new SentenceTiming(1, "Sleep.", 1350, 2000)),
        1.2,
        0.1);
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

    PCollectionTuple mixed =
        pipeline
            .apply(
                "Narrations",
                Create.of(
                    episode("calm", "ocean"), episode("lost", "volcano"), episode("noisy", "broken")))
            .apply(new MixEpisode(backgrounds, "Test Season"));

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
              assertThat(calm.mp3().length > 100_000, is(true));
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
                                    + (o.error() == null ? "no exception" : o.error().type()))))
        .containsInAnyOrder(
            "lost: no background for topic 'volcano' / no exception",
            "noisy: mixing failed / java.io.IOException");
    pipeline.run().waitUntilFinish();
  }
}
