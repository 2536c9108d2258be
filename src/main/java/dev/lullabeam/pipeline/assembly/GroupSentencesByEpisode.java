package dev.lullabeam.pipeline.assembly;

import static java.util.stream.Collectors.joining;

import dev.lullabeam.values.EpisodePlan;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.SpeechFailure;
import dev.lullabeam.values.SpokenEpisode;
import dev.lullabeam.values.SpokenSentence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Regroups the spoken sentences by episode, in story order. An episode goes on only when every
 * planned sentence arrived; a speech failure or a missing sentence makes it a failed outcome that
 * says which. Only references to the stored audio are grouped ({@link SpokenSentence}): the
 * audio is read back where the episode is assembled and mixed ({@link EpisodeNarration}).
 */
public class GroupSentencesByEpisode
    extends PTransform<KeyedPCollectionTuple<String>, PCollectionTuple> {

  /** Input: episode id → plan. */
  public static final TupleTag<EpisodePlan> PLAN = new TupleTag<EpisodePlan>() {};
  /** Input: episode id → one spoken sentence. */
  public static final TupleTag<SpokenSentence> SPOKEN = new TupleTag<SpokenSentence>() {};
  /** Input: episode id → why a sentence could not be spoken. */
  public static final TupleTag<SpeechFailure> SPEECH_FAILED = new TupleTag<SpeechFailure>() {};

  /** Episodes whose every sentence was spoken. */
  public static final TupleTag<SpokenEpisode> COMPLETE = new TupleTag<SpokenEpisode>() {};
  public static final TupleTag<EpisodeOutcome> FAILED = new TupleTag<EpisodeOutcome>() {};

  @Override
  public PCollectionTuple expand(KeyedPCollectionTuple<String> input) {
    return input
        .apply("GroupByEpisode", CoGroupByKey.create())
        .apply(
            "CheckEverySentenceSpoken",
            ParDo.of(new CheckSentencesFn()).withOutputTags(COMPLETE, TupleTagList.of(FAILED)));
  }

  static class CheckSentencesFn extends DoFn<KV<String, CoGbkResult>, SpokenEpisode> {
    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> grouped, MultiOutputReceiver out) {
      String id = grouped.getKey();
      CoGbkResult result = grouped.getValue();
      EpisodePlan plan = result.getOnly(PLAN, null);
      if (plan == null) {
        return; // sentences of an episode that already failed earlier; nothing to assemble
      }
      List<SpokenSentence> spoken = new ArrayList<>();
      result.getAll(SPOKEN).forEach(spoken::add);
      List<SpeechFailure> failures = new ArrayList<>();
      result.getAll(SPEECH_FAILED).forEach(failures::add);
      long line = plan.request().line();
      if (!failures.isEmpty()) {
        // Every sentence's reason; the error of the first, in a stable order.
        failures.sort(Comparator.comparing(SpeechFailure::reason));
        String reasons = failures.stream().map(SpeechFailure::reason).collect(joining("; "));
        out.get(FAILED)
            .output(
                EpisodeOutcome.failed(id, line, reasons, failures.get(0).error())
                    .withSpeech(spokenNow(spoken), spoken.size() - spokenNow(spoken)));
        return;
      }
      spoken.sort(Comparator.comparingInt(SpokenSentence::index));
      TreeSet<Integer> missing = new TreeSet<>();
      for (int i = 0; i < plan.sentenceCount(); i++) {
        missing.add(i);
      }
      spoken.forEach(s -> missing.remove(s.index()));
      if (!missing.isEmpty() || spoken.size() != plan.sentenceCount()) {
        out.get(FAILED)
            .output(
                EpisodeOutcome.failed(
                    id,
                    line,
                    "expected " + plan.sentenceCount() + " spoken sentences, got " + spoken.size()
                        + (missing.isEmpty() ? "" : "; missing sentence(s) " + missing))
                    .withSpeech(spokenNow(spoken), spoken.size() - spokenNow(spoken)));
        return;
      }
      out.get(COMPLETE).output(new SpokenEpisode(plan, spoken));
    }

    private static int spokenNow(List<SpokenSentence> sentences) {
      return (int) sentences.stream().filter(s -> !s.reused()).count();
    }
  }
}
