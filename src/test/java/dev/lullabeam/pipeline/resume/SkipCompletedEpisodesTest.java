package dev.lullabeam.pipeline.resume;

import dev.lullabeam.lib.audio.Loudness;
import dev.lullabeam.lib.audio.SentenceTiming;
import dev.lullabeam.lib.text.WebVtt;
import dev.lullabeam.pipeline.write.EpisodeJson;
import dev.lullabeam.pipeline.write.OutputLocation;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.EpisodePlan;
import dev.lullabeam.values.EpisodeRequest;
import dev.lullabeam.values.MixedEpisode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rerun over an output folder holding what earlier runs left behind: only an episode whose
 * files are whole, belong together and were made from the same row and season is reused.
 */
@ExtendWith(TestPipelineExtension.class)
class SkipCompletedEpisodesTest {

  private static final String VOICE = "cmu-slt-hsmm";
  private static final String SEASON = "Test Season";

  @TempDir Path output;

  private static EpisodeRequest row(String id, long line, String story, int track) {
    return new EpisodeRequest(id, line, "rain", null, null, story, null, null, track);
  }

  private static final EpisodeRequest DONE = row("done", 2, "A fox slept.", 1);
  /** Its story was edited since its episode was made. */
  private static final EpisodeRequest EDITED = row("edited", 3, "A fox slept, then woke.", 2);
  /** The run was killed after this episode's MP3 and transcript, before its JSON. */
  private static final EpisodeRequest NO_JSON = row("no-json", 4, "A whale sang.", 3);
  private static final EpisodeRequest GARBLED = row("garbled", 5, "An owl hooted.", 4);
  private static final EpisodeRequest NEW = row("new", 6, "A seal dozed.", 5);
  private static final EpisodeRequest TRUNCATED = row("truncated", 7, "A cat purred.", 6);
  private static final EpisodeRequest EMPTY_VTT = row("empty-vtt", 8, "A dog dreamt.", 7);
  /** A later make wrote its MP3 and was killed before its JSON: the MP3 is not the JSON's. */
  private static final EpisodeRequest SWAPPED = row("swapped", 9, "A hen clucked.", 8);
  /** Made under another season name: its album tag is stale. */
  private static final EpisodeRequest RESEASONED = row("reseasoned", 10, "A bee hummed.", 9);
  /** A row was inserted before it since: its track number is stale. */
  private static final EpisodeRequest RENUMBERED = row("renumbered", 11, "A cow lowed.", 11);

  private static final List<EpisodeRequest> ALL =
      List.of(DONE, EDITED, NO_JSON, GARBLED, NEW, TRUNCATED, EMPTY_VTT, SWAPPED, RESEASONED,
          RENUMBERED);

  @BeforeEach
  void leaveEarlierOutputs() throws IOException {
    make(DONE, SEASON, mp3(1000));
    make(EDITED.withStory("A fox slept.", null), SEASON, mp3(1000));
    make(NO_JSON, SEASON, mp3(1000));
    Files.delete(episode("no-json.json"));
    make(GARBLED, SEASON, mp3(1000));
    Files.writeString(episode("garbled.json"), "{\"source_hash\": ");
    make(TRUNCATED, SEASON, mp3(1000));
    Files.write(episode("truncated.mp3"), Arrays.copyOf(mp3(1000), 600));
    make(EMPTY_VTT, SEASON, mp3(1000));
    Files.writeString(episode("empty-vtt.vtt"), "");
    make(SWAPPED, SEASON, mp3(1000));
    byte[] otherMake = mp3(1000);
    otherMake[0] = 42;
    Files.write(episode("swapped.mp3"), otherMake);
    make(RESEASONED, "Last Year's Season", mp3(1000));
    make(row("renumbered", 11, "A cow lowed.", 10), SEASON, mp3(1000));
  }

  @Test
  void reusesOnlyWholeMatchingEpisodesMadeFromTheSameRowAndSeason(TestPipeline pipeline) {
    PCollectionTuple result = apply(pipeline, false);

    PAssert.that(result.get(SkipCompletedEpisodes.REUSED))
        // Its minutes as its JSON recorded them: 2 s of narration (rounded), no target.
        .containsInAnyOrder(EpisodeOutcome.reused("done", 2, 2, 24.0).withMinutes(null, 0.03));
    PAssert.that(
            result
                .get(SkipCompletedEpisodes.TO_MAKE)
                .apply(MapElements.into(TypeDescriptors.strings()).via(EpisodeRequest::id)))
        .containsInAnyOrder(
            "edited", "no-json", "garbled", "new", "truncated", "empty-vtt", "swapped",
            "reseasoned", "renumbered");
    pipeline.run().waitUntilFinish();
  }

  @Test
  void overwriteMakesEveryEpisodeAgain(TestPipeline pipeline) {
    PCollectionTuple result = apply(pipeline, true);

    PAssert.that(result.get(SkipCompletedEpisodes.REUSED)).empty();
    PAssert.that(result.get(SkipCompletedEpisodes.TO_MAKE)).containsInAnyOrder(ALL);
    pipeline.run().waitUntilFinish();
  }

  private PCollectionTuple apply(TestPipeline pipeline, boolean overwrite) {
    return pipeline
        .apply(Create.of(ALL))
        .apply(new SkipCompletedEpisodes(OutputLocation.of(output.toString()), VOICE, SEASON, overwrite));
  }

  /** Stands in for an MP3 of this many bytes; one length, one content. */
  private static byte[] mp3(int bytes) {
    byte[] mp3 = new byte[bytes];
    Arrays.fill(mp3, (byte) bytes);
    return mp3;
  }

  /** An episode's three files as WriteEpisodes writes them, made from {@code madeFrom}. */
  private void make(EpisodeRequest madeFrom, String season, byte[] mp3) throws IOException {
    MixedEpisode episode =
        new MixedEpisode(
            new EpisodePlan(madeFrom, VOICE, 2),
            output.resolve("mixed-" + madeFrom.id() + ".mp3").toString(),
            "backgrounds/rain.ogg",
            48000,
            List.of(
                new SentenceTiming(0, "One.", 7000, 7800),
                new SentenceTiming(1, "Two.", 8250, 9000)),
            24.0,
            new Loudness(-16.1, -1.4, 3.0),
            0.8,
            0.1,
            2.5,
            null,
            2,
            0);
    String makeId = UUID.randomUUID().toString();
    byte[] vtt = WebVtt.of(episode.sentences(), makeId).getBytes(StandardCharsets.UTF_8);
    String id = madeFrom.id();
    Files.write(episode(id + ".mp3"), mp3);
    Files.write(episode(id + ".vtt"), vtt);
    Files.write(episode(id + ".json"), EpisodeJson.of(episode, season, makeId, mp3, vtt, 0.1));
  }

  private Path episode(String name) throws IOException {
    Path dir = Files.createDirectories(output.resolve("episodes"));
    return dir.resolve(name);
  }
}
