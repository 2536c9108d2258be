package dev.lullabeam.pipeline.stories;

import dev.lullabeam.lib.stories.StoryModel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lullabeam.values.EpisodeRequest;
import dev.lullabeam.lib.stories.GatedStoryWriter;
import dev.lullabeam.lib.random.SplitMix64;
import dev.lullabeam.lib.quality.StoryGate;
import dev.lullabeam.values.EpisodeOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Has the language model write a story for each row that gives only a prompt, and the quality
 * gate judge it; a rejected story is written again with a seed derived from the episode's seed and
 * the attempt number. Emits requests with their story ({@link #WRITTEN}), episodes whose every
 * attempt was rejected ({@link #REJECTED}) and episodes the model could not write for at all
 * ({@link #FAILED}, e.g. a prompt longer than the model's context).
 */
public class GenerateStories extends PTransform<PCollection<EpisodeRequest>, PCollectionTuple> {

  public static final TupleTag<EpisodeRequest> WRITTEN = new TupleTag<EpisodeRequest>() {};
  public static final TupleTag<EpisodeOutcome> REJECTED = new TupleTag<EpisodeOutcome>() {};
  public static final TupleTag<EpisodeOutcome> FAILED = new TupleTag<EpisodeOutcome>() {};
  /** model → (JVM → loads so far), one observation per episode, for the report. */
  public static final TupleTag<KV<String, KV<String, Integer>>> LOADS =
      new TupleTag<KV<String, KV<String, Integer>>>() {};

  static final String PROMPT_PLACEHOLDER = "{prompt}";
  static final String TITLE_PLACEHOLDER = "{title}";
  static final String GENERATION_FAILED = "generation:failed";

  private final StoryModel model;
  private final StoryGate gate;
  private final String template;
  private final long seasonSeed;
  private final int maxAttempts;
  private final int concurrency;
  private final int shards;

  /**
   * @param concurrency stories written at once per group: the model's batch size
   * @param shards prompts are split into this many groups, each written by one worker; 1 keeps
   *     every prompt on one worker in batches as full as possible, more spread them over workers
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
      int concurrency,
      int shards) {
    if (!template.contains(PROMPT_PLACEHOLDER)) {
      throw new IllegalArgumentException("the prompt template has no " + PROMPT_PLACEHOLDER);
    }
    this.model = model;
    this.gate = gate;
    this.template = template;
    this.seasonSeed = seasonSeed;
    this.maxAttempts = maxAttempts;
    this.concurrency = concurrency;
    this.shards = shards;
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

  /** The story: the catalogue's prompt and what the model wrote after it. */
  static String storyFrom(EpisodeRequest request, String generated) {
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
        ParDo.of(new GenerateFn(model, gate, template, seasonSeed, maxAttempts, concurrency))
            .withOutputTags(WRITTEN, TupleTagList.of(REJECTED).and(FAILED).and(LOADS)));
  }

  /**
   * Writes the stories of one group of prompts concurrently, {@code concurrency} at a time, so
   * that the shared model serves them in batches; each episode's attempts still run in order.
   */
  static class GenerateFn extends DoFn<KV<Integer, Iterable<EpisodeRequest>>, EpisodeRequest> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TupleTag<Long> ATTEMPTS_METRIC = new TupleTag<>("attempts");
    private static final TupleTag<Long> TOKENS_METRIC = new TupleTag<>("tokens");
    private static final TupleTag<Long> REJECTED_METRIC = new TupleTag<>("rejected");

    private final StoryModel model;
    private final StoryGate gate;
    private final String template;
    private final long seasonSeed;
    private final int maxAttempts;
    private final int concurrency;
    private final Counter attemptsCounter = Metrics.counter("lullabeam", "story_attempts");
    private final Counter rejectedCounter = Metrics.counter("lullabeam", "stories_rejected");
    private final Counter tokensCounter = Metrics.counter("lullabeam", "tokens_generated");

    private transient ExecutorService writers;

    GenerateFn(
        StoryModel model, StoryGate gate, String template, long seasonSeed, int maxAttempts,
        int concurrency) {
      this.model = model;
      this.gate = gate;
      this.template = template;
      this.seasonSeed = seasonSeed;
      this.maxAttempts = maxAttempts;
      this.concurrency = concurrency;
    }

    @Setup
    public void setup() {
      writers =
          Executors.newFixedThreadPool(
              concurrency,
              runnable -> {
                Thread thread = new Thread(runnable, "lullabeam-story-writer");
                thread.setDaemon(true);
                return thread;
              });
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<EpisodeRequest>> group, MultiOutputReceiver out)
        throws Exception {
      List<Future<List<KV<TupleTag<?>, Object>>>> pending = new ArrayList<>();
      for (EpisodeRequest request : group.getValue()) {
        pending.add(writers.submit(() -> write(request)));
      }
      // Metrics and outputs belong to this thread, not to the writers.
      for (Future<List<KV<TupleTag<?>, Object>>> episode : pending) {
        for (KV<TupleTag<?>, Object> output : episode.get()) {
          if (output.getKey() == ATTEMPTS_METRIC) {
            attemptsCounter.inc((Long) output.getValue());
          } else if (output.getKey() == TOKENS_METRIC) {
            tokensCounter.inc((Long) output.getValue());
          } else if (output.getKey() == REJECTED_METRIC) {
            rejectedCounter.inc((Long) output.getValue());
          } else {
            @SuppressWarnings("unchecked")
            TupleTag<Object> tag = (TupleTag<Object>) output.getKey();
            out.get(tag).output(output.getValue());
          }
        }
      }
    }

    @Teardown
    public void teardown() {
      if (writers != null) {
        writers.shutdownNow();
      }
    }

    private List<KV<TupleTag<?>, Object>> write(EpisodeRequest request) throws Exception {
      List<KV<TupleTag<?>, Object>> outputs = new ArrayList<>();
      long episodeSeed = episodeSeed(request, seasonSeed);
      String prompt = fillTemplate(template, request);
      Map<Long, StoryModel.Written> bySeed = new java.util.concurrent.ConcurrentHashMap<>();
      GatedStoryWriter.Outcome outcome =
          new GatedStoryWriter(gate, GatedStoryWriter.SeedSchedule.splitMix(), maxAttempts)
              .write(
                  episodeSeed,
                  seed -> {
                    StoryModel.Written written = model.write(prompt, seed);
                    bySeed.put(seed, written);
                    return storyFrom(request, written.text);
                  });
      // Metrics live on the bundle's thread: counts travel with the outputs to finishBundle.
      outputs.add(KV.of(ATTEMPTS_METRIC, (long) outcome.attempts().size()));
      outputs.add(KV.of(TOKENS_METRIC, bySeed.values().stream().mapToLong(w -> w.tokens).sum()));
      ObjectNode info = describe(model, prompt, episodeSeed, outcome, bySeed);
      var loads = model.loads();
      loads.forEach(
          (name, perJvm) ->
              perJvm.forEach((jvm, count) -> outputs.add(KV.of(LOADS, KV.of(name, KV.of(jvm, count))))));
      if (outcome.story().isPresent()) {
        outputs.add(
            KV.of(WRITTEN, request.withStory(outcome.story().get(), JSON.writeValueAsString(info))));
        return outputs;
      }
      List<GatedStoryWriter.Attempt> attempts = outcome.attempts();
      boolean neverWritten =
          attempts.stream()
              .allMatch(a -> a.reasons().size() == 1 && a.reasons().get(0).startsWith(GENERATION_FAILED));
      if (neverWritten) {
        String last = attempts.get(attempts.size() - 1).reasons().get(0);
        outputs.add(
            KV.of(
                FAILED,
                EpisodeOutcome.failed(
                    request.id(), request.line(),
                    "story generation failed: " + last.substring(GENERATION_FAILED.length()).strip())));
        return outputs;
      }
      outputs.add(KV.of(REJECTED_METRIC, 1L));
      outputs.add(
          KV.of(
              REJECTED,
              EpisodeOutcome.rejected(request.id(), request.line(), rejection(attempts))
                  .withStoryAttempts(attempts.size())));
      return outputs;
    }
  }

  /** "rejected after 3 attempts: 1: reason; reason | 2: …" — every reason of every attempt. */
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

  static ObjectNode describe(
      StoryModel model,
      String prompt,
      long episodeSeed,
      GatedStoryWriter.Outcome outcome,
      Map<Long, StoryModel.Written> bySeed) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode info = json.createObjectNode();
    info.put("source", "language_model");
    info.put("model_name", model.name());
    model.describe().forEach((k, v) -> info.set(k, json.valueToTree(v)));
    info.put("prompt", prompt);
    info.put("episode_seed", episodeSeed);
    info.put("status", outcome.status().label());
    int tokens = 0;
    double seconds = 0;
    ArrayNode attempts = info.putArray("attempts");
    for (GatedStoryWriter.Attempt attempt : outcome.attempts()) {
      ObjectNode a = json.valueToTree(attempt);
      a.remove("story");
      StoryModel.Written written = bySeed.get(attempt.seed());
      if (written != null) {
        a.put("tokens_generated", written.tokens);
        a.put("seconds", written.seconds);
        tokens += written.tokens;
        seconds += written.seconds;
      }
      attempts.add(a);
      if (attempt.accepted()) {
        info.put("seed", attempt.seed());
      }
    }
    info.put("tokens_generated", tokens);
    info.put("generation_seconds", seconds);
    return info;
  }
}
