package dev.lullabeam.values;

import java.io.Serializable;
import java.util.Objects;
import javax.annotation.Nullable;

/** One good catalogue row: what an episode should be. Either {@code story} or {@code prompt} is set. */
public final class EpisodeRequest implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final long line;
  private final String topic;
  private final @Nullable String title;
  private final @Nullable String prompt;
  private final @Nullable String story;
  private final @Nullable Long seed;
  private final @Nullable String voice;
  private final int trackNumber;
  private final @Nullable String storyInfoJson;

  public EpisodeRequest(
      String id,
      long line,
      String topic,
      @Nullable String title,
      @Nullable String prompt,
      @Nullable String story,
      @Nullable Long seed,
      @Nullable String voice,
      int trackNumber) {
    this(id, line, topic, title, prompt, story, seed, voice, trackNumber, null);
  }

  private EpisodeRequest(
      String id,
      long line,
      String topic,
      @Nullable String title,
      @Nullable String prompt,
      @Nullable String story,
      @Nullable Long seed,
      @Nullable String voice,
      int trackNumber,
      @Nullable String storyInfoJson) {
    this.id = Objects.requireNonNull(id);
    this.line = line;
    this.topic = Objects.requireNonNull(topic);
    this.title = title;
    this.prompt = prompt;
    this.story = story;
    this.seed = seed;
    this.voice = voice;
    this.trackNumber = trackNumber;
    this.storyInfoJson = storyInfoJson;
  }

  public String id() {
    return id;
  }

  /** Line of the catalogue where this row starts (1 = the header). */
  public long line() {
    return line;
  }

  public String topic() {
    return topic;
  }

  /** The catalogue's title, or one made from the id. */
  public String title() {
    if (title != null) {
      return title;
    }
    String spaced = id.replace('_', ' ').replace('-', ' ');
    return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  public @Nullable String prompt() {
    return prompt;
  }

  public @Nullable String story() {
    return story;
  }

  public @Nullable Long seed() {
    return seed;
  }

  public @Nullable String voice() {
    return voice;
  }

  /** Position of the episode among the catalogue's good rows, from 1: the MP3's track number. */
  public int trackNumber() {
    return trackNumber;
  }

  /**
   * What is known about how the story came to be (who wrote it, the quality gate's verdict and
   * scores), as a JSON object; the episode's JSON carries it as {@code story_info}.
   */
  public @Nullable String storyInfoJson() {
    return storyInfoJson;
  }

  /** The same request with its story written (by the language model) and described. */
  public EpisodeRequest withStory(String writtenStory, @Nullable String info) {
    return new EpisodeRequest(
        id, line, topic, title, prompt, writtenStory, seed, voice, trackNumber, info);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EpisodeRequest)) {
      return false;
    }
    EpisodeRequest r = (EpisodeRequest) o;
    return id.equals(r.id)
        && line == r.line
        && topic.equals(r.topic)
        && Objects.equals(title, r.title)
        && Objects.equals(prompt, r.prompt)
        && Objects.equals(story, r.story)
        && Objects.equals(seed, r.seed)
        && Objects.equals(voice, r.voice)
        && trackNumber == r.trackNumber
        && Objects.equals(storyInfoJson, r.storyInfoJson);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, line, topic, title, prompt, story, seed, voice, trackNumber);
  }

  @Override
  public String toString() {
    return "EpisodeRequest{id=" + id + ", line=" + line + ", topic=" + topic + "}";
  }
}
