package dev.lullabeam.values;

import dev.lullabeam.lib.stories.StoryInfo;
import java.io.Serializable;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * One good catalogue row: what an episode should be. One of {@code story}, {@code prompt} or
 * {@code brief} is set.
 *
 * @param line line of the catalogue where this row starts (1 = the header)
 * @param catalogueTitle the catalogue's title, if it gave one; see {@link #title()}
 * @param trackNumber position of the episode among the catalogue's good rows, from 1: the MP3's
 *     track number
 * @param storyInfo how the story came to be, once it is reviewed or written; the episode's JSON
 *     carries it as {@code story_info}
 * @param wordsPerMinute the catalogue's pace for this episode ({@code wpm}), else the season's
 * @param targetMinutes the catalogue's length for this episode ({@code minutes}), else the season's
 * @param brief a one-line idea an instruct model turns into a whole story (instead of a prompt to
 *     continue), or null
 */
public record EpisodeRequest(
    String id,
    long line,
    String topic,
    @Nullable String catalogueTitle,
    @Nullable String prompt,
    @Nullable String story,
    @Nullable Long seed,
    @Nullable String voice,
    int trackNumber,
    @Nullable StoryInfo storyInfo,
    @Nullable Double wordsPerMinute,
    @Nullable Double targetMinutes,
    @Nullable String brief)
    implements Serializable {

  public EpisodeRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(topic, "topic");
  }

  /** A row as the catalogue gives it, before its story is reviewed or written. */
  public EpisodeRequest(
      String id,
      long line,
      String topic,
      @Nullable String catalogueTitle,
      @Nullable String prompt,
      @Nullable String story,
      @Nullable Long seed,
      @Nullable String voice,
      int trackNumber) {
    this(id, line, topic, catalogueTitle, prompt, story, seed, voice, trackNumber, null, null, null, null);
  }

  /**
   * The request with the season's pace and length where its row gave none; 0 means none (the
   * voice's natural rate, no target length).
   */
  public EpisodeRequest withSeasonPace(double seasonWordsPerMinute, double seasonMinutes) {
    return withPace(
        orSeason(wordsPerMinute, seasonWordsPerMinute), orSeason(targetMinutes, seasonMinutes));
  }

  private static @Nullable Double orSeason(@Nullable Double row, double season) {
    if (row != null) {
      return row;
    }
    return season > 0 ? Double.valueOf(season) : null;
  }

  /** The same request with the catalogue's pace and length, each null when not given. */
  public EpisodeRequest withPace(@Nullable Double wordsPerMinute, @Nullable Double targetMinutes) {
    return new EpisodeRequest(
        id, line, topic, catalogueTitle, prompt, story, seed, voice, trackNumber, storyInfo,
        wordsPerMinute, targetMinutes, brief);
  }

  /** The same request with a brief for the language model to write a story from. */
  public EpisodeRequest withBrief(@Nullable String newBrief) {
    return new EpisodeRequest(
        id, line, topic, catalogueTitle, prompt, story, seed, voice, trackNumber, storyInfo,
        wordsPerMinute, targetMinutes, newBrief);
  }

  /** The catalogue's title, or one made from the id. */
  public String title() {
    if (catalogueTitle != null) {
      return catalogueTitle;
    }
    String spaced = id.replace('_', ' ').replace('-', ' ');
    return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  /** The same request with its story (reviewed, or written by the language model) and its info. */
  public EpisodeRequest withStory(String reviewedStory, StoryInfo info) {
    return new EpisodeRequest(
        id, line, topic, catalogueTitle, prompt, reviewedStory, seed, voice, trackNumber, info,
        wordsPerMinute, targetMinutes, brief);
  }

  @Override
  public String toString() {
    return "EpisodeRequest{id=" + id + ", line=" + line + ", topic=" + topic + "}";
  }
}
