package dev.lullabeam.lib.quality;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Thresholds of the {@link StoryGate}. {@link #defaults()} are calibrated for bedtime stories of a
 * few hundred words; docs/quality-gate.md says why each differs from the Gopher web-text values.
 * A bound is checked strictly ({@code value > max} rejects); a fraction of 1 or more switches a
 * repetition rule off.
 *
 * @param minWords fewest words a story may have after trimming
 * @param maxWords most words
 * @param minSentences fewest sentences
 * @param maxSentences most sentences
 * @param minAlphaWordFrac least share of words that contain a letter (Gopher: 0.8)
 * @param minMeanWordLength shortest mean word length (Gopher: 3)
 * @param maxMeanWordLength longest mean word length (Gopher: 10)
 * @param minStopWords fewest distinct Gopher stop words (the, be, to, of, and, that, have, with)
 * @param maxDupLineFrac Gopher duplicate line fraction
 * @param maxDupParaFrac Gopher duplicate paragraph fraction
 * @param maxDupLineCharFrac Gopher duplicate line character fraction
 * @param maxDupParaCharFrac Gopher duplicate paragraph character fraction
 * @param maxTopNGramCharFrac n → largest share of characters in the most frequent n-gram
 * @param maxDupNGramCharFrac n → largest share of characters in duplicated n-grams
 * @param nearDupSentenceSimilarity word similarity from which two sentences are near-duplicates
 * @param maxNearDupSentenceFrac largest share of sentences nearly repeating an earlier one
 * @param minNearDupSentences fewest near-duplicate sentences before that share can reject
 * @param maxTrimmedFrac largest share of characters the trimmer may cut off the end
 * @param rejectFrighteningWords whether {@link WordList#frighteningEnglish()} rejects a story
 */
public record GateSettings(
    int minWords,
    int maxWords,
    int minSentences,
    int maxSentences,
    double minAlphaWordFrac,
    double minMeanWordLength,
    double maxMeanWordLength,
    int minStopWords,
    double maxDupLineFrac,
    double maxDupParaFrac,
    double maxDupLineCharFrac,
    double maxDupParaCharFrac,
    SortedMap<Integer, Double> maxTopNGramCharFrac,
    SortedMap<Integer, Double> maxDupNGramCharFrac,
    double nearDupSentenceSimilarity,
    double maxNearDupSentenceFrac,
    int minNearDupSentences,
    double maxTrimmedFrac,
    boolean rejectFrighteningWords)
    implements Serializable {

  public GateSettings {
    if (minWords < 0 || maxWords < minWords) {
      throw new IllegalArgumentException("word bounds " + minWords + ".." + maxWords);
    }
    if (minSentences < 0 || maxSentences < minSentences) {
      throw new IllegalArgumentException("sentence bounds " + minSentences + ".." + maxSentences);
    }
    maxTopNGramCharFrac = Collections.unmodifiableSortedMap(new TreeMap<>(maxTopNGramCharFrac));
    maxDupNGramCharFrac = Collections.unmodifiableSortedMap(new TreeMap<>(maxDupNGramCharFrac));
  }

  /** Thresholds for bedtime stories; see docs/quality-gate.md. */
  public static GateSettings defaults() {
    return new GateSettings(
        60,
        2500,
        3,
        300,
        0.8,
        3,
        10,
        2,
        0.40,
        0.40,
        0.30,
        0.30,
        new TreeMap<>(Map.of(2, 0.25, 3, 0.25, 4, 0.25)),
        new TreeMap<>(Map.of(5, 0.25, 6, 0.25, 7, 0.25, 8, 0.25, 9, 0.25, 10, 0.25)),
        0.7,
        0.35,
        3,
        0.40,
        true);
  }

  /**
   * The defaults with the repetition thresholds of Gopher / datatrove's GopherRepetitionFilter
   * (dup_line_frac 0.30, dup_para_frac 0.30, dup_line_char_frac 0.20, dup_para_char_frac 0.20, top
   * n-grams 0.20/0.18/0.16, duplicated 5..10-grams 0.15 down to 0.10). Stricter than {@link
   * #defaults()}: stories with a refrain fail them.
   */
  public static GateSettings gopherRepetition() {
    GateSettings d = defaults();
    return new GateSettings(
        d.minWords, d.maxWords, d.minSentences, d.maxSentences, d.minAlphaWordFrac,
        d.minMeanWordLength, d.maxMeanWordLength, d.minStopWords, 0.30, 0.30, 0.20, 0.20,
        new TreeMap<>(Map.of(2, 0.20, 3, 0.18, 4, 0.16)),
        new TreeMap<>(Map.of(5, 0.15, 6, 0.14, 7, 0.13, 8, 0.12, 9, 0.11, 10, 0.10)),
        d.nearDupSentenceSimilarity, d.maxNearDupSentenceFrac, d.minNearDupSentences,
        d.maxTrimmedFrac, d.rejectFrighteningWords);
  }

  public GateSettings withWordBounds(int min, int max) {
    return new GateSettings(
        min, max, minSentences, maxSentences, minAlphaWordFrac, minMeanWordLength,
        maxMeanWordLength, minStopWords, maxDupLineFrac, maxDupParaFrac, maxDupLineCharFrac,
        maxDupParaCharFrac, maxTopNGramCharFrac, maxDupNGramCharFrac, nearDupSentenceSimilarity,
        maxNearDupSentenceFrac, minNearDupSentences, maxTrimmedFrac, rejectFrighteningWords);
  }

  public GateSettings withSentenceBounds(int min, int max) {
    return new GateSettings(
        minWords, maxWords, min, max, minAlphaWordFrac, minMeanWordLength, maxMeanWordLength,
        minStopWords, maxDupLineFrac, maxDupParaFrac, maxDupLineCharFrac, maxDupParaCharFrac,
        maxTopNGramCharFrac, maxDupNGramCharFrac, nearDupSentenceSimilarity,
        maxNearDupSentenceFrac, minNearDupSentences, maxTrimmedFrac, rejectFrighteningWords);
  }

  public GateSettings withRejectFrighteningWords(boolean reject) {
    return new GateSettings(
        minWords, maxWords, minSentences, maxSentences, minAlphaWordFrac, minMeanWordLength,
        maxMeanWordLength, minStopWords, maxDupLineFrac, maxDupParaFrac, maxDupLineCharFrac,
        maxDupParaCharFrac, maxTopNGramCharFrac, maxDupNGramCharFrac, nearDupSentenceSimilarity,
        maxNearDupSentenceFrac, minNearDupSentences, maxTrimmedFrac, reject);
  }
}
