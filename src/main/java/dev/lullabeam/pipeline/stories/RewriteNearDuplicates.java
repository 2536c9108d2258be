package dev.lullabeam.pipeline.stories;

import dev.lullabeam.lib.stories.StoryLength;
import dev.lullabeam.lib.stories.StoryModel;

import dev.lullabeam.values.EpisodeRequest;
import dev.lullabeam.lib.stories.GatedStoryWriter;
import dev.lullabeam.lib.quality.NearDuplicateDetector;
import dev.lullabeam.lib.quality.StoryGate;
import dev.lullabeam.lib.stories.StoryInfo;
import dev.lullabeam.pipeline.metrics.ModelLoadMetrics;
import dev.lullabeam.values.EpisodeOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Season-level near-copies: when two generated stories share most of their word 5-grams (MinHash
 * estimate of shingle Jaccard at or above the detector's threshold), the later one by id is
 * written once more with the next seed of its schedule; if the new story is still a near copy, or
 * fails the gate, the episode is rejected naming the other episode.
 */
public class RewriteNearDuplicates
    extends PTransform<PCollection<EpisodeRequest>, PCollectionTuple> {

  public static final TupleTag<EpisodeRequest> KEPT = new TupleTag<EpisodeRequest>() {};
  public static final TupleTag<EpisodeOutcome> REJECTED = new TupleTag<EpisodeOutcome>() {};

  private final StoryModel model;
  private final StoryGate gate;
  private final NearDuplicateDetector detector;

  public RewriteNearDuplicates(StoryModel model, StoryGate gate, NearDuplicateDetector detector) {
    this.model = model;
    this.gate = gate;
    this.detector = detector;
  }

  @Override
  public PCollectionTuple expand(PCollection<EpisodeRequest> stories) {
    PCollection<KV<String, String>> byId =
        stories.apply(
            "StoryById",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                .via((EpisodeRequest r) -> KV.of(r.id(), r.story())));
    PCollectionView<Map<String, String>> allStories = byId.apply("AllStories", View.asMap());
    PCollectionView<Map<String, KV<String, Double>>> copies =
        byId.apply("OneGroup", WithKeys.of("season"))
            .apply("GatherStories", GroupByKey.create())
            .apply("FindCopies", ParDo.of(new FindCopiesFn(detector)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of())))
            .apply("CopiesByLaterId", View.asMap());
    return stories.apply(
        "RewriteCopies",
        ParDo.of(new RewriteFn(model, gate, detector, allStories, copies))
            .withSideInputs(allStories, copies)
            .withOutputTags(KEPT, TupleTagList.of(REJECTED)));
  }

  /** With every story in view, finds for each the earlier (by id) story it nearly copies. */
  static class FindCopiesFn
      extends DoFn<KV<String, Iterable<KV<String, String>>>, KV<String, KV<String, Double>>> {
    private final NearDuplicateDetector detector;

    FindCopiesFn(NearDuplicateDetector detector) {
      this.detector = detector;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<KV<String, String>>> season,
        OutputReceiver<KV<String, KV<String, Double>>> out) {
      TreeMap<String, String> stories = new TreeMap<>();
      season.getValue().forEach(story -> stories.put(story.getKey(), story.getValue()));
      detector
          .findNearDuplicates(stories)
          .forEach((later, match) -> out.output(KV.of(later, KV.of(match.earlierId(), match.similarity()))));
    }
  }

  /**
   * Writes the later story of a near-copy pair once more with the next seed of its schedule, and
   * keeps it if the gate accepts it and it no longer copies the other.
   */
  static class RewriteFn extends DoFn<EpisodeRequest, EpisodeRequest> {
    private final StoryModel model;
    private final StoryGate gate;
    private final NearDuplicateDetector detector;
    private final PCollectionView<Map<String, String>> allStories;
    private final PCollectionView<Map<String, KV<String, Double>>> copies;

    private transient StoryModel.Session session;

    RewriteFn(
        StoryModel model,
        StoryGate gate,
        NearDuplicateDetector detector,
        PCollectionView<Map<String, String>> allStories,
        PCollectionView<Map<String, KV<String, Double>>> copies) {
      this.model = model;
      this.gate = gate;
      this.detector = detector;
      this.allStories = allStories;
      this.copies = copies;
    }

    @Setup
    public void setup() {
      session = model.open();
    }

    @ProcessElement
    public void process(
        @Element EpisodeRequest request, MultiOutputReceiver out, ProcessContext context)
        throws InterruptedException {
      KV<String, Double> copy = context.sideInput(copies).get(request.id());
      if (copy == null) {
        out.get(KEPT).output(request);
        return;
      }
      String other = copy.getKey();
      String otherStory = context.sideInput(allStories).get(other);
      StoryInfo.Generated info = (StoryInfo.Generated) request.storyInfo();
      int attempt = info.attempts().size() + 1;
      long seed = GatedStoryWriter.SeedSchedule.splitMix().seedFor(info.episodeSeed(), attempt);
      String why =
          String.format(Locale.ROOT, "near copy of episode %s (similarity %.2f)", other, copy.getValue());
      int target = GenerateStories.targetWords(request);
      StoryModel.Written written =
          session
              .write(
                  List.of(new StoryModel.Prompt(info.prompt(), seed, GenerateStories.isBrief(request),
                      GenerateStories.wordsToWrite(request, target))),
                  ModelLoadMetrics.counter(model.name())::inc)
              .get(0);
      if (written.failure() == null) {
        written = written.withText(GenerateStories.storyFrom(request, written.text()));
      }
      GatedStoryWriter.Attempt judged = GatedStoryWriter.Attempt.judge(
          target > 0 ? gate.withSettings(StoryLength.gateBounds(gate.settings(), target)) : gate,
          attempt, seed, written);
      List<String> reasons = new ArrayList<>(judged.reasons());
      if (judged.failure() == null) {
        double similarity =
            NearDuplicateDetector.estimatedSimilarity(
                detector.signature(judged.story()), detector.signature(otherStory));
        if (similarity >= detector.threshold()) {
          reasons.add(String.format(Locale.ROOT, "season:near_duplicate of %s %.2f", other, similarity));
        }
      }
      boolean kept = judged.accepted() && reasons.isEmpty();
      GatedStoryWriter.Attempt rewrite =
          new GatedStoryWriter.Attempt(
              attempt, seed, judged.story(), kept, reasons, judged.scores(),
              judged.tokensGenerated(), judged.seconds(), judged.failure(), judged.tokenBudget(),
              judged.finishReason());
      StoryInfo.Generated rewritten = info.rewritten(rewrite, why);
      if (kept) {
        out.get(KEPT).output(request.withStory(rewrite.story(), rewritten));
        return;
      }
      out.get(REJECTED)
          .output(
              EpisodeOutcome.rejected(
                      request.id(), request.line(),
                      why + "; written again, still rejected: " + String.join("; ", reasons))
                  .withStoryAttempts(rewritten.storyAttempts()));
    }

    @Teardown
    public void teardown() {
      if (session != null) {
        session.close();
      }
    }
  }
}
