package dev.lullabeam.pipeline.write;

import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.EpisodeOutcomeCoder;
import dev.lullabeam.pipeline.write.SeasonReport;
import java.io.IOException;
import java.util.ArrayList;
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
 */
public class WriteReport extends PTransform<PCollection<EpisodeOutcome>, PCollection<String>> {

  private final String output;
  private final SeasonReport.RunInfo run;
  private final PCollectionView<Map<String, List<String>>> warnings;

  /** @param warnings episode id → warnings about its story (reported, not fatal) */
  public WriteReport(
      String output,
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
    private final String output;
    private final SeasonReport.RunInfo run;
    private final PCollectionView<Map<String, List<String>>> warnings;

    WriteReportFn(
        String output,
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
      OutputFiles.writeAtomically(OutputFiles.reportFile(output), report, "application/json");
      out.output(OutputFiles.reportFile(output).toString());
    }
  }
}
