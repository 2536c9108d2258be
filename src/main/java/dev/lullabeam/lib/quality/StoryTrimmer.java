package dev.lullabeam.lib.quality;

import java.util.Set;

/**
 * Cuts a generated story back to its last complete sentence. A language model stops after a fixed
 * number of tokens, usually in the middle of a sentence; narrating that fragment would end the
 * episode mid-thought.
 *
 * <p>A sentence ends at {@code .}, {@code !}, {@code ?} or {@code …}, optionally followed by closing
 * quotes or brackets ({@code "”’')]»}). A full stop is not an ending when a letter or digit follows
 * it directly ({@code 3.5}, {@code example.com}) or when it closes a title such as {@code Mr.}.
 */
public final class StoryTrimmer {
  private static final String CLOSERS = "\"'”’)]}»";
  private static final Set<String> TITLES =
      Set.of("mr", "mrs", "ms", "dr", "st", "prof", "jr", "sr", "mt");

  private StoryTrimmer() {}

  /**
   * Returns {@code text} up to and including its last sentence ending (with any closing quotes or
   * brackets after it), stripped of surrounding white space. A text without any sentence ending is
   * returned stripped but otherwise whole, so that a caller can tell "nothing to trim" from
   * "trimmed"; {@link #endsWithSentence(String)} says which. {@code null} gives {@code ""}.
   */
  public static String trimToLastSentence(String text) {
    if (text == null) {
      return "";
    }
    String stripped = text.strip();
    int end = lastSentenceEnd(stripped);
    return end < 0 ? stripped : stripped.substring(0, end);
  }

  /** Whether the stripped text already ends with a complete sentence. */
  public static boolean endsWithSentence(String text) {
    if (text == null) {
      return false;
    }
    String stripped = text.strip();
    return !stripped.isEmpty() && lastSentenceEnd(stripped) == stripped.length();
  }

  /** Exclusive end index of the last sentence in {@code s}, or -1 if it has none. */
  private static int lastSentenceEnd(String s) {
    for (int i = s.length() - 1; i >= 0; i--) {
      char c = s.charAt(i);
      if (isTerminal(c) && isSentenceEnd(s, i)) {
        int end = i + 1;
        while (end < s.length() && CLOSERS.indexOf(s.charAt(end)) >= 0) {
          end++;
        }
        return end;
      }
    }
    return -1;
  }

  private static boolean isTerminal(char c) {
    return c == '.' || c == '!' || c == '?' || c == '…';
  }

  private static boolean isSentenceEnd(String s, int i) {
    if (s.charAt(i) != '.') {
      return true;
    }
    if (i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i + 1))) {
      return false;
    }
    int wordStart = i;
    while (wordStart > 0 && Character.isLetter(s.charAt(wordStart - 1))) {
      wordStart--;
    }
    String word = s.substring(wordStart, i).toLowerCase(java.util.Locale.ROOT);
    boolean standsAlone = wordStart == 0 || !Character.isLetterOrDigit(s.charAt(wordStart - 1));
    return !(standsAlone && TITLES.contains(word));
  }
}
