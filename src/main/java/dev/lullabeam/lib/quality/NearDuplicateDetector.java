package dev.lullabeam.lib.quality;

import dev.lullabeam.lib.random.SplitMix64;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Finds stories of a season that nearly copy an earlier one: a language model given similar prompts
 * can return much the same story twice. Each story becomes the set of its overlapping 5-word
 * shingles (lower-case words, punctuation ignored); MinHash with 128 deterministic hash functions
 * estimates the Jaccard similarity of two sets within about ±0.09 (two standard errors at 0.5).
 * The default threshold, 0.5, is far from both sides of what it separates: a copy with one word
 * in twenty changed keeps ~0.6 of its shingles, two different stories on one theme share almost
 * none (see docs/quality-gate.md).
 *
 * <p>Holds only its parameters and hash seeds, so Beam can serialise it into a DoFn; signatures
 * can be computed per story in parallel and compared where the season is grouped.
 */
public final class NearDuplicateDetector implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final int DEFAULT_SHINGLE_WORDS = 5;
  public static final int DEFAULT_HASHES = 128;
  public static final double DEFAULT_THRESHOLD = 0.5;
  /** "lullabea" in ASCII: any fixed value works, it only has to be the same on every worker. */
  public static final long DEFAULT_SEED = 0x6C756C6C61626561L;

  private final int shingleWords;
  private final double threshold;
  private final long[] hashSeeds;

  /** The earlier story a story nearly copies, with the estimated Jaccard similarity. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Match<K>(K earlierId, double similarity) implements Serializable {}

  public NearDuplicateDetector() {
    this(DEFAULT_SHINGLE_WORDS, DEFAULT_HASHES, DEFAULT_THRESHOLD, DEFAULT_SEED);
  }

  public NearDuplicateDetector(int shingleWords, int hashes, double threshold, long seed) {
    if (shingleWords < 1 || hashes < 1 || threshold <= 0 || threshold > 1) {
      throw new IllegalArgumentException(
          "shingleWords and hashes must be positive and threshold in (0, 1]");
    }
    this.shingleWords = shingleWords;
    this.threshold = threshold;
    this.hashSeeds = new long[hashes];
    for (int i = 0; i < hashes; i++) {
      hashSeeds[i] = SplitMix64.nth(seed, i + 1L);
    }
  }

  public double threshold() {
    return threshold;
  }

  /**
   * The shingles of a story: each run of {@code shingleWords} consecutive words. A story shorter
   * than that is one shingle of all its words; an empty story has none.
   */
  public Set<String> shingles(String story) {
    List<String> words = TextUnits.lowerWords(story);
    Set<String> shingles = new HashSet<>();
    if (words.isEmpty()) {
      return shingles;
    }
    int width = Math.min(shingleWords, words.size());
    for (int i = 0; i + width <= words.size(); i++) {
      shingles.add(String.join(" ", words.subList(i, i + width)));
    }
    return shingles;
  }

  /** The MinHash signature of a story; an empty story gets an empty signature. */
  public long[] signature(String story) {
    Set<String> shingles = shingles(story);
    if (shingles.isEmpty()) {
      return new long[0];
    }
    long[] signature = new long[hashSeeds.length];
    Arrays.fill(signature, Long.MAX_VALUE);
    for (String shingle : shingles) {
      long base = fnv1a64(shingle);
      for (int i = 0; i < hashSeeds.length; i++) {
        long h = SplitMix64.mix(base ^ hashSeeds[i]);
        if (h < signature[i]) {
          signature[i] = h;
        }
      }
    }
    return signature;
  }

  /** Share of equal positions in two signatures; 0 if either story was empty. */
  public static double estimatedSimilarity(long[] a, long[] b) {
    if (a.length == 0 || b.length == 0) {
      return 0;
    }
    if (a.length != b.length) {
      throw new IllegalArgumentException("signatures of different detectors");
    }
    int equal = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b[i]) {
        equal++;
      }
    }
    return (double) equal / a.length;
  }

  /** The exact Jaccard similarity of two stories' shingle sets, for checking the estimate. */
  public double exactSimilarity(String a, String b) {
    Set<String> sa = shingles(a);
    Set<String> sb = shingles(b);
    if (sa.isEmpty() || sb.isEmpty()) {
      return 0;
    }
    Set<String> union = new HashSet<>(sa);
    union.addAll(sb);
    sa.retainAll(sb);
    return (double) sa.size() / union.size();
  }

  /**
   * For each story that nearly copies an earlier one (earlier by the natural order of the ids),
   * the most similar earlier story and the estimated similarity. Stories that copy nothing are
   * absent from the result; the first story never copies.
   */
  public <K extends Comparable<? super K>> SortedMap<K, Match<K>> findNearDuplicates(
      Map<K, String> storiesById) {
    SortedMap<K, String> ordered = new TreeMap<>(storiesById);
    List<K> ids = new ArrayList<>(ordered.keySet());
    List<long[]> signatures = new ArrayList<>();
    ordered.values().forEach(story -> signatures.add(signature(story)));
    SortedMap<K, Match<K>> copies = new TreeMap<>();
    for (int i = 1; i < ids.size(); i++) {
      Match<K> best = null;
      for (int j = 0; j < i; j++) {
        double similarity = estimatedSimilarity(signatures.get(i), signatures.get(j));
        if (similarity >= threshold && (best == null || similarity > best.similarity())) {
          best = new Match<>(ids.get(j), similarity);
        }
      }
      if (best != null) {
        copies.put(ids.get(i), best);
      }
    }
    return copies;
  }

  private static long fnv1a64(String s) {
    long hash = 0xCBF29CE484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xFF;
      hash *= 0x100000001B3L;
    }
    return hash;
  }
}
