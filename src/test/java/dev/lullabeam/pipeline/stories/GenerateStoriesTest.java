package dev.lullabeam.pipeline.stories;

import dev.lullabeam.lib.stories.StoryModel;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import dev.lullabeam.values.EpisodeRequest;
import dev.lullabeam.lib.stories.GatedStoryWriter;
import dev.lullabeam.lib.quality.NearDuplicateDetector;
import dev.lullabeam.lib.quality.StoryGate;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.lib.stories.StoryInfo;
import dev.lullabeam.pipeline.metrics.ModelLoadMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Story generation in the pipeline with a deterministic model: what it writes depends only on the
 * prompt and the seed, so attempts, seeds and reasons can be checked exactly.
 */
@ExtendWith(TestPipelineExtension.class)
class GenerateStoriesTest {

  private static final long SEASON_SEED = 7;
  private static final String TEMPLATE = "A bedtime story.\n\n{prompt}\n";

  static final String GOOD_CONTINUATION =
      " She swam to the big flat rock where her grandmother lived. The water was warm and the"
          + " moon was round and bright above the bay. Her grandmother told her about the little"
          + " crabs who sleep under the sand, and the fish who dream in the deep blue water."
          + " Then Mira yawned, curled her tail around her nose, and listened to the waves. Slowly,"
          + " slowly, her eyes closed, and she dreamed of swimming with the stars. Goodnight, Mira.";
  /** Three more stories, unlike each other and unlike the one above. */
  static final List<String> OTHER_CONTINUATIONS =
      List.of(
          " A lantern glowed in the lighthouse window, and the keeper hummed an old sea song while"
              + " he polished the great glass lamp. Outside, the gulls tucked their heads under their"
              + " wings. The keeper's cat counted the boats coming home, one, two, three, until every"
              + " sailor was safe in the harbour. Then the cat curled up on a woollen blanket, the"
              + " lamp turned slowly round and round, and the whole village slept.",
          " In the forest, a small hedgehog was building a bed of crunchy autumn leaves. He carried"
              + " them one at a time in his tiny paws, red ones and yellow ones and brown ones. When"
              + " the pile was tall enough, he wriggled inside until only his nose peeked out. An owl"
              + " called softly from the old beech tree, the first snowflake drifted down, and the"
              + " hedgehog fell asleep until spring.",
          " Far away, a train with sleepy carriages rolled across the quiet plain under a sky full"
              + " of stars. Inside, the passengers pulled soft blankets up to their chins. The driver"
              + " sipped warm cocoa and waved to a farmer's dog who barked hello. Clickety clack went"
              + " the wheels, gentle and steady, and every child on board drifted into dreams of the"
              + " mountains they would see in the morning.");

  static final String LOOP = " I knew I had to get wet. I knew I had to get wet. I knew I had to get"
      + " wet. I knew I had to get wet. I knew I had to get wet. I knew I had to get wet. I knew I"
      + " had to get wet. I knew I had to get wet. I knew I had to get wet. I knew I had to get wet.";

  /**
   * Writes a loop for seeds of {@code loopSeeds}, and the good story otherwise; a prompt that
   * contains "boom" cannot be written at all; a prompt containing "twin" always gives the same
   * good story whatever the seed (a near copy of its twin). Counts the sessions open in this JVM
   * and the prompts of every call, and "loads" once per JVM on the first write.
   */
  static final class ScriptedModel implements StoryModel {
    static final AtomicInteger OPEN_SESSIONS = new AtomicInteger();
    static final List<Integer> CALL_SIZES = Collections.synchronizedList(new ArrayList<>());
    private static final AtomicBoolean LOADED = new AtomicBoolean();

    private final List<Long> loopSeeds;

    ScriptedModel(List<Long> loopSeeds) {
      this.loopSeeds = loopSeeds;
    }

    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public Map<String, Object> describe() {
      return Map.of("kind", "scripted");
    }

