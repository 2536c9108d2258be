package dev.lullabeam.lib.stories;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.lullabeam.lib.quality.GateResult;
import dev.lullabeam.lib.quality.StoryGate;
import dev.lullabeam.lib.quality.StoryScores;
import dev.lullabeam.lib.quality.StoryTrimmer;
import dev.lullabeam.lib.random.SplitMix64;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import javax.annotation.Nullable;

/**
 * Writes the stories of a group of episodes and has each written again with a new seed while the
 * {@link StoryGate} rejects it. Knows nothing of the language model: the writer is any function
 * from seeds to texts. It works in rounds, so that a model can write a round's stories together:
 * attempt 1 of every episode, then attempt 2 of those rejected, and so on. Seeds are derived from
 * the episode seed and the attempt number only, so a rerun of the season makes the same attempts
 * and reaches the same verdicts, whatever else shares a round.
 */
public final class GatedStoryWriter {
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** Derives the seed of an attempt (1-based) from the episode seed. */
  @FunctionalInterface
  public interface SeedSchedule extends Serializable {
    long seedFor(long episodeSeed, int attempt);

    /** Attempt 1 uses the episode seed itself; attempt n > 1 the n-th SplitMix64 output from it. */
    static SeedSchedule splitMix() {
      return (episodeSeed, attempt) ->
          attempt == 1 ? episodeSeed : SplitMix64.nth(episodeSeed, attempt);
    }
  }

  /** One story to write in a round: the episode (its index in the caller's list) and the seed. */
  public record Draft(int episode, long seed) {}

  /** Writes one round: one result per draft, in the same order. */
  @FunctionalInterface
  public interface RoundWriter {
    List<StoryModel.Written> write(List<Draft> round) throws InterruptedException;
  }

  /** Whether an episode got a story it may narrate. */
  public enum Status {
    ACCEPTED("accepted"),
    REJECTED("rejected");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }
  }

  /**
   * One try: the seed, the story trimmed to its last sentence (not in the JSON: the episode
   * carries the story it narrates), the gate's verdict, and what writing it cost. When the model
   * wrote nothing, the story is empty, the scores are null and {@code failure} says why. {@code
   * tokenBudget} is the most new tokens this attempt was allowed (in the JSON when known: a story
   * with a target length has its own), {@code finishReason} why its generation ended.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Attempt(
      int attempt,
      long seed,
      @JsonIgnore String story,
      boolean accepted,
      List<String> reasons,
      @Nullable StoryScores scores,
      int tokensGenerated,
      double seconds,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable GenerationFailure failure,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) int tokenBudget,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String finishReason)
      implements Serializable {
    public Attempt {
      reasons = List.copyOf(reasons);
    }

    public Attempt(
        int attempt, long seed, String story, boolean accepted, List<String> reasons,
        @Nullable StoryScores scores, int tokensGenerated, double seconds,
        @Nullable GenerationFailure failure) {
      this(attempt, seed, story, accepted, reasons, scores, tokensGenerated, seconds, failure, 0, null);
    }

    /** Judges what the model wrote for attempt {@code attempt}. */
    public static Attempt judge(StoryGate gate, int attempt, long seed, StoryModel.Written written) {
      if (written.failure() != null) {
        return new Attempt(
            attempt, seed, "", false, List.of("generation:failed " + written.failure().describe()),
            null, 0, written.seconds(), written.failure());
      }
      GateResult verdict = gate.check(written.text());
      return new Attempt(
          attempt, seed, StoryTrimmer.trimToLastSentence(written.text()), verdict.accepted(),
          verdict.reasons(), verdict.scores(), written.tokens(), written.seconds(), null,
          written.tokenBudget(), written.finish());
    }
  }

  /** Every attempt made for one episode, in order, and the final status. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Outcome(long episodeSeed, Status status, List<Attempt> attempts)
      implements Serializable {
    public Outcome {
      attempts = List.copyOf(attempts);
    }

    /** The accepted story, trimmed to its last sentence; empty if every attempt was rejected. */
    public Optional<String> story() {
      return attempts.stream().filter(Attempt::accepted).map(Attempt::story).findFirst();
    }

    /** Whether the model never wrote anything: every attempt failed before the gate. */
    public boolean neverWritten() {
      return attempts.stream().allMatch(a -> a.failure() != null);
    }
  }

  private final IntFunction<StoryGate> gates;
  private final SeedSchedule seeds;
  private final int maxAttempts;

  public GatedStoryWriter(StoryGate gate) {
    this(gate, SeedSchedule.splitMix(), DEFAULT_MAX_ATTEMPTS);
  }

  public GatedStoryWriter(StoryGate gate, SeedSchedule seeds, int maxAttempts) {
    this(episode -> gate, seeds, maxAttempts);
  }

  /**
   * @param gates the gate of each episode (its index in the list given to {@link #write}), e.g.
   *     with word bounds around the episode's target length
   */
  public GatedStoryWriter(IntFunction<StoryGate> gates, SeedSchedule seeds, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    this.gates = gates;
    this.seeds = seeds;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Writes a story for each episode (given by its seed), in rounds: every episode without an
   * accepted story gets its next attempt in the next round, until the gate accepts or {@code
   * maxAttempts} were made. An attempt the model failed to write costs one attempt like a
   * rejected story. Outcomes are in the order of {@code episodeSeeds}.
   */
  public List<Outcome> write(List<Long> episodeSeeds, RoundWriter writer) throws InterruptedException {
    List<List<Attempt>> attempts = new ArrayList<>();
    List<Integer> open = new ArrayList<>();
    for (int episode = 0; episode < episodeSeeds.size(); episode++) {
      attempts.add(new ArrayList<>());
      open.add(episode);
    }
    for (int attempt = 1; attempt <= maxAttempts && !open.isEmpty(); attempt++) {
      List<Draft> round = new ArrayList<>();
      for (int episode : open) {
        round.add(new Draft(episode, seeds.seedFor(episodeSeeds.get(episode), attempt)));
      }
      List<StoryModel.Written> written = writer.write(round);
      if (written.size() != round.size()) {
        throw new IllegalStateException(
            "the writer returned " + written.size() + " stories for " + round.size() + " drafts");
      }
      List<Integer> rejected = new ArrayList<>();
      for (int i = 0; i < round.size(); i++) {
        Draft draft = round.get(i);
        Attempt result = Attempt.judge(gates.apply(draft.episode()), attempt, draft.seed(), written.get(i));
        attempts.get(draft.episode()).add(result);
        if (!result.accepted()) {
          rejected.add(draft.episode());
        }
      }
      open = rejected;
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (int episode = 0; episode < episodeSeeds.size(); episode++) {
      List<Attempt> tries = attempts.get(episode);
      boolean accepted = tries.get(tries.size() - 1).accepted();
      outcomes.add(
          new Outcome(episodeSeeds.get(episode), accepted ? Status.ACCEPTED : Status.REJECTED, tries));
    }
    return outcomes;
  }
}
