package dev.lullabeam.lib.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.Serializable;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How repetitive a story is. The first six measures are the Gopher rules (Rae et al. 2021, table
 * A1) as datatrove's {@code GopherRepetitionFilter} computes them; the last three are sentence-level
 * near-repetition, which catches a model looping on one sentence with small variations.
 *
 * @param dupLineFrac share of lines that repeat an earlier line exactly
 * @param dupParaFrac share of paragraphs that repeat an earlier paragraph exactly
 * @param dupLineCharFrac characters in repeated lines over all characters
 * @param dupParaCharFrac characters in repeated paragraphs over all characters
 * @param topNGramCharFrac for n = 2, 3, 4: characters covered by the most frequent n-gram (its
 *     length times its count) over all characters
 * @param dupNGramCharFrac for n = 5..10: characters in n-grams that repeat an earlier n-gram over
 *     all characters
 * @param sentences sentences the near-repetition measure looked at
 * @param nearDupSentences sentences that nearly repeat an earlier sentence
 * @param nearDupSentenceFrac {@code nearDupSentences / sentences}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RepetitionScores(
    double dupLineFrac,
    double dupParaFrac,
    double dupLineCharFrac,
    double dupParaCharFrac,
    @JsonProperty("top_n_gram_char_frac") SortedMap<Integer, Double> topNGramCharFrac,
    @JsonProperty("dup_n_gram_char_frac") SortedMap<Integer, Double> dupNGramCharFrac,
    int sentences,
    int nearDupSentences,
    double nearDupSentenceFrac)
    implements Serializable {

  public RepetitionScores {
    topNGramCharFrac = Collections.unmodifiableSortedMap(new TreeMap<>(topNGramCharFrac));
    dupNGramCharFrac = Collections.unmodifiableSortedMap(new TreeMap<>(dupNGramCharFrac));
  }
}
