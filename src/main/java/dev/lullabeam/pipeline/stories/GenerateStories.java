package dev.lullabeam.pipeline.stories;

import dev.lullabeam.lib.pace.Pace;
import dev.lullabeam.lib.quality.StoryGate;
import dev.lullabeam.lib.random.SplitMix64;
import dev.lullabeam.lib.stories.GatedStoryWriter;
import dev.lullabeam.lib.stories.GenerationFailure;
import dev.lullabeam.lib.stories.StoryInfo;
import dev.lullabeam.lib.stories.StoryLength;
import dev.lullabeam.lib.stories.StoryModel;
import dev.lullabeam.pipeline.metrics.ModelLoadMetrics;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.EpisodeRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Has the language model write a story for each row that gives only a prompt, and the quality
 * gate judge it; a rejected story is written again with a seed derived from the episode's seed and
 * the attempt number. Emits requests with their story ({@link #WRITTEN}), episodes whose every
 * attempt was rejected ({@link #REJECTED}) and episodes the model could not write for at all
 * ({@link #FAILED}, e.g. a prompt longer than the model's context).
 *
 * <p>A row with a {@code brief} instead of a prompt is written by an instruct model: the brief,
 * put into the brief template, is a user message the model answers through its chat template
 * (after the model's brief system prompt), and the answer alone is the story. A model without a
 * chat template fails such a row, naming why.
 *
 * <p>Prompts are split into {@code shards} groups, each written by one DoFn call. On the
 * DirectRunner that keeps every worker thread in a long call: an idle one spins (Beam issue
 * #18070), taking the CPU the model needs. Every group of a JVM shares one model, whose batches
 * mix the prompts of all groups.
 */
public class GenerateStories extends PTransform<PCollection<EpisodeRequest>, PCollectionTuple> {
  private static final Logger LOG = LoggerFactory.getLogger(GenerateStories.class);


  public static final TupleTag<EpisodeRequest> WRITTEN = new TupleTag<EpisodeRequest>() {};
  public static final TupleTag<EpisodeOutcome> REJECTED = new TupleTag<EpisodeOutcome>() {};
  public static final TupleTag<EpisodeOutcome> FAILED = new TupleTag<EpisodeOutcome>() {};

  static final String PROMPT_PLACEHOLDER = "{prompt}";
  static final String TITLE_PLACEHOLDER = "{title}";
  static final String BRIEF_PLACEHOLDER = "{brief}";
  /** Used when the season gives no brief template. */
  public static final String DEFAULT_BRIEF_TEMPLATE = "Write a bedtime story titled \"{title}\": {brief}";

  private final StoryModel model;
  private final StoryGate gate;
  private final String template;
  private final long seasonSeed;
  private final int maxAttempts;
  private final int shards;
  private String briefTemplate = DEFAULT_BRIEF_TEMPLATE;

  /**
   * @param shards prompts are split into this many groups, each written by one worker thread; 1
   *     keeps every prompt in one group, more spread them over workers
   * @param template text around the catalogue's prompt, with {@code {prompt}} (and optionally
   *     {@code {title}}) in it; only the prompt and what follows it become the story
   * @param seasonSeed seeds episodes that give none: mixed with the episode id
   */
  public GenerateStories(
      StoryModel model,
      StoryGate gate,
      String template,
      long seasonSeed,
      int maxAttempts,
      int shards) {
    if (!template.contains(PROMPT_PLACEHOLDER)) {
      throw new IllegalArgumentException("the prompt template has no " + PROMPT_PLACEHOLDER);
    }
    this.model = model;
    this.gate = gate;
    this.template = template;
    this.seasonSeed = seasonSeed;
    this.maxAttempts = maxAttempts;
    this.shards = shards;
  }

  /**
   * The user message around each brief: a text with {@code {brief}} and optionally {@code {title}}
   * (e.g. prompts/brief-template.txt).
   */
  public GenerateStories withBriefTemplate(String template) {
    if (!template.contains(BRIEF_PLACEHOLDER)) {
      throw new IllegalArgumentException("the brief template has no " + BRIEF_PLACEHOLDER);
    }
    this.briefTemplate = template;
    return this;
  }

  /** The episode's seed: the catalogue's, or one derived from the season seed and the id. */
  public static long episodeSeed(EpisodeRequest request, long seasonSeed) {
    if (request.seed() != null) {
      return request.seed();
    }
    long idHash = 1125899906842597L;
    for (byte b : request.id().getBytes(StandardCharsets.UTF_8)) {
      idHash = 31 * idHash + b;
    }
    return SplitMix64.mix(seasonSeed ^ SplitMix64.mix(idHash));
  }

  static String fillTemplate(String template, EpisodeRequest request) {
    return template
        .replace(TITLE_PLACEHOLDER, request.title())
        .replace(PROMPT_PLACEHOLDER, request.prompt().strip())
        .stripTrailing();
  }

  /** The model's prompt: the prompt template around a prompt, or the brief template around a brief. */
  public static String promptFor(String template, String briefTemplate, EpisodeRequest request) {
    if (request.prompt() != null || request.brief() == null) {
      return fillTemplate(template, request);
    }
    return briefTemplate
        .replace(TITLE_PLACEHOLDER, request.title())
        .replace(BRIEF_PLACEHOLDER, request.brief().strip())
        .strip();
  }

  /** Whether the request is a brief for an instruct model to answer (not a prompt to continue). */
  public static boolean isBrief(EpisodeRequest request) {
    return request.prompt() == null && request.brief() != null;
  }

  /** The story's target length in words (minutes × words per minute), or 0 when it has none. */
  public static int targetWords(EpisodeRequest request) {
    if (request.targetMinutes() == null || request.wordsPerMinute() == null) {
      return 0;
    }
    return Pace.targetWords(request.targetMinutes(), request.wordsPerMinute());
  }

  /**
   * Words the model still has to write: the target, less the catalogue's prompt for a prompt row
   * (the story begins with it); at least a quarter of the target, 0 when there is no target.
   */
  public static int wordsToWrite(EpisodeRequest request, int targetWords) {
    if (targetWords <= 0) {
      return 0;
    }
    int given = isBrief(request) ? 0 : Pace.words(request.prompt());
    return Math.max(targetWords - given, (targetWords + 3) / 4);
  }

  /** The story: the catalogue's prompt and what the model wrote after it. */
  static String storyFrom(EpisodeRequest request, String generated) {
    if (isBrief(request)) {
      return generated.strip(); // the answer to a brief is the whole story
    }
    return (request.prompt().strip() + generated).strip();
  }

  @Override
  public PCollectionTuple expand(PCollection<EpisodeRequest> prompts) {
    int groups = shards;
    return prompts
        .apply(
            "ShardPrompts",
            WithKeys.of((EpisodeRequest r) -> Math.floorMod(r.id().hashCode(), groups))
                .withKeyType(TypeDescriptors.integers()))
        .apply("GroupPrompts", GroupByKey.create())
        .apply(
            "WriteAndCheck",
            ParDo.of(new GenerateFn(model, gate, template, briefTemplate, seasonSeed, maxAttempts))
                .withOutputTags(WRITTEN, TupleTagList.of(REJECTED).and(FAILED)));
  }

  /**
   * Writes the stories of one group of prompts in rounds: attempt 1 of every prompt together,
   * then the next attempt of those the gate rejected, so that the shared model gets them as
   * batches. Everything, outputs and metrics, happens on the DoFn's own thread.
   */
  static class GenerateFn extends DoFn<KV<Integer, Iterable<EpisodeRequest>>, EpisodeRequest> {
    private final StoryModel model;
    private final StoryGate gate;
    private final String template;
    private final String briefTemplate;
    private final long seasonSeed;
    private final int maxAttempts;
    private final Counter attemptsCounter = Metrics.counter("lullabeam", "story_attempts");
    private final Counter rejectedCounter = Metrics.counter("lullabeam", "stories_rejected");
    private final Counter tokensCounter = Metrics.counter("lullabeam", "tokens_generated");

    private transient StoryModel.Session session;

    GenerateFn(StoryModel model, StoryGate gate, String template, String briefTemplate, long seasonSeed,
        int maxAttempts) {
      this.model = model;
      this.gate = gate;
      this.template = template;
      this.briefTemplate = briefTemplate;
      this.seasonSeed = seasonSeed;
      this.maxAttempts = maxAttempts;
    }

    @Setup
    public void setup() {
      session = model.open();
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<EpisodeRequest>> group, MultiOutputReceiver out)
        throws InterruptedException {
      List<EpisodeRequest> requests = new ArrayList<>();
      group.getValue().forEach(requests::add);
      List<Long> seeds = new ArrayList<>();
      List<String> prompts = new ArrayList<>();
      List<StoryGate> gates = new ArrayList<>();
      List<Integer> wordsToWrite = new ArrayList<>();
      for (EpisodeRequest request : requests) {
        seeds.add(episodeSeed(request, seasonSeed));
        prompts.add(promptFor(template, briefTemplate, request));
        int target = targetWords(request);
        gates.add(target > 0 ? gate.withSettings(StoryLength.gateBounds(gate.settings(), target)) : gate);
        wordsToWrite.add(wordsToWrite(request, target));
      }
      Counter loads = ModelLoadMetrics.counter(model.name());
      List<GatedStoryWriter.Outcome> outcomes =
          new GatedStoryWriter(gates::get, GatedStoryWriter.SeedSchedule.splitMix(), maxAttempts)
              .write(
                  seeds,
                  round -> {
                    List<StoryModel.Prompt> batch = new ArrayList<>();
                    round.forEach(d -> batch.add(new StoryModel.Prompt(prompts.get(d.episode()), d.seed(),
                        isBrief(requests.get(d.episode())), wordsToWrite.get(d.episode()))));
                    List<StoryModel.Written> written = session.write(batch, loads::inc);
                    // The gate judges the story as narrated: the catalogue's prompt, then the model's text.
                    List<StoryModel.Written> stories = new ArrayList<>();
                    for (int i = 0; i < round.size(); i++) {
                      StoryModel.Written w = written.get(i);
                      EpisodeRequest request = requests.get(round.get(i).episode());
                      stories.add(w.failure() != null ? w : w.withText(storyFrom(request, w.text())));
                    }
                    return stories;
                  });
      for (int i = 0; i < requests.size(); i++) {
        emit(requests.get(i), prompts.get(i), outcomes.get(i), out);
      }
    }

    private void emit(
        EpisodeRequest request, String prompt, GatedStoryWriter.Outcome outcome, MultiOutputReceiver out) {
      List<GatedStoryWriter.Attempt> attempts = outcome.attempts();
      attemptsCounter.inc(attempts.size());
      tokensCounter.inc(attempts.stream().mapToLong(GatedStoryWriter.Attempt::tokensGenerated).sum());
      if (outcome.story().isPresent()) {
        out.get(WRITTEN)
            .output(request.withStory(outcome.story().get(), StoryInfo.Generated.of(model, prompt, outcome)));
      } else if (outcome.neverWritten()) {
        GenerationFailure failure = attempts.get(attempts.size() - 1).failure();
        LOG.warn("Episode {}: no story could be written: {}", request.id(), failure.describe());
        out.get(FAILED)
            .output(
                EpisodeOutcome.failed(
                    request.id(), request.line(), "story generation failed: " + failure.describe(),
                    new EpisodeOutcome.Cause(failure.error(), failure.message(), failure.stack())));
      } else {
        rejectedCounter.inc();
        out.get(REJECTED)
            .output(
                EpisodeOutcome.rejected(request.id(), request.line(), rejection(attempts))
                    .withStoryAttempts(attempts.size()));
      }
    }

    @Teardown
    public void teardown() {
      if (session != null) {
        session.close();
      }
    }
  }

  /** "every story was rejected (3 attempts): attempt 1: reason; reason | attempt 2: …". */
  static String rejection(List<GatedStoryWriter.Attempt> attempts) {
    StringBuilder reason =
        new StringBuilder("every story was rejected (" + attempts.size() + " attempts)");
    for (GatedStoryWriter.Attempt attempt : attempts) {
      reason.append(attempt.attempt() == 1 ? ": " : " | ")
          .append("attempt ").append(attempt.attempt()).append(": ")
          .append(String.join("; ", attempt.reasons()));
    }
    return reason.toString();
  }
}
