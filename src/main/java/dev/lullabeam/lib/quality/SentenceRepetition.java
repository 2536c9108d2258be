package dev.lullabeam.lib.quality;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sentence-level near-repetition. A looping model repeats one sentence with small changes ("I knew
 * I had to get wet." / "I knew I was going to get wet."), which exact n-gram counts can miss. Two
 * sentences are near-duplicates when the larger of two similarities of their lower-cased words
 * reaches a threshold: the Jaccard index of the word sets (catches reordering) and one minus the
 * word-level edit distance over the longer length (catches a word swapped or inserted).
 */
final class SentenceRepetition {
  /** Sentences shorter than this ("Goodnight, moon.") are too short to call near-duplicates. */
  static final int MIN_WORDS = 3;

  private SentenceRepetition() {}

  /** Counts of the sentences compared and of those nearly repeating an earlier one. */
  record Count(int sentences, int nearDuplicates) {
    double fraction() {
      return sentences == 0 ? 0 : (double) nearDuplicates / sentences;
    }
  }

  static Count count(List<String> sentences, double similarityThreshold) {
    List<List<String>> earlier = new ArrayList<>();
    int counted = 0;
    int nearDuplicates = 0;
    for (String sentence : sentences) {
      List<String> words = TextUnits.lowerWords(sentence);
      if (words.isEmpty()) {
        continue;
      }
      counted++;
      if (words.size() < MIN_WORDS) {
        continue;
      }
      for (List<String> previous : earlier) {
        if (similarity(words, previous) >= similarityThreshold) {
          nearDuplicates++;
          break;
        }
      }
      earlier.add(words);
    }
    return new Count(counted, nearDuplicates);
  }

  static double similarity(List<String> a, List<String> b) {
    return Math.max(jaccard(a, b), editSimilarity(a, b));
  }

  static double jaccard(List<String> a, List<String> b) {
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    Set<String> common = new HashSet<>(a);
    common.retainAll(new HashSet<>(b));
    return union.isEmpty() ? 1 : (double) common.size() / union.size();
  }

  static double editSimilarity(List<String> a, List<String> b) {
    int longer = Math.max(a.size(), b.size());
    return longer == 0 ? 1 : 1 - (double) editDistance(a, b) / longer;
  }

  /** Levenshtein distance counted in words. */
  static int editDistance(List<String> a, List<String> b) {
    int[] previous = new int[b.size() + 1];
    int[] current = new int[b.size() + 1];
    for (int j = 0; j <= b.size(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.size(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.size(); j++) {
        int substitution = previous[j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.size()];
  }
}
