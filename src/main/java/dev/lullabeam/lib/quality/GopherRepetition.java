package dev.lullabeam.lib.quality;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Gopher repetition measures, defined as in datatrove's {@code GopherRepetitionFilter}: all
 * character shares are over the length of the whole text; the most frequent n-gram counts its
 * words joined by single spaces; duplicated n-grams count their characters without spaces and,
 * once a duplicate is found, the scan jumps past it so overlapping copies are not counted twice.
 */
final class GopherRepetition {
  private GopherRepetition() {}

  /** Number of repeated elements and the characters they hold. */
  record Duplicates(int elements, long chars) {}

  static Duplicates duplicates(List<String> elements) {
    Set<String> seen = new HashSet<>();
    int repeated = 0;
    long chars = 0;
    for (String element : elements) {
      if (!seen.add(element)) {
        repeated++;
        chars += element.length();
      }
    }
    return new Duplicates(repeated, chars);
  }

  /**
   * Characters covered by the most frequent n-gram: its length (words joined by spaces) times its
   * count; among equally frequent n-grams the first seen wins, like Python's Counter. Zero when the
   * text has fewer than n tokens.
   */
  static long topNGramChars(List<String> tokens, int n) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (int i = 0; i + n <= tokens.size(); i++) {
      counts.merge(String.join(" ", tokens.subList(i, i + n)), 1, Integer::sum);
    }
    long top = 0;
    int topCount = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() > topCount) {
        topCount = e.getValue();
        top = (long) e.getKey().length() * topCount;
      }
    }
    return top;
  }

  /** Characters (without spaces) in n-grams that repeat an earlier n-gram, skipping past each. */
  static long duplicatedNGramChars(List<String> tokens, int n) {
    Set<String> seen = new HashSet<>();
    long repeated = 0;
    int i = 0;
    while (i + n <= tokens.size()) {
      String gram = String.join("", tokens.subList(i, i + n));
      if (seen.contains(gram)) {
        repeated += gram.length();
        i += n;
      } else {
        seen.add(gram);
        i++;
      }
    }
    return repeated;
  }
}