    @Override
    public Session open() {
      OPEN_SESSIONS.incrementAndGet();
      return new Session() {
        @Override
        public List<Written> write(List<Prompt> prompts, Runnable onLoad) {
          if (LOADED.compareAndSet(false, true)) {
            onLoad.run();
          }
          CALL_SIZES.add(prompts.size());
          return prompts.stream().map(p -> story(p.text(), p.seed())).toList();
        }

        @Override
        public void close() {
          OPEN_SESSIONS.decrementAndGet();
        }
      };
    }

    private Written story(String prompt, long seed) {
      if (prompt.contains("boom")) {
        return Written.failed(new IllegalStateException("prompt is longer than the model's 2048 positions"));
      }
      if (prompt.contains("twin")) {
        return Written.story(GOOD_CONTINUATION, 90, 0.01);
      }
      if (loopSeeds.contains(seed)) {
        return Written.story(LOOP, 100, 0.01);
      }
      // Seed 21 always gives the first of the other stories; other seeds one chosen by the seed.
      int index = seed == 21 ? 0 : 1 + (int) Long.remainderUnsigned(seed, 2);
      return Written.story(OTHER_CONTINUATIONS.get(index), 95, 0.01);
    }
  }

  @BeforeEach
  void freshJvmState() {
    ScriptedModel.LOADED.set(false);
    ScriptedModel.CALL_SIZES.clear();
  }

  private static EpisodeRequest prompt(String id, long line, String prompt, Long seed) {
    return new EpisodeRequest(id, line, "ocean", null, prompt, null, seed, null, (int) line);
  }

  private static long seedOfAttempt(EpisodeRequest request, int attempt) {
    long episodeSeed = GenerateStories.episodeSeed(request, SEASON_SEED);
    return GatedStoryWriter.SeedSchedule.splitMix().seedFor(episodeSeed, attempt);
  }

  @Test
  void writesRetriesWithNewSeedsRejectsAndFailsPerEpisode(TestPipeline pipeline) {
    EpisodeRequest firstTime = prompt("first-time", 2, "Little Mira the seal could not sleep.", 11L);
    EpisodeRequest secondTime = prompt("second-time", 3, "Little Mira the seal was wide awake.", 12L);
    EpisodeRequest never = prompt("never", 4, "Little Mira the seal got wet.", 13L);
    EpisodeRequest broken = prompt("broken", 5, "A boom in the night.", 14L);
    ScriptedModel model =
        new ScriptedModel(
            List.of(
                seedOfAttempt(secondTime, 1),
                seedOfAttempt(never, 1), seedOfAttempt(never, 2), seedOfAttempt(never, 3)));

    PCollectionTuple result =
        pipeline
            .apply(Create.of(firstTime, secondTime, never, broken))
            .apply(new GenerateStories(model, new StoryGate(), TEMPLATE, SEASON_SEED, 3, 2));

    PAssert.that(describe(result.get(GenerateStories.WRITTEN), GenerateStoriesTest::summary))
        .containsInAnyOrder(
            "first-time attempts=1 accepted=true seed=11 prompt-first=true",
            "second-time attempts=2 accepted=true seed=" + seedOfAttempt(secondTime, 2)
                + " prompt-first=true");
    PAssert.that(
            describe(result.get(GenerateStories.REJECTED), o -> o.id() + " " + o.status().label() + " "
                + o.reason().startsWith("every story was rejected (3 attempts): attempt 1: ")
                + " " + o.reason().matches(".*attempt 3: .*repetition:dup_5_gram_char_frac.*")))
        .containsInAnyOrder("never rejected true true");
    PAssert.that(
            describe(result.get(GenerateStories.FAILED), o -> o.id() + " " + o.line() + " " + o.reason()
                + " | " + o.error().type() + " thrown at " + !o.error().stack().isEmpty()))
        .containsInAnyOrder(
            "broken 5 story generation failed: IllegalStateException: prompt is longer than the model's"
                + " 2048 positions | IllegalStateException thrown at true");
    PipelineResult run = pipeline.run();
    run.waitUntilFinish();

    // Attempts: first-time 1, second-time 2, never 3, broken 3; tokens 95, 100 + 95, 3 × 100, 0.
    assertThat(counter(run, "story_attempts"), is(9L));
    assertThat(counter(run, "stories_rejected"), is(1L));
    assertThat(counter(run, "tokens_generated"), is(590L));
    assertThat(ModelLoadMetrics.read(run), is(Map.of("scripted", Map.of(ModelLoadMetrics.jvm(), 1))));
    // Each call wrote a round of a group: the 9 attempts took fewer calls than attempts.
    assertThat(ScriptedModel.CALL_SIZES.stream().mapToInt(Integer::intValue).sum(), is(9));
    assertThat(ScriptedModel.CALL_SIZES.size() < 9, is(true));
    assertThat("every session was closed", ScriptedModel.OPEN_SESSIONS.get(), is(0));
  }

