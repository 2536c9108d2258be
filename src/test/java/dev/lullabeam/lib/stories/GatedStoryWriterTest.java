package dev.lullabeam.lib.stories;

import dev.lullabeam.lib.random.SplitMix64;

import dev.lullabeam.lib.quality.Stories;
import dev.lullabeam.lib.quality.StoryGate;
import dev.lullabeam.lib.quality.StoryTrimmer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatedStoryWriterTest {
  private static final String GOOD = Stories.read("good/trailing-fragment.txt");
  private static final String LOOP = Stories.read("bad/paraphrase-loop.txt");
  private static final String LINKS = Stories.read("bad/social-links.txt");
  private static final List<String> BAD_AND_GOOD = List.of(LOOP, LINKS, GOOD);

  /**
   * A deterministic stand-in for the language model: the seed picks the text. Which seed is
   * "good" depends only on the seed, so a rerun makes the same calls and gets the same answers.
   */
  private static final class FakeModel implements LongFunction<String> {
    final List<Long> seedsSeen = new ArrayList<>();
    private final List<String> texts;

    FakeModel(List<String> texts) {
      this.texts = texts;
    }

    @Override
    public String apply(long seed) {
      seedsSeen.add(seed);
      return texts.get((int) Math.floorMod(seed, (long) texts.size()));
    }
  }

  /** Returns the given texts one after another, whatever the seed. */
  private static LongFunction<String> inTurn(String... texts) {
    int[] next = {0};
    return seed -> texts[next[0]++];
  }

  @ParameterizedTest(name = "[{index}] {0} attempts -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          good first        | 1 | accepted
          loop, then good   | 2 | accepted
          loop, links, good | 3 | accepted
          three bad         | 3 | rejected
          """)
  void retriesUntilAcceptedOrOutOfAttempts(String scenario, int attempts, String status) throws Exception {
    LongFunction<String> model =
        switch (scenario) {
          case "good first" -> inTurn(GOOD);
          case "loop, then good" -> inTurn(LOOP, GOOD);
          case "loop, links, good" -> inTurn(LOOP, LINKS, GOOD);
          default -> inTurn(LOOP, LINKS, LOOP);
        };
    GatedStoryWriter.Outcome outcome = writeOne(new GatedStoryWriter(new StoryGate()), 7L, model);

    assertThat(outcome.attempts(), hasSize(attempts));
    assertThat(outcome.status().label(), is(status));
    assertThat(outcome.story().isPresent(), is(status.equals("accepted")));
    for (GatedStoryWriter.Attempt rejected :
        outcome.attempts().subList(0, status.equals("accepted") ? attempts - 1 : attempts)) {
      assertThat(rejected.accepted(), is(false));
      assertThat(rejected.reasons(), is(not(empty())));
    }
  }

  @Test
  void theAcceptedStoryIsTrimmedToItsLastSentence() throws Exception {
    GatedStoryWriter.Outcome outcome = writeOne(new GatedStoryWriter(new StoryGate()), 1L, s -> GOOD);
    assertThat(outcome.story(), is(Optional.of(StoryTrimmer.trimToLastSentence(GOOD))));
    assertThat(outcome.story().orElseThrow().endsWith("the birds began to sing in the morning."), is(true));
  }

  @Test
  void attemptOneUsesTheEpisodeSeedAndLaterSeedsAreSplitMixed() throws Exception {
    GatedStoryWriter.SeedSchedule seeds = GatedStoryWriter.SeedSchedule.splitMix();
    assertThat(seeds.seedFor(42L, 1), is(42L));
    assertThat(seeds.seedFor(42L, 2), is(SplitMix64.mix(42L + 2 * SplitMix64.GOLDEN_GAMMA)));
    assertThat(seeds.seedFor(42L, 2), is(not(seeds.seedFor(43L, 2))));
    assertThat(
        new HashSet<>(List.of(seeds.seedFor(42L, 1), seeds.seedFor(42L, 2), seeds.seedFor(42L, 3))),
        hasSize(3));
  }

  @Test
  void sameEpisodeSeedGivesTheSameAttemptsAndReasons() throws Exception {
    GatedStoryWriter writer = new GatedStoryWriter(new StoryGate());
    FakeModel first = new FakeModel(BAD_AND_GOOD);
    FakeModel second = new FakeModel(BAD_AND_GOOD);
    List<String> firstRun = new ArrayList<>();
    List<String> secondRun = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (long episodeSeed = 0; episodeSeed < 20; episodeSeed++) {
      firstRun.add(json.writeValueAsString(writeOne(writer, episodeSeed, first)));
      secondRun.add(json.writeValueAsString(writeOne(writer, episodeSeed, second)));
    }
    assertThat(secondRun, is(firstRun));
    assertThat(second.seedsSeen, is(first.seedsSeen));
    // The fake model makes both verdicts happen among these episodes.
    assertThat(String.join("\n", firstRun).contains("\"status\":\"rejected\""), is(true));
    assertThat(String.join("\n", firstRun).contains("\"status\":\"accepted\""), is(true));
  }

  @Test
  void recordsEveryAttemptWithItsSeedAndReasons() throws Exception {
    FakeModel model = new FakeModel(List.of(LOOP, LINKS, GOOD));
    // Seeds 3, 4, 5 pick LOOP, LINKS, GOOD.
    GatedStoryWriter.SeedSchedule next = (episodeSeed, attempt) -> episodeSeed + attempt - 1;
    GatedStoryWriter.Outcome outcome =
        writeOne(new GatedStoryWriter(new StoryGate(), next, 3), 3L, model);

    assertThat(model.seedsSeen, contains(3L, 4L, 5L));
    assertThat(outcome.status(), is(GatedStoryWriter.Status.ACCEPTED));
    assertThat(outcome.attempts().get(0).reasons(), hasItem(startsWith("repetition:")));
    assertThat(outcome.attempts().get(1).reasons(), hasItem(startsWith("web:")));
    assertThat(outcome.attempts().get(2).reasons(), is(empty()));

    JsonNode tree = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(outcome));
    assertThat(tree.get("episode_seed").asLong(), is(3L));
    assertThat(tree.get("status").asText(), is("accepted"));
    assertThat(tree.get("attempts").get(1).get("seed").asLong(), is(4L));
  }

  @Test
  void aWriterThatThrowsCostsAnAttemptAndIsReported() throws Exception {
    LongFunction<String> flaky =
        seed -> {
          if (seed == 9L) {
            throw new IllegalStateException("index out of range");
          }
          return GOOD;
        };
    GatedStoryWriter.Outcome outcome = writeOne(new GatedStoryWriter(new StoryGate()), 9L, flaky);
    assertThat(outcome.attempts(), hasSize(2));
    assertThat(
        outcome.attempts().get(0).reasons(),
        contains("generation:failed IllegalStateException: index out of range"));
    GenerationFailure failure = outcome.attempts().get(0).failure();
    assertThat(failure.describe(), is("IllegalStateException: index out of range"));
    assertThat("where it was thrown, for the report", failure.stack(), not(empty()));
    assertThat(outcome.neverWritten(), is(false));
    assertThat(outcome.status(), is(GatedStoryWriter.Status.ACCEPTED));
  }

  @Test
  void maxAttemptsBoundsTheTries() throws Exception {
    FakeModel alwaysLoops = new FakeModel(List.of(LOOP));
    GatedStoryWriter.Outcome outcome =
        writeOne(
            new GatedStoryWriter(new StoryGate(), GatedStoryWriter.SeedSchedule.splitMix(), 5),
            11L, alwaysLoops);
    assertThat(outcome.attempts(), hasSize(5));
    assertThat(alwaysLoops.seedsSeen, hasSize(5));
    assertThat(outcome.status(), is(GatedStoryWriter.Status.REJECTED));
    assertThat(outcome.story(), is(Optional.empty()));
  }

  /** The text the writer gives for a seed, or the failure it throws. */
  private static StoryModel.Written written(LongFunction<String> model, long seed) {
    try {
      return StoryModel.Written.story(model.apply(seed), 0, 0);
    } catch (RuntimeException e) {
      return StoryModel.Written.failed(e);
    }
  }

  /** One episode alone: every round holds just its next attempt. */
  private static GatedStoryWriter.Outcome writeOne(
      GatedStoryWriter writer, long episodeSeed, LongFunction<String> model) throws InterruptedException {
    return writer
        .write(List.of(episodeSeed), round -> round.stream().map(d -> written(model, d.seed())).toList())
        .get(0);
  }

  @Test
  void roundsHoldTheOpenEpisodesAndGiveTheSameOutcomesAsWritingEachAlone() throws Exception {
    GatedStoryWriter writer = new GatedStoryWriter(new StoryGate());
    List<Long> episodeSeeds = List.of(100L, 101L, 102L, 103L, 104L, 105L);
    FakeModel together = new FakeModel(BAD_AND_GOOD);
    List<Integer> roundSizes = new ArrayList<>();
    List<GatedStoryWriter.Outcome> outcomes =
        writer.write(
            episodeSeeds,
            round -> {
              roundSizes.add(round.size());
              return round.stream().map(d -> written(together, d.seed())).toList();
            });

    List<GatedStoryWriter.Outcome> alone = new ArrayList<>();
    for (long seed : episodeSeeds) {
      alone.add(writeOne(writer, seed, new FakeModel(BAD_AND_GOOD)));
    }
    assertThat(outcomes, is(alone));
    // Round n holds exactly the episodes whose attempts 1..n-1 were all rejected.
    List<Integer> expectedSizes = new ArrayList<>();
    for (int attempt = 1; attempt <= GatedStoryWriter.DEFAULT_MAX_ATTEMPTS; attempt++) {
      int stillOpen = attempt;
      int open = (int) alone.stream().filter(o -> o.attempts().size() >= stillOpen).count();
      if (open > 0) {
        expectedSizes.add(open);
      }
    }
    assertThat(roundSizes, is(expectedSizes));
    assertThat("the fake makes some episodes need more than one round", roundSizes.size() > 1, is(true));
  }
}
