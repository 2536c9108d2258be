package dev.lullabeam.lib.ageband;

import dev.lullabeam.lib.quality.GateSettings;
import dev.lullabeam.lib.quality.StoryGate;
import dev.lullabeam.lib.quality.VocabularyRules;
import dev.lullabeam.lib.quality.WordList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The listener's age band ({@code --ageBand}): its default pace and story length, and for the
 * youngest the stricter word rules of the quality gate, applied to prompts and briefs before
 * generation as well as to the stories. docs/bedtime.md has the table.
 *
 * <p>Paces: children of 3-7 follow best at about 120-130 words per minute (adults 160-180), so the
 * youngest band a little under that, the oldest toward an adult reader's calm pace. Lengths:
 * children's sleep stories run 10-20 minutes; the youngest listen for less.
 */
public enum AgeBand {
  AGES_3_5("3-5", 115, 5,
      new VocabularyRules(WordList.frighteningForYoungEnglish(), 10, 0.03)),
  AGES_6_8("6-8", 125, 8, null),
  AGES_9_12("9-12", 140, 12, null);

  private final String label;
  private final double wordsPerMinute;
  private final double minutes;
  private final VocabularyRules vocabulary;

  AgeBand(String label, double wordsPerMinute, double minutes, VocabularyRules vocabulary) {
    this.label = label;
    this.wordsPerMinute = wordsPerMinute;
    this.minutes = minutes;
    this.vocabulary = vocabulary;
  }

  /** The band named {@code text} ("3-5", "6-8", "9-12"). */
  public static AgeBand parse(String text) {
    for (AgeBand band : values()) {
      if (band.label.equals(text == null ? null : text.strip())) {
        return band;
      }
    }
    throw new IllegalArgumentException("must be one of " + labels() + ", was \"" + text + "\"");
  }

  /** "3-5, 6-8 or 9-12". */
  public static String labels() {
    List<String> all = Arrays.stream(values()).map(AgeBand::label).collect(Collectors.toList());
    return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
  }

  public String label() {
    return label;
  }

  /** The pace when {@code --wordsPerMinute} is not given. */
  public double wordsPerMinute() {
    return wordsPerMinute;
  }

  /** The story length in minutes when {@code --targetMinutes} is not given. */
  public double minutes() {
    return minutes;
  }

  /** The band's extra word rules, or null when it has none (the gate's defaults apply). */
  public VocabularyRules vocabulary() {
    return vocabulary;
  }

  /** The season's gate for this band: the settings given, with the band's word rules. */
  public StoryGate gate(GateSettings settings) {
    return new StoryGate(settings, vocabulary);
  }

  /**
   * Why a prompt or brief is not fit for this band, checked before anything is generated: the
   * gate's frightening words (every band, as the gate does for stories), and the band's own word
   * rules. Empty when it is fit.
   */
  public List<String> checkPrompt(String text) {
    List<String> reasons = new ArrayList<>();
    for (String w : WordList.frighteningEnglish().find(text)) {
      reasons.add("unsuitable_word:frightening \"" + w + "\"");
    }
    if (vocabulary != null) {
      reasons.addAll(vocabulary.check(text));
    }
    return reasons;
  }
}