  @Test
  void aTargetLengthSetsTheGatesWordBoundsPerEpisode(TestPipeline pipeline) {
    // Seed 21 writes the lighthouse story: with its prompt, 76 words as the gate counts them.
    EpisodeRequest fits = prompt("fits", 2, "The lighthouse keeper was sleepy.", 21L).withPace(120.0, 0.7);
    EpisodeRequest tooShort = prompt("too-short", 3, "The lighthouse keeper was tired.", 21L).withPace(120.0, 3.0);
    PCollectionTuple result =
        pipeline
            .apply(Create.of(fits, tooShort))
            .apply(new GenerateStories(new ScriptedModel(List.of()), new StoryGate(), TEMPLATE, SEASON_SEED, 1, 1));
    PAssert.that(describe(result.get(GenerateStories.WRITTEN), EpisodeRequest::id)).containsInAnyOrder("fits");
    // 3 minutes at 120 words per minute: 360 words, so at least 270.
    PAssert.that(describe(result.get(GenerateStories.REJECTED), o -> o.id() + ": " + o.reason()))
        .containsInAnyOrder(
            "too-short: every story was rejected (1 attempts): attempt 1: length:too_few_words 76 < 270");
    pipeline.run().waitUntilFinish();
  }

  @Test
  void theModelIsAskedForTheTargetLessTheCataloguePrompt() {
    EpisodeRequest row = prompt("a", 2, "The lighthouse keeper was sleepy.", 21L).withPace(125.0, 2.0);
    assertThat(GenerateStories.targetWords(row), is(250));
    assertThat(GenerateStories.wordsToWrite(row, 250), is(245));
    assertThat(GenerateStories.targetWords(prompt("b", 3, "x", 1L)), is(0));
    assertThat(GenerateStories.wordsToWrite(prompt("b", 3, "x", 1L), 0), is(0));
    EpisodeRequest brief = new EpisodeRequest("c", 4, "ocean", "T", null, null, 1L, null, 4)
        .withBrief("a seal who cannot sleep").withPace(125.0, 2.0);
    assertThat(GenerateStories.wordsToWrite(brief, 250), is(250));
  }

