package dev.lullabeam.lib.text;

import java.util.List;
import java.util.Optional;

/** The text stage as the pipeline sees it: a story in, sentences ready for the voice out. */
public final class StoryText {

  private static final SentenceSplitter DEFAULT_SPLITTER = new SentenceSplitter();

  private StoryText() {}

  /** Sentences of {@code story}, none longer than {@value SentenceSplitter#DEFAULT_MAX_LENGTH} chars. */
  public static List<StorySentence> sentences(String story) {
    return DEFAULT_SPLITTER.split(story);
  }

  /**
   * Why {@code voice} (every voice lullabeam has speaks English) cannot narrate {@code story}:
   * most of its letters are in another script, which the voice would read as romanised gibberish.
   * The season and {@code speak} both ask this first, so the same text takes the same path.
   */
  public static Optional<String> unspeakable(String story, String voice) {
    return Scripts.mostlyForeign(story)
        .map(f -> "the story is written in " + f.describe() + ", which the English voice " + voice
            + " cannot speak");
  }

  /**
   * Sentences of {@code story}, none longer than {@code maxSentenceLength} chars, displayed or
   * spoken.
   *
   * @throws IllegalArgumentException if {@code maxSentenceLength} is below {@value
   *     SentenceSplitter#MIN_MAX_LENGTH}
   */
  public static List<StorySentence> sentences(String story, int maxSentenceLength) {
    return new SentenceSplitter(maxSentenceLength).split(story);
  }
}
