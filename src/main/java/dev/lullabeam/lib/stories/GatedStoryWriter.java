package dev.lullabeam.lib.stories;

import dev.lullabeam.lib.random.SplitMix64;

import dev.lullabeam.lib.quality.GateResult;
import dev.lullabeam.lib.quality.StoryGate;
import dev.lullabeam.lib.quality.StoryScores;
import dev.lullabeam.lib.quality.StoryTrimmer;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import javax.annotation.Nullable;

/**
 * Writes a story for an episode and retries with a new seed while the {@link StoryGate} rejects
 * it. Knows nothing of the language model: the writer is any function from a seed to a text.
 * Seeds are derived from the episode seed and the attempt number only, so a rerun of the season
 * makes the same attempts and reaches the same verdict.
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
   * One try: the seed, the story trimmed to its last sentence, and the gate's verdict. When the
   * writer threw, the story is empty, the scores are null and the reason says what failed.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Attempt(
      int attempt,
      long seed,
      String story,
      boolean accepted,
      List<String> reasons,
      @Nullable StoryScores scores)
      implements Serializable {
    public Attempt {
      reasons = List.copyOf(reasons);
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
  }

  private final StoryGate gate;
  private final SeedSchedule seeds;
  private final int maxAttempts;

  public GatedStoryWriter(StoryGate gate) {
    this(gate, SeedSchedule.splitMix(), DEFAULT_MAX_ATTEMPTS);
  }

  public GatedStoryWriter(StoryGate gate, SeedSchedule seeds, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    this.gate = gate;
    this.seeds = seeds;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Calls {@code writer} with the seed of attempt 1, 2, … until the gate accepts a story or
   * {@code maxAttempts} were made. A writer that throws an unchecked exception costs one attempt;
   * the failure is recorded as its reason ({@code generation:failed …}) and the next seed is tried.
   */
  public Outcome write(long episodeSeed, LongFunction<String> writer) {
    List<Attempt> attempts = new ArrayList<>();
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      long seed = seeds.seedFor(episodeSeed, attempt);
      Attempt result = attempt(attempt, seed, writer);
      attempts.add(result);
      if (result.accepted()) {
        return new Outcome(episodeSeed, Status.ACCEPTED, attempts);
      }
    }
    return new Outcome(episodeSeed, Status.REJECTED, attempts);
  }

  private Attempt attempt(int attempt, long seed, LongFunction<String> writer) {
    String text;
    try {
      text = writer.apply(seed);
    } catch (RuntimeException e) {
      String reason = "generation:failed " + e.getClass().getSimpleName();
      if (e.getMessage() != null) {
        reason += ": " + e.getMessage();
      }
      return new Attempt(attempt, seed, "", false, List.of(reason), null);
    }
    GateResult verdict = gate.check(text);
    return new Attempt(
        attempt,
        seed,
        StoryTrimmer.trimToLastSentence(text),
        verdict.accepted(),
        verdict.reasons(),
        verdict.scores());
  }
}
