package dev.lullabeam.pipeline.speech;

import static org.apache.beam.sdk.values.TypeDescriptors.kvs;
import static org.apache.beam.sdk.values.TypeDescriptors.strings;

import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.SpokenSentence;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once the report is written, deletes the stored sentences no episode still needs: those of
 * episodes that ended ok and those nothing in this season refers to. Sentences of an episode that
 * failed — even after all its sentences were spoken, e.g. while mixing or writing — stay, so the
 * rerun that makes it again speaks none of them.
 *
 * <p>It is the season's last step: it runs on the report's path, which exists only when every
 * row's outcome is known, and it is not applied at all with {@code --keepWork}. A run that fails
 * or is killed never gets here and leaves the whole store for its rerun.
 */
public class CleanSpeechStore
    extends PTransform<PCollection<KV<String, SpokenSentence>>, PCollection<Integer>> {

  private static final TupleTag<String> STORED = new TupleTag<String>() {};
  private static final TupleTag<EpisodeOutcome> OUTCOME = new TupleTag<EpisodeOutcome>() {};

  private final SpeechStore store;
  private final PCollection<EpisodeOutcome> outcomes;
  private final PCollection<String> report;

  /**
   * @param outcomes every row's outcome
   * @param report the report's path, once written: the signal that the season is complete
   */
  public CleanSpeechStore(
      SpeechStore store, PCollection<EpisodeOutcome> outcomes, PCollection<String> report) {
    this.store = store;
    this.outcomes = outcomes;
    this.report = report;
  }

  /** Returns how many files were deleted. */
  @Override
  public PCollection<Integer> expand(PCollection<KV<String, SpokenSentence>> spoken) {
    PCollection<KV<String, String>> stored =
        spoken.apply(
            "StoredKeysByEpisode",
            MapElements.into(kvs(strings(), strings()))
                .via((KV<String, SpokenSentence> s) -> KV.of(s.getKey(), s.getValue().speech().key())));
    PCollection<KV<String, EpisodeOutcome>> outcomesById =
        outcomes
            .apply("EpisodesWithIds", Filter.by((EpisodeOutcome o) -> o.id() != null))
            .apply("OutcomesById", WithKeys.of(EpisodeOutcome::id).withKeyType(strings()));
    PCollectionView<List<String>> needed =
        KeyedPCollectionTuple.of(STORED, stored)
            .and(OUTCOME, outcomesById)
            .apply("GroupByEpisode", CoGroupByKey.create())
            .apply("KeysOfFailedEpisodes", ParDo.of(new NeededKeysFn()))
            .apply("NeededKeys", View.asList());
    return report.apply(
        "DeleteUnneededEntries", ParDo.of(new DeleteFn(store, needed)).withSideInputs(needed));
  }

  /** The stored keys of an episode whose outcome is not ok (a bad row repeating its id aside). */
  static class NeededKeysFn extends DoFn<KV<String, CoGbkResult>, String> {
    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> episode, OutputReceiver<String> out) {
      boolean failed = false;
      for (EpisodeOutcome o : episode.getValue().getAll(OUTCOME)) {
        if (o.status() != EpisodeOutcome.Status.OK && o.status() != EpisodeOutcome.Status.BAD_ROW) {
          failed = true;
        }
      }
      if (failed) {
        episode.getValue().getAll(STORED).forEach(out::output);
      }
    }
  }

  static class DeleteFn extends DoFn<String, Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DeleteFn.class);

    private final SpeechStore store;
    private final PCollectionView<List<String>> needed;
    private final Counter deleted = Metrics.counter("lullabeam", "speech_entries_deleted");

    DeleteFn(SpeechStore store, PCollectionView<List<String>> needed) {
      this.store = store;
      this.needed = needed;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      int count = 0;
      try {
        count = store.deleteAllBut(new HashSet<>(context.sideInput(needed)));
      } catch (IOException e) {
        // The season is complete; a store left as it is only costs disk space.
        LOG.warn("Cleaning the speech store {} failed", store.workDir(), e);
      }
      deleted.inc(count);
      context.output(count);
    }
  }
}
