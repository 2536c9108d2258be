package dev.lullabeam.lib.quality;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extra word rules for a young audience, checked by the {@link StoryGate} after its own rules and
 * on prompts and briefs before anything is generated: more frightening words, and a simpler
 * vocabulary (few distinct hard words, a hard word being one of at least {@code hardWordLetters}
 * letters; a hard word repeated counts once, as a child learns it once: "grandmother").
 *
 * @param frightening words rejected on top of {@link WordList#frighteningEnglish()}
 * @param hardWordLetters a word of this many letters or more is hard
 * @param maxHardWordFrac most distinct hard words as a share of all words; at least one is always
 *     allowed, so that a short prompt with one long name passes
 */
public record VocabularyRules(WordList frightening, int hardWordLetters, double maxHardWordFrac)
    implements Serializable {

  private static final Pattern WORD = Pattern.compile("\\p{L}+(?:['’]\\p{L}+)*");

  /** The reasons {@code text} breaks the rules, in the gate's form; empty when it does not. */
  public List<String> check(String text) {
    List<String> reasons = new ArrayList<>();
    for (String w : frightening.find(text)) {
      reasons.add("unsuitable_word:frightening_for_age \"" + w + "\"");
    }
    Set<String> hard = new LinkedHashSet<>();
    int words = 0;
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      words++;
      String word = m.group();
      if (word.codePointCount(0, word.length()) >= hardWordLetters) {
        hard.add(word.toLowerCase(Locale.ROOT));
      }
    }
    int allowed = Math.max(1, (int) Math.floor(words * maxHardWordFrac));
    if (hard.size() > allowed) {
      reasons.add(
          String.format(
              Locale.ROOT,
              "words:hard_words %d > %d (distinct words of %d+ letters, at most %.0f %% of %d words): %s",
              hard.size(), allowed, hardWordLetters, maxHardWordFrac * 100, words,
              String.join(", ", hard.stream().limit(5).toList())));
    }
    return reasons;
  }
}
