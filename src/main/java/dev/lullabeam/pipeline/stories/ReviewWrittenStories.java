package dev.lullabeam.pipeline.stories;

import dev.lullabeam.values.EpisodeRequest;
import dev.lullabeam.lib.quality.GateResult;
import dev.lullabeam.lib.quality.StoryGate;
import dev.lullabeam.lib.stories.StoryInfo;
import dev.lullabeam.lib.pace.Pace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Runs the story quality gate over stories the catalogue gives. A human wrote them, so they are
 * narrated as written whatever the verdict; what the gate objects to becomes a warning in the
 * report ({@link #WARNINGS}), and the scores go into the episode's JSON.
 */
public class ReviewWrittenStories
    extends PTransform<PCollection<EpisodeRequest>, PCollectionTuple> {

  public static final TupleTag<EpisodeRequest> REVIEWED = new TupleTag<EpisodeRequest>() {};
  /** episode id → what the gate objected to. */
  public static final TupleTag<KV<String, List<String>>> WARNINGS =
      new TupleTag<KV<String, List<String>>>() {};

  private final StoryGate gate;

  public ReviewWrittenStories(StoryGate gate) {
    this.gate = gate;
  }

  @Override
  public PCollectionTuple expand(PCollection<EpisodeRequest> stories) {
    return stories.apply(
        "CheckQuality",
        ParDo.of(new ReviewFn(gate)).withOutputTags(REVIEWED, TupleTagList.of(WARNINGS)));
  }

  static class ReviewFn extends DoFn<EpisodeRequest, EpisodeRequest> {
    private final StoryGate gate;
    private final Counter warned = Metrics.counter("lullabeam", "written_stories_with_warnings");

    ReviewFn(StoryGate gate) {
      this.gate = gate;
    }

    @ProcessElement
    public void process(@Element EpisodeRequest request, MultiOutputReceiver out) {
      GateResult verdict = gate.check(request.story());
      out.get(REVIEWED).output(request.withStory(request.story(), new StoryInfo.Reviewed(verdict)));
      List<String> warnings = new ArrayList<>();
      if (!verdict.accepted()) {
        warnings.addAll(verdict.reasons());
      }
      lengthWarning(request).ifPresent(warnings::add);
      if (!warnings.isEmpty()) {
        warned.inc();
        out.get(WARNINGS).output(KV.of(request.id(), warnings));
      }
    }

    /** A written story far from the episode's target length (at its pace) is narrated anyway. */
    private static Optional<String> lengthWarning(EpisodeRequest request) {
      if (request.targetMinutes() == null || request.wordsPerMinute() == null) {
        return Optional.empty();
      }
      return Pace.lengthWarning(
          Pace.words(request.story()), request.targetMinutes(), request.wordsPerMinute());
    }
  }
}
