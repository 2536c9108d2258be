package dev.lullabeam.pipeline.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lullabeam.lib.storage.SeasonStorage;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.EpisodeOutcomeCoder;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Gathers every row's outcome and writes report.json once all are in. Combining globally yields
 * one (possibly empty) list even for a catalogue without a single good row, so there is always a
 * report. The launcher adds the model loads from the run's metrics afterwards ({@link
 * SeasonReport#withModelLoads}).
 *
 * <p>Before the run the launcher {@linkplain #reserve reserves} the report's room on disk with a
 * placeholder larger than the report will be: if the episodes fill the disk, the report replaces
 * the placeholder in the room it frees ({@link OutputFiles#replaceMakingRoom}), so the failed rows
 * are still reported.
 */
public class WriteReport extends PTransform<PCollection<EpisodeOutcome>, PCollection<String>> {

  /**
   * Room held per catalogue row: more than a row's entry takes with a failure's class, message
   * and stack, or every reason of a rejected story.
   */
  static final int RESERVED_BYTES_PER_ROW = 2048;
  /** Room held for the season's totals, model loads and warnings. */
  static final int RESERVED_BYTES = 16 * 1024;

  private final OutputLocation output;
  private final SeasonReport.RunInfo run;
  private final PCollectionView<Map<String, List<String>>> warnings;

  /** @param warnings episode id → warnings about its story (reported, not fatal) */
  public WriteReport(
      OutputLocation output,
      SeasonReport.RunInfo run,
      PCollectionView<Map<String, List<String>>> warnings) {
    this.output = output;
    this.run = run;
    this.warnings = warnings;
  }

  @Override
  public PCollection<String> expand(PCollection<EpisodeOutcome> outcomes) {
    return outcomes
        .apply("CountFinished", ParDo.of(new CountFinishedFn()))
        .apply("GatherOutcomes", Combine.globally(new ToListFn()))
        .setCoder(ListCoder.of(EpisodeOutcomeCoder.of()))
        .apply(
            "WriteReportJson",
            ParDo.of(new WriteReportFn(output, run, warnings)).withSideInputs(warnings));
  }

  /**
   * Writes report.json as a placeholder that says the season is running, padded to hold the room
   * the finished report of {@code rows} catalogue rows will need.
   */
  public static void reserve(OutputLocation output, String season, long rows) throws IOException {
    byte[] json =
        seasonStatus(
            season, "running", "note",
            "the season is running: its report replaces this file, which holds room for it");
    int size = (int) Math.min(Integer.MAX_VALUE, RESERVED_BYTES + rows * RESERVED_BYTES_PER_ROW);
    byte[] padded = Arrays.copyOf(json, Math.max(json.length + 1, size));
    Arrays.fill(padded, json.length, padded.length, (byte) ' '); // trailing blanks: still JSON
    padded[padded.length - 1] = '\n';
    try (SeasonStorage storage = output.open()) {
      OutputFiles.replaceMakingRoom(storage, OutputLocation.REPORT, padded, "application/json");
    }
  }

  /** Replaces the placeholder by one saying that the pipeline failed, and why. */
  public static void pipelineFailed(OutputLocation output, String season, String reason)
      throws IOException {
    try (SeasonStorage storage = output.open()) {
      OutputFiles.replaceMakingRoom(
          storage, OutputLocation.REPORT, seasonStatus(season, "failed", "reason", reason),
          "application/json");
    }
  }

  private static byte[] seasonStatus(String season, String status, String field, String text)
      throws IOException {
    ObjectNode json = EpisodeJson.JSON.createObjectNode();
    json.put("season", season);
    json.put("status", status);
    json.put("at", Instant.now().toString());
    json.put(field, text);
    return EpisodeJson.JSON.writeValueAsBytes(json);
  }

  static class CountFinishedFn extends DoFn<EpisodeOutcome, EpisodeOutcome> {
    private final Counter done = Metrics.counter("lullabeam", "episodes_done");
    private final Counter failed = Metrics.counter("lullabeam", "episodes_failed");

    @ProcessElement
    public void process(@Element EpisodeOutcome outcome, OutputReceiver<EpisodeOutcome> out) {
      if (outcome.status() != EpisodeOutcome.Status.BAD_ROW) {
        done.inc();
      }
      if (outcome.status() == EpisodeOutcome.Status.FAILED) {
        failed.inc();
      }
      out.output(outcome);
    }
  }

  static class ToListFn
      extends Combine.CombineFn<EpisodeOutcome, List<EpisodeOutcome>, List<EpisodeOutcome>> {
    @Override
    public List<EpisodeOutcome> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<EpisodeOutcome> addInput(List<EpisodeOutcome> list, EpisodeOutcome outcome) {
      list.add(outcome);
      return list;
    }

    @Override
    public List<EpisodeOutcome> mergeAccumulators(Iterable<List<EpisodeOutcome>> lists) {
      List<EpisodeOutcome> merged = new ArrayList<>();
      lists.forEach(merged::addAll);
      return merged;
    }

    @Override
    public List<EpisodeOutcome> extractOutput(List<EpisodeOutcome> list) {
      return list;
    }
  }

  static class WriteReportFn extends DoFn<List<EpisodeOutcome>, String> {
    private final OutputLocation output;
    private final SeasonReport.RunInfo run;
    private final PCollectionView<Map<String, List<String>>> warnings;

    WriteReportFn(
        OutputLocation output,
        SeasonReport.RunInfo run,
        PCollectionView<Map<String, List<String>>> warnings) {
      this.output = output;
      this.run = run;
      this.warnings = warnings;
    }

    @ProcessElement
    public void process(
        @Element List<EpisodeOutcome> outcomes, OutputReceiver<String> out, ProcessContext context)
        throws IOException {
      byte[] report =
          SeasonReport.build(outcomes, context.sideInput(warnings), run, System.currentTimeMillis());
      try (SeasonStorage storage = output.open()) {
        OutputFiles.replaceMakingRoom(storage, OutputLocation.REPORT, report, "application/json");
        out.output(storage.location(OutputLocation.REPORT));
      }
    }
  }
}
