package dev.lullabeam.pipeline.catalogue;

import dev.lullabeam.values.EpisodeRequest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lullabeam.values.EpisodeOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class ReadCatalogueTest {

  private static final Set<String> TOPICS_WITH_BACKGROUNDS = Set.of("night-forest", "sea");
  private static final Set<String> KNOWN_VOICES = Set.of("cmu-slt-hsmm", "dfki-prudence");

  /** Written with a byte order mark and CRLF line ends, as a spreadsheet would save it. */
  private static final List<String> CATALOGUE_WITH_BAD_ROWS =
      List.of(
          "id,topic,title,story,voice",
          "fox,Night Forest,The Fox,The fox curls up.,",
          "owl,sea,,\"The owl says \"\"hoo\"\", softly.\",dfki-prudence",
          ",sea,,A row without an id.,",
          "whale,volcano,,Far too hot.,",
          "fox,sea,,A second fox.,",
          "seal,sea",
          "crab,sea,,\"A quote never closed.,");

  private static final List<EpisodeRequest> EPISODES_OF_CATALOGUE_WITH_BAD_ROWS =
      List.of(
          new EpisodeRequest(
              "fox", 2, "night-forest", "The Fox", null, "The fox curls up.", null, null, 1),
          new EpisodeRequest(
              "owl",
              3,
              "sea",
              null,
              null,
              "The owl says \"hoo\", softly.",
              null,
              "dfki-prudence",
              2));

  private static final List<EpisodeOutcome> BAD_ROWS_OF_CATALOGUE_WITH_BAD_ROWS =
      List.of(
          EpisodeOutcome.badRow(null, 4, "missing id"),
          EpisodeOutcome.badRow("whale", 5, "no background for topic 'volcano'"),
          EpisodeOutcome.badRow("fox", 6, "id 'fox' repeats the row at line 2"),
          EpisodeOutcome.badRow("seal", 7, "expected 5 fields as in the header, found 2"),
          EpisodeOutcome.badRow("crab", 8, "malformed CSV: a quoted field is never closed"));

  private static final List<String> CLEAN_CATALOGUE =
      List.of(
          "id,topic,prompt,seed",
          "moon,sea,A moon that hums.,7",
          "",
          "rain-song,night_forest,Rain on leaves.,");

  private static final List<EpisodeRequest> EPISODES_OF_CLEAN_CATALOGUE =
      List.of(
          new EpisodeRequest("moon", 2, "sea", null, "A moon that hums.", null, 7L, null, 1),
          new EpisodeRequest(
              "rain-song", 4, "night-forest", null, "Rain on leaves.", null, null, null, 2));

  @Test
  void splitsACatalogueIntoEpisodesAndBadRows(TestPipeline pipeline, @TempDir Path dir)
      throws IOException {
    Path catalogue = dir.resolve("season.csv");
    Files.write(
        catalogue,
        ("\uFEFF" + String.join("\r\n", CATALOGUE_WITH_BAD_ROWS) + "\r\n")
            .getBytes(StandardCharsets.UTF_8));

    PCollectionTuple read = pipeline.apply(readCatalogue(catalogue));

    PAssert.that(read.get(ReadCatalogue.EPISODES))
        .containsInAnyOrder(EPISODES_OF_CATALOGUE_WITH_BAD_ROWS);
    PAssert.that(read.get(ReadCatalogue.BAD_ROWS))
        .containsInAnyOrder(BAD_ROWS_OF_CATALOGUE_WITH_BAD_ROWS);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aCleanCatalogueHasNoBadRows(TestPipeline pipeline, @TempDir Path dir) throws IOException {
    Path catalogue = dir.resolve("clean.csv");
    Files.writeString(catalogue, String.join("\n", CLEAN_CATALOGUE), StandardCharsets.UTF_8);

    PCollectionTuple read = pipeline.apply(readCatalogue(catalogue));

    PAssert.that(read.get(ReadCatalogue.EPISODES)).containsInAnyOrder(EPISODES_OF_CLEAN_CATALOGUE);
    PAssert.that(read.get(ReadCatalogue.BAD_ROWS)).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aCatalogueWhoseHeaderBecameUnusableFailsTheRunNamingTheFile(
      TestPipeline pipeline, @TempDir Path dir) throws IOException {
    Path catalogue = dir.resolve("no-topic.csv");
    Files.writeString(catalogue, "id,story\nfox,The fox curls up.\n", StandardCharsets.UTF_8);

    pipeline.apply(readCatalogue(catalogue));

    Pipeline.PipelineExecutionException failure =
        assertThrows(Pipeline.PipelineExecutionException.class, pipeline::run);
    assertThat(failure.getMessage(), containsString("no-topic.csv"));
    assertThat(failure.getMessage(), containsString("lacks required column(s) topic"));
  }

  private static ReadCatalogue readCatalogue(Path catalogue) {
    return new ReadCatalogue(catalogue.toString(), TOPICS_WITH_BACKGROUNDS, KNOWN_VOICES);
  }
}