  private static long counter(PipelineResult run, String name) {
    MetricQueryResults metrics =
        run.metrics()
            .queryMetrics(MetricsFilter.builder().addNameFilter(MetricNameFilter.named("lullabeam", name)).build());
    long total = 0;
    for (MetricResult<Long> counter : metrics.getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }

  /** "id attempts=N accepted=… seed=… prompt-first=…" from the story info. */
  static String summary(EpisodeRequest request) {
    StoryInfo.Generated info = (StoryInfo.Generated) request.storyInfo();
    List<GatedStoryWriter.Attempt> attempts = info.attempts();
    return request.id()
        + " attempts=" + attempts.size()
        + " accepted=" + attempts.get(attempts.size() - 1).accepted()
        + " seed=" + info.seed()
        + " prompt-first=" + request.story().startsWith(request.prompt());
  }

  private static <T> PCollection<String> describe(
      PCollection<T> collection, SerializableFunction<T, String> how) {
    return collection.apply(
        "Describe" + collection.getName(), MapElements.into(TypeDescriptors.strings()).via(how));
  }

  @Test
  void aNearCopyOfAnEarlierStoryIsWrittenAgainOnceThenRejected(TestPipeline pipeline) {
    EpisodeRequest a = prompt("a-seal", 2, "Little Mira the seal could not sleep.", 21L);
    EpisodeRequest b = prompt("b-seal", 3, "Little Mira the seal could not sleep.", 21L);
    EpisodeRequest twinA = prompt("c-twin", 4, "Little Mira the twin seal could not sleep.", 31L);
    EpisodeRequest twinB = prompt("d-twin", 5, "Little Mira the twin seal could not sleep.", 32L);
    ScriptedModel model = new ScriptedModel(List.of());
    StoryGate gate = new StoryGate();

    PCollectionTuple generated =
        pipeline
            .apply(Create.of(a, b, twinA, twinB))
            .apply(new GenerateStories(model, gate, TEMPLATE, SEASON_SEED, 3, 1));
    PCollectionTuple distinct =
        generated
            .get(GenerateStories.WRITTEN)
            .apply(new RewriteNearDuplicates(model, gate, new NearDuplicateDetector()));

    // b-seal got a-seal's story (same prompt, same seed): written again with attempt 2's seed.
    PAssert.that(describe(distinct.get(RewriteNearDuplicates.KEPT), GenerateStoriesTest::rewriteSummary))
        .containsInAnyOrder(
            "a-seal attempts=1",
            "b-seal attempts=2 seed=" + seedOfAttempt(b, 2) + " because=near copy of episode a-seal",
            "c-twin attempts=1");
    PAssert.that(
            describe(
                distinct.get(RewriteNearDuplicates.REJECTED),
                o -> o.id() + " " + o.status().label() + " " + o.reason()))
        .satisfies(
            rejected -> {
              String only = rejected.iterator().next();
              assertThat(
                  only,
                  startsWith(
                      "d-twin rejected near copy of episode c-twin (similarity 1.00);"
                          + " written again, still rejected: season:near_duplicate of c-twin 1.00"));
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  static String rewriteSummary(EpisodeRequest request) {
    StoryInfo.Generated info = (StoryInfo.Generated) request.storyInfo();
    String text = request.id() + " attempts=" + info.attempts().size();
    if (info.rewrittenBecause() != null) {
      text += " seed=" + info.seed() + " because="
          + info.rewrittenBecause().replaceAll(" \\(similarity.*", "");
    }
    return text;
  }

  @Test
  void episodeSeedsComeFromTheCatalogueOrFromSeasonSeedAndId() {
    EpisodeRequest given = prompt("x", 2, "p", 99L);
    EpisodeRequest derived = prompt("x", 2, "p", null);
    EpisodeRequest other = prompt("y", 2, "p", null);
    assertThat(GenerateStories.episodeSeed(given, SEASON_SEED), is(99L));
    assertThat(
        GenerateStories.episodeSeed(derived, SEASON_SEED),
        is(GenerateStories.episodeSeed(prompt("x", 9, "q", null), SEASON_SEED)));
    assertThat(
        GenerateStories.episodeSeed(derived, SEASON_SEED) == GenerateStories.episodeSeed(other, SEASON_SEED),
        is(false));
    assertThat(
        GenerateStories.episodeSeed(derived, SEASON_SEED) == GenerateStories.episodeSeed(derived, 8),
        is(false));
    assertThat(
        GenerateStories.fillTemplate("Story: {title}\n\n{prompt}\n\n", prompt("sea-song", 2, " Once. ", null)),
        containsString("Story: Sea song\n\nOnce."));
  }
}
