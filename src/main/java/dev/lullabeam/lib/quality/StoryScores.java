package dev.lullabeam.lib.quality;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the {@link StoryGate} measured, accepted or not, so that thresholds can be re-tuned
 * from recorded runs.
 *
 * @param ending what trimming to the last sentence did
 * @param length word and sentence counts and the Gopher word-quality measures
 * @param repetition Gopher and sentence-level repetition measures
 * @param webResidue kind of web residue → distinct matches (only kinds found)
 * @param unsuitableWords entries of the LDNOOBW list found
 * @param frighteningWords entries of the bedtime list found (reported even when not rejecting)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StoryScores(
    Ending ending,
    Length length,
    RepetitionScores repetition,
    Map<String, List<String>> webResidue,
    List<String> unsuitableWords,
    List<String> frighteningWords)
    implements Serializable {

  public StoryScores {
    webResidue = Collections.unmodifiableMap(new LinkedHashMap<>(webResidue));
    unsuitableWords = List.copyOf(unsuitableWords);
    frighteningWords = List.copyOf(frighteningWords);
  }

  /**
   * @param endsWithSentence whether the text as generated ended with a sentence
   * @param hasSentenceEnd whether it has any sentence ending at all
   * @param trimmedChars characters cut off after the last sentence
   * @param trimmedFrac those characters over the length of the stripped text
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Ending(
      boolean endsWithSentence, boolean hasSentenceEnd, int trimmedChars, double trimmedFrac)
      implements Serializable {}

  /**
   * @param words white-space separated words that contain a letter or digit
   * @param sentences sentences by ICU's English rules
   * @param alphaWordFrac share of white-space separated tokens that contain a letter
   * @param meanWordLength mean length of words without surrounding punctuation
   * @param stopWords distinct Gopher stop words found
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Length(
      int words, int sentences, double alphaWordFrac, double meanWordLength, List<String> stopWords)
      implements Serializable {
    public Length {
      stopWords = List.copyOf(stopWords);
    }
  }
}
