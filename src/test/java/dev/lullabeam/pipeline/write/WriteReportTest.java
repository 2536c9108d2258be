package dev.lullabeam.pipeline.write;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.EpisodeOutcomeCoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class WriteReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  private SeasonReport.RunInfo run(String output) {
    return new SeasonReport.RunInfo("Test Season", "cat.csv", output, "DirectRunner", 0L);
  }

  private static PCollectionView<Map<String, List<String>>> warnings(
      TestPipeline pipeline, Map<String, List<String>> byId) {
    return pipeline
        .apply(
            "Warnings",
            Create.of(byId)
                .withCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(StringUtf8Coder.of()))))
        .apply(View.asMap());
  }

  @Test
  void writesOneEntryPerOutcomeWithTheStoryWarnings(TestPipeline pipeline) throws Exception {
    String output = work.resolve("out").toString();
    PCollection<String> written =
        pipeline
            .apply(
                "Outcomes",
                Create.of(
                    EpisodeOutcome.ok("fox", 2, 10, 60.0),
                    EpisodeOutcome.badRow(null, 3, "missing id"),
                    EpisodeOutcome.failed("owl", 4, "mixing failed", new IllegalStateException())))
            .apply(
                new WriteReport(
                    OutputLocation.of(output), run(output),
                    warnings(pipeline, Map.of("fox", List.of("short")))));

    PAssert.that(written).containsInAnyOrder(work.resolve("out/report.json").toString());
    pipeline.run().waitUntilFinish();

    JsonNode report = JSON.readTree(work.resolve("out/report.json").toFile());
    assertThat(report.path("totals").path("rows").asInt(), is(3));
    JsonNode episodes = report.path("episodes");
    assertThat(episodes.get(0).path("warnings").get(0).asText(), is("short"));
    assertThat(episodes.get(1).path("status").asText(), is("bad_row"));
    assertThat(
        episodes.get(2).path("error").path("class").asText(),
        is("java.lang.IllegalStateException"));
    // Filled in by the launcher from the run's metrics.
    assertThat(report.path("model_loads_per_jvm").size(), is(0));
  }

  @Test
  void aSeasonWithoutOutcomesStillHasAReport(TestPipeline pipeline) throws Exception {
    String output = work.resolve("empty").toString();
    pipeline
        .apply("NoOutcomes", Create.empty(EpisodeOutcomeCoder.of()))
        .apply(new WriteReport(OutputLocation.of(output), run(output), warnings(pipeline, Map.of())));
    pipeline.run().waitUntilFinish();

    JsonNode report = JSON.readTree(work.resolve("empty/report.json").toFile());
    assertThat(report.path("totals").path("rows").asInt(), is(0));
    assertThat(report.path("episodes").size(), is(0));
  }

  @Test
  void theReservedRoomHoldsTheReportWhenTheEpisodesFilledTheDisk(TestPipeline pipeline)
      throws Exception {
    Path out = work.resolve("full");
    String output = QuotaFileSystem.uri(out);
    List<EpisodeOutcome> outcomes = new ArrayList<>();
    for (int line = 2; line < 12; line++) {
      outcomes.add(
          EpisodeOutcome.failed(
              "ep" + line, line, "writing outputs failed", new IOException("No space left on device")));
    }
    WriteReport.reserve(OutputLocation.of(output), "Test Season", outcomes.size());
    JsonNode placeholder = JSON.readTree(out.resolve("report.json").toFile());
    assertThat(placeholder.path("status").asText(), is("running"));

    // The episodes took every byte but the placeholder's: the report fits only in its place.
    try (AutoCloseable quota = QuotaFileSystem.limit(out, Files.size(out.resolve("report.json")))) {
      pipeline
          .apply("Outcomes", Create.of(outcomes))
          .apply(new WriteReport(OutputLocation.of(output), run(output), warnings(pipeline, Map.of())));
      pipeline.run().waitUntilFinish();
    }

    JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
    assertThat(report.path("totals").path("failed").asInt(), is(10));
    assertThat(
        report.path("episodes").get(9).path("reason").asText(),
        is("writing outputs failed: No space left on device"));
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList(), contains("report.json"));
    }
  }

  @Test
  void aFailedPipelineReplacesThePlaceholderWithWhy() throws IOException {
    String output = work.resolve("failed").toString();
    WriteReport.reserve(OutputLocation.of(output), "Test Season", 3);
    WriteReport.pipelineFailed(OutputLocation.of(output), "Test Season", "the pipeline failed: OutOfMemoryError: x");

    JsonNode report = JSON.readTree(work.resolve("failed/report.json").toFile());
    assertThat(report.path("status").asText(), is("failed"));
    assertThat(report.path("reason").asText(), is("the pipeline failed: OutOfMemoryError: x"));
  }
}
