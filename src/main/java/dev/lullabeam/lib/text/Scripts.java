package dev.lullabeam.lib.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which writing systems a text's letters are in. lullabeam's voices speak English: a story whose
 * letters are mostly in another script (Chinese, Arabic, Cyrillic …) would be read as romanised
 * gibberish, so it is refused with the script named instead.
 */
public final class Scripts {

  /** Stories are refused when more than this share of their letters is not Latin. */
  public static final double MAX_FOREIGN_SHARE = 0.5;

  private Scripts() {}

  /**
   * The scripts other than Latin that most letters of {@code text} are in (most frequent first),
   * and their share of all letters.
   */
  public record Foreign(List<String> scripts, double share) {
    /** "Han and Hiragana (93 % of the letters)". */
    public String describe() {
      return String.join(" and ", scripts) + " (" + Math.round(share * 100) + " % of the letters)";
    }
  }

  /** Empty when at most {@link #MAX_FOREIGN_SHARE} of the letters are outside the Latin script. */
  public static Optional<Foreign> mostlyForeign(String text) {
    Map<Integer, Integer> counts = new LinkedHashMap<>();
    int letters = 0;
    int latin = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (!UCharacter.isLetter(cp)) {
        continue;
      }
      int script = UScript.getScript(cp);
      if (script == UScript.COMMON || script == UScript.INHERITED) {
        continue;
      }
      letters++;
      if (script == UScript.LATIN) {
        latin++;
      } else {
        counts.merge(script, 1, Integer::sum);
      }
    }
    int foreign = letters - latin;
    if (letters == 0 || foreign <= MAX_FOREIGN_SHARE * letters) {
      return Optional.empty();
    }
    List<String> names =
        counts.entrySet().stream()
            .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed())
            .filter(e -> e.getValue() >= 0.1 * foreign) // the scripts that matter
            .map(e -> UScript.getName(e.getKey()))
            .collect(Collectors.toList());
    return Optional.of(new Foreign(names, foreign / (double) letters));
  }
}
