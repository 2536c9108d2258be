package dev.lullabeam.pipeline.write;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.storage.BlobInfo;
import dev.lullabeam.lib.audio.Loudness;
import dev.lullabeam.lib.audio.SentenceTiming;
import dev.lullabeam.lib.storage.FakeGcs;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.EpisodePlan;
import dev.lullabeam.values.EpisodeRequest;
import dev.lullabeam.values.MixedEpisode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class WriteEpisodesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] MP3 = {(byte) 0xFF, (byte) 0xFB, 0x10, 0x00};
  private static final String OFF_TARGET = "off the loudness target after 3 encodes: -14.20 LUFS";

  @TempDir Path work;

  /** The MP3 waiting in the work folder, as the mixer leaves it. */
  private MixedEpisode mixed(String id, long line, String loudnessWarning) throws Exception {
    Path mixedMp3 = Files.createDirectories(work.resolve("work/mixed")).resolve(id + ".mp3");
    Files.write(mixedMp3, MP3);
    EpisodeRequest request =
        new EpisodeRequest(id, line, "rain", "The " + id, null, "One. Two.", null, null, 1);
    return new MixedEpisode(
        new EpisodePlan(request, "cmu-slt-hsmm", 2),
        mixedMp3.toString(),
        "backgrounds/rain.ogg",
        48000,
        List.of(
            new SentenceTiming(0, "One.", 7000, 7800), new SentenceTiming(1, "Two.", 8250, 9000)),
        24.0,
        new Loudness(-16.1, -1.4, 3.0),
        0.8,
        0.1,
        2.5,
        loudnessWarning,
        2,
        0);
  }

  @Test
  void writesMp3TranscriptAndJsonAndReportsEachEpisode(TestPipeline pipeline) throws Exception {
    String output = work.resolve("out").toString();
    PCollection<EpisodeOutcome> outcomes =
        pipeline
            .apply(Create.of(mixed("fox", 2, null), mixed("owl", 3, OFF_TARGET)))
            .apply(new WriteEpisodes(output, "Test Season"));

    PAssert.that(outcomes)
        .containsInAnyOrder(
            // Narration from 7.0 s to 9.0 s: 2 s, no target length.
            EpisodeOutcome.ok("fox", 2, 2, 24.0).withSpeech(2, 0).withMinutes(null, 2000 / 60_000.0),
            EpisodeOutcome.ok("owl", 3, 2, 24.0).withWarnings(List.of(OFF_TARGET)).withSpeech(2, 0)
                .withMinutes(null, 2000 / 60_000.0));
    pipeline.run().waitUntilFinish();

    Path episodes = work.resolve("out/episodes");
    assertThat(Files.readAllBytes(episodes.resolve("fox.mp3")), is(MP3));
    assertThat(Files.exists(work.resolve("work/mixed/fox.mp3")), is(false));
    assertThat(
        Files.readString(episodes.resolve("fox.vtt")),
        containsString("00:00:07.000 --> 00:00:07.800\nOne.\n"));
    JsonNode fox = JSON.readTree(episodes.resolve("fox.json").toFile());
    assertThat(fox.path("loudness_lufs").asDouble(), is(-16.1));
    assertThat(fox.path("sentences").size(), is(2));
    assertThat(fox.has("loudness_warning"), is(false));
    JsonNode owl = JSON.readTree(episodes.resolve("owl.json").toFile());
    assertThat(owl.path("loudness_warning").asText(), is(OFF_TARGET));
  }

  @Test
  void theJsonRecordsTheMakeAndTheFilesWrittenWithIt(TestPipeline pipeline) throws Exception {
    String output = work.resolve("out").toString();
    pipeline.apply(Create.of(mixed("fox", 2, null))).apply(new WriteEpisodes(output, "Autumn"));
    pipeline.run().waitUntilFinish();

    Path episodes = work.resolve("out/episodes");
    JsonNode fox = JSON.readTree(episodes.resolve("fox.json").toFile());
    assertThat(fox.path("season").asText(), is("Autumn"));
    String makeId = fox.path("make_id").asText();
    byte[] vtt = Files.readAllBytes(episodes.resolve("fox.vtt"));
    assertThat(
        new String(vtt, StandardCharsets.UTF_8),
        startsWith("WEBVTT\n\nNOTE make_id " + makeId + "\n"));
    assertThat(fox.path("files").path("mp3").path("bytes").asInt(), is(MP3.length));
    assertThat(fox.path("files").path("mp3").path("sha256").asText(), is(OutputFiles.sha256(MP3)));
    assertThat(fox.path("files").path("vtt").path("bytes").asInt(), is(vtt.length));
    assertThat(fox.path("files").path("vtt").path("sha256").asText(), is(OutputFiles.sha256(vtt)));
  }

  @Test
  void anEpisodeThatFindsTheDiskFullLeavesNoneOfItsFiles(TestPipeline pipeline) throws Exception {
    Path out = work.resolve("full");
    Path episodes = Files.createDirectories(out.resolve("episodes"));
    // Room for the MP3 and nearly all of the transcript.
    try (AutoCloseable quota = QuotaFileSystem.limit(out, MP3.length + 30)) {
      PCollection<EpisodeOutcome> outcomes =
          pipeline
              .apply(Create.of(mixed("fox", 2, null)))
              .apply(new WriteEpisodes(QuotaFileSystem.uri(out), "Test Season"));
      PAssert.that(
              outcomes.apply(
                  MapElements.into(TypeDescriptors.strings())
                      .via((EpisodeOutcome o) -> o.status().label() + ": " + o.reason())))
          .containsInAnyOrder("failed: writing outputs failed: No space left on device");
      pipeline.run().waitUntilFinish();
    }
    try (Stream<Path> left = Files.list(episodes)) {
      assertThat(left.toList(), is(empty()));
    }
  }

  @Test
  void anEpisodeThatCannotBeWrittenFailsWithItsError(TestPipeline pipeline) throws Exception {
    // The output "folder" is a file: nothing can be created under it.
    Path blocker = Files.writeString(work.resolve("not-a-folder"), "");
    PCollection<EpisodeOutcome> outcomes =
        pipeline
            .apply(Create.of(mixed("fox", 2, null)))
            .apply(new WriteEpisodes(blocker.resolve("out").toString(), "Test Season"));

    PAssert.that(
            outcomes.apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        (EpisodeOutcome o) ->
                            o.id() + " " + o.status().label() + " "
                                + o.reason().startsWith("writing outputs failed: ") + " "
                                + o.error().type() + " " + !o.error().stack().isEmpty())))
        .containsInAnyOrder("fox failed true java.io.IOException true");
    pipeline.run().waitUntilFinish();
  }

  @Test
  void anotherRunsEpisodeInTheBucketIsNeverOverwritten(TestPipeline pipeline) throws Exception {
    try (FakeGcs gcs = FakeGcs.install()) {
      BlobInfo mp3 = BlobInfo.newBuilder("season-bucket", "autumn/episodes/fox.mp3").build();
      byte[] theirs = "another run's mp3".getBytes(StandardCharsets.UTF_8);
      // Another run uploads fox.mp3 after this writer saw none and before its own upload.
      gcs.beforeNextUpload(
          mp3.getName(),
          () -> {
            try {
              gcs.storage().createFrom(mp3, new ByteArrayInputStream(theirs));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      PCollection<EpisodeOutcome> outcomes =
          pipeline
              .apply(Create.of(mixed("fox", 2, null)))
              .apply(new WriteEpisodes(OutputLocation.of("gs://season-bucket/autumn"), "Autumn"));

      PAssert.that(outcomes.apply(MapElements.into(TypeDescriptors.strings()).via(EpisodeOutcome::reason)))
          .containsInAnyOrder(
              "writing outputs failed: gs://season-bucket/autumn/episodes/fox.mp3 was changed by"
                  + " someone else (the write expected it if absent): not overwritten");
      pipeline.run().waitUntilFinish();

      assertThat(gcs.storage().readAllBytes(mp3.getBlobId()), is(theirs));
      List<String> names = new ArrayList<>();
      gcs.storage().list("season-bucket").iterateAll().forEach(b -> names.add(b.getName()));
      assertThat(names, is(List.of("autumn/episodes/fox.mp3")));
    }
  }
}
