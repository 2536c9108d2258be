package dev.lullabeam.pipeline.resume;

import dev.lullabeam.pipeline.write.EpisodeJson;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.EpisodeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** A rerun over an output folder holding what earlier runs left behind. */
@ExtendWith(TestPipelineExtension.class)
class SkipCompletedEpisodesTest {

  private static final String VOICE = "cmu-slt-hsmm";

  @TempDir Path output;

  private static EpisodeRequest row(String id, long line, String story) {
    return new EpisodeRequest(id, line, "rain", null, null, story, null, null, 1);
  }

  private static final EpisodeRequest DONE = row("done", 2, "A fox slept.");
  /** Its story was edited since its episode was made. */
  private static final EpisodeRequest EDITED = row("edited", 3, "A fox slept, then woke.");
  /** The run was killed after the JSON of a previous episode, before this one's MP3. */
  private static final EpisodeRequest PARTIAL = row("partial", 4, "A whale sang.");
  private static final EpisodeRequest GARBLED = row("garbled", 5, "An owl hooted.");
  private static final EpisodeRequest NEW = row("new", 6, "A seal dozed.");

  @BeforeEach
  void leaveEarlierOutputs() throws IOException {
    complete(DONE, DONE);
    complete(EDITED, row("edited", 3, "A fox slept."));
    Files.writeString(episode("partial.json"), json(PARTIAL));
    Files.writeString(episode("partial.vtt"), "WEBVTT\n");
    complete(GARBLED, GARBLED);
    Files.writeString(episode("garbled.json"), "{\"source_hash\": ");
  }

  @Test
  void reusesOnlyCompleteEpisodesMadeFromTheSameRow(TestPipeline pipeline) {
    PCollectionTuple result = apply(pipeline, false);

    PAssert.that(result.get(SkipCompletedEpisodes.REUSED))
        .containsInAnyOrder(EpisodeOutcome.reused("done", 2, 2, 17.5));
    PAssert.that(
            result
                .get(SkipCompletedEpisodes.TO_MAKE)
                .apply(MapElements.into(TypeDescriptors.strings()).via(EpisodeRequest::id)))
        .containsInAnyOrder("edited", "partial", "garbled", "new");
    pipeline.run().waitUntilFinish();
  }

  @Test
  void overwriteMakesEveryEpisodeAgain(TestPipeline pipeline) {
    PCollectionTuple result = apply(pipeline, true);

    PAssert.that(result.get(SkipCompletedEpisodes.REUSED)).empty();
    PAssert.that(result.get(SkipCompletedEpisodes.TO_MAKE))
        .containsInAnyOrder(DONE, EDITED, PARTIAL, GARBLED, NEW);
    pipeline.run().waitUntilFinish();
  }

  private PCollectionTuple apply(TestPipeline pipeline, boolean overwrite) {
    return pipeline
        .apply(Create.of(DONE, EDITED, PARTIAL, GARBLED, NEW))
        .apply(new SkipCompletedEpisodes(output.toString(), VOICE, overwrite));
  }

  /** An episode's three files, its JSON made from {@code madeFrom}. */
  private void complete(EpisodeRequest request, EpisodeRequest madeFrom) throws IOException {
    Files.write(episode(request.id() + ".mp3"), new byte[] {1, 2, 3});
    Files.writeString(episode(request.id() + ".vtt"), "WEBVTT\n");
    Files.writeString(episode(request.id() + ".json"), json(madeFrom));
  }

  private static String json(EpisodeRequest madeFrom) {
    return "{\"id\": \"" + madeFrom.id() + "\", \"source_hash\": \""
        + EpisodeJson.sourceHash(madeFrom, VOICE) + "\", \"duration_s\": 17.5,"
        + " \"sentences\": [{\"index\": 0}, {\"index\": 1}]}";
  }

  private Path episode(String name) throws IOException {
    Path dir = Files.createDirectories(output.resolve("episodes"));
    return dir.resolve(name);
  }
}
