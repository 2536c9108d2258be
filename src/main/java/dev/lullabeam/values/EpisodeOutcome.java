package dev.lullabeam.values;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * What became of one catalogue row: an episode written, an episode that failed, or a row that
 * could not be read. Every row of the catalogue ends as exactly one outcome in the season report.
 *
 * @param reason why the row is not ok, for a person to read
 * @param storyAttempts stories the language model wrote for this episode (0: the catalogue gave it)
 * @param error the exception behind a failure, when there was one
 * @param warnings what is wrong with an episode that was written all the same
 * @param sentencesSpoken sentences the voice spoke for this episode in this run
 * @param sentencesReused sentences whose audio the speech store already held from an earlier run
 */
@DefaultCoder(EpisodeOutcomeCoder.class)
public record EpisodeOutcome(
    @Nullable String id,
    long line,
    Status status,
    @Nullable String reason,
    int sentences,
    double audioSeconds,
    boolean reused,
    int storyAttempts,
    @Nullable Cause error,
    List<String> warnings,
    int sentencesSpoken,
    int sentencesReused,
    @Nullable Double targetMinutes,
    @Nullable Double achievedMinutes) {

  /** The statuses the report uses. */
  public enum Status {
    OK("ok"),
    FAILED("failed"),
    /** The quality gate rejected every story the language model wrote for it. */
    REJECTED("rejected"),
    BAD_ROW("bad_row");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * An exception, kept the way DataflowTemplates' FailsafeElement keeps one: its class, its
   * message and where it was thrown, so that report.json alone says what to look at.
   *
   * @param stack the first {@link #STACK_FRAMES} frames, innermost first
   */
  public record Cause(String type, @Nullable String message, List<String> stack) {
    public static final int STACK_FRAMES = 8;

    public Cause {
      stack = List.copyOf(stack);
    }

    public static Cause of(Throwable e) {
      List<String> frames = new ArrayList<>();
      StackTraceElement[] trace = e.getStackTrace();
      for (int i = 0; i < Math.min(STACK_FRAMES, trace.length); i++) {
        frames.add(trace[i].toString());
      }
      return new Cause(e.getClass().getName(), e.getMessage(), frames);
    }

    /** The message, or (when there is none) the class and where it was thrown: never "null". */
    public String summary() {
      if (message != null && !message.isBlank()) {
        return message;
      }
      String simpleName = type.substring(type.lastIndexOf('.') + 1);
      return stack.isEmpty() ? simpleName : simpleName + " at " + stack.get(0);
    }
  }

  public EpisodeOutcome {
    warnings = List.copyOf(warnings);
  }

  /** An outcome without minutes (every one but a narrated episode's). */
  public EpisodeOutcome(
      @Nullable String id, long line, Status status, @Nullable String reason, int sentences,
      double audioSeconds, boolean reused, int storyAttempts, @Nullable Cause error,
      List<String> warnings, int sentencesSpoken, int sentencesReused) {
    this(id, line, status, reason, sentences, audioSeconds, reused, storyAttempts, error, warnings,
        sentencesSpoken, sentencesReused, null, null);
  }

  /**
   * The same outcome with the narration's length: the row's or season's target in minutes (null:
   * none) and the minutes achieved from the first word to the last (null: unknown).
   */
  public EpisodeOutcome withMinutes(@Nullable Double target, @Nullable Double achieved) {
    return new EpisodeOutcome(
        id, line, status, reason, sentences, audioSeconds, reused, storyAttempts, error, warnings,
        sentencesSpoken, sentencesReused, target, achieved);
  }

  public static EpisodeOutcome badRow(@Nullable String id, long line, String reason) {
    return new EpisodeOutcome(id, line, Status.BAD_ROW, reason, 0, 0, false, 0, null, List.of(), 0, 0);
  }

  /** A failure that is no exception, e.g. a missing sentence. */
  public static EpisodeOutcome failed(String id, long line, String reason) {
    return new EpisodeOutcome(id, line, Status.FAILED, reason, 0, 0, false, 0, null, List.of(), 0, 0);
  }

  /** A failure caught as an exception while {@code doing} (e.g. "mixing failed"). */
  public static EpisodeOutcome failed(String id, long line, String doing, Throwable e) {
    Cause cause = Cause.of(e);
    return failed(id, line, doing + ": " + cause.summary(), cause);
  }

  /** A failure with the exception behind it, caught earlier (null when there was none). */
  public static EpisodeOutcome failed(String id, long line, String reason, @Nullable Cause error) {
    return new EpisodeOutcome(id, line, Status.FAILED, reason, 0, 0, false, 0, error, List.of(), 0, 0);
  }

  public static EpisodeOutcome rejected(String id, long line, String reason) {
    return new EpisodeOutcome(id, line, Status.REJECTED, reason, 0, 0, false, 0, null, List.of(), 0, 0);
  }

  public static EpisodeOutcome ok(String id, long line, int sentences, double audioSeconds) {
    return new EpisodeOutcome(
        id, line, Status.OK, null, sentences, audioSeconds, false, 0, null, List.of(), 0, 0);
  }

  /** An episode whose outputs were already complete from an earlier run. */
  public static EpisodeOutcome reused(String id, long line, int sentences, double audioSeconds) {
    return new EpisodeOutcome(
        id, line, Status.OK, null, sentences, audioSeconds, true, 0, null, List.of(), 0, 0);
  }

  /** The same outcome, noting how many stories the language model wrote for the episode. */
  public EpisodeOutcome withStoryAttempts(int attempts) {
    return new EpisodeOutcome(
        id, line, status, reason, sentences, audioSeconds, reused, attempts, error, warnings,
        sentencesSpoken, sentencesReused, targetMinutes, achievedMinutes);
  }

  /** The same outcome with these warnings about it. */
  public EpisodeOutcome withWarnings(List<String> warnings) {
    return new EpisodeOutcome(
        id, line, status, reason, sentences, audioSeconds, reused, storyAttempts, error, warnings,
        sentencesSpoken, sentencesReused, targetMinutes, achievedMinutes);
  }

  /** The same outcome, noting how its sentences were made: spoken now or reused from the store. */
  public EpisodeOutcome withSpeech(int spoken, int reusedFromStore) {
    return new EpisodeOutcome(
        id, line, status, reason, sentences, audioSeconds, reused, storyAttempts, error, warnings,
        spoken, reusedFromStore, targetMinutes, achievedMinutes);
  }

  @Override
  public String toString() {
    return "EpisodeOutcome{id="
        + id
        + ", line="
        + line
        + ", status="
        + status.label()
        + (reason == null ? "" : ", reason=" + reason)
        + "}";
  }
}
