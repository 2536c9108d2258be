package dev.lullabeam.values;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * What became of one catalogue row: an episode written, an episode that failed, or a row that
 * could not be read. Every row of the catalogue ends as exactly one outcome in the season report.
 */
public final class EpisodeOutcome implements Serializable {
  private static final long serialVersionUID = 1L;

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

  private final @Nullable String id;
  private final long line;
  private final Status status;
  private final @Nullable String reason;
  private final int sentences;
  private final double audioSeconds;
  private final boolean reused;
  private final Map<String, Map<String, Integer>> modelLoadsByJvm;
  /** Stories the language model wrote for this episode (0: the catalogue gave the story). */
  private int storyAttempts;

  private EpisodeOutcome(
      @Nullable String id,
      long line,
      Status status,
      @Nullable String reason,
      int sentences,
      double audioSeconds,
      boolean reused,
      Map<String, Map<String, Integer>> modelLoadsByJvm) {
    this.id = id;
    this.line = line;
    this.status = status;
    this.reason = reason;
    this.sentences = sentences;
    this.audioSeconds = audioSeconds;
    this.reused = reused;
    this.modelLoadsByJvm = modelLoadsByJvm;
  }

  public static EpisodeOutcome badRow(@Nullable String id, long line, String reason) {
    return new EpisodeOutcome(id, line, Status.BAD_ROW, reason, 0, 0, false, Map.of());
  }

  public static EpisodeOutcome failed(String id, long line, String reason) {
    return failed(id, line, reason, Map.of());
  }

  public static EpisodeOutcome failed(
      String id, long line, String reason, Map<String, Map<String, Integer>> modelLoadsByJvm) {
    return new EpisodeOutcome(
        id, line, Status.FAILED, reason, 0, 0, false, copy(modelLoadsByJvm));
  }

  public static EpisodeOutcome rejected(
      String id, long line, String reason, Map<String, Map<String, Integer>> modelLoadsByJvm) {
    return new EpisodeOutcome(
        id, line, Status.REJECTED, reason, 0, 0, false, copy(modelLoadsByJvm));
  }

  public static EpisodeOutcome ok(
      String id,
      long line,
      int sentences,
      double audioSeconds,
      Map<String, Map<String, Integer>> modelLoadsByJvm) {
    return new EpisodeOutcome(
        id, line, Status.OK, null, sentences, audioSeconds, false, copy(modelLoadsByJvm));
  }

  /** An episode whose outputs were already complete from an earlier run. */
  public static EpisodeOutcome reused(String id, long line, int sentences, double audioSeconds) {
    return new EpisodeOutcome(id, line, Status.OK, null, sentences, audioSeconds, true, Map.of());
  }

  private static Map<String, Map<String, Integer>> copy(Map<String, Map<String, Integer>> loads) {
    Map<String, Map<String, Integer>> out = new TreeMap<>();
    loads.forEach((model, perJvm) -> out.put(model, new TreeMap<>(perJvm)));
    return out;
  }

  public @Nullable String id() {
    return id;
  }

  public long line() {
    return line;
  }

  public Status status() {
    return status;
  }

  public @Nullable String reason() {
    return reason;
  }

  public int sentences() {
    return sentences;
  }

  public double audioSeconds() {
    return audioSeconds;
  }

  public boolean reused() {
    return reused;
  }

  /** model name → (JVM id → loads of that model seen in that JVM). */
  public int storyAttempts() {
    return storyAttempts;
  }

  /** The same outcome, noting how many stories the language model wrote for the episode. */
  public EpisodeOutcome withStoryAttempts(int attempts) {
    EpisodeOutcome copy =
        new EpisodeOutcome(id, line, status, reason, sentences, audioSeconds, reused, modelLoadsByJvm);
    copy.storyAttempts = attempts;
    return copy;
  }

  public Map<String, Map<String, Integer>> modelLoadsByJvm() {
    return modelLoadsByJvm;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EpisodeOutcome)) {
      return false;
    }
    EpisodeOutcome e = (EpisodeOutcome) o;
    return Objects.equals(id, e.id)
        && line == e.line
        && status == e.status
        && Objects.equals(reason, e.reason)
        && sentences == e.sentences
        && Double.compare(audioSeconds, e.audioSeconds) == 0
        && reused == e.reused
        && storyAttempts == e.storyAttempts
        && modelLoadsByJvm.equals(e.modelLoadsByJvm);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, line, status, reason, sentences, audioSeconds, reused);
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
