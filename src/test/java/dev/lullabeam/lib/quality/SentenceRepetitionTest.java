package dev.lullabeam.lib.quality;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SentenceRepetitionTest {
  private static final double THRESHOLD = GateSettings.defaults().nearDupSentenceSimilarity();

  /**
   * Short sentences that differ in two words are as alike as "Goodnight, little fox." and
   * "Goodnight, little owl.", so they are not near-duplicates on their own; in a loop each variant
   * only has to be close to one of the earlier sentences, which the counting test shows.
   */
  @ParameterizedTest(name = "[{index}] {0} ~ {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          I knew I had to get wet.         | I knew I was going to get wet.       | true
          I knew I had to get wet.         | I knew I had to get very wet.        | true
          I knew I had to get wet.         | I knew I had to get wet tonight.     | true
          She looked under the big tree but the ball was not there. | She looked under the old bench but the ball was not there. | true
          I knew I had to get wet.         | I knew that I would get wet.         | false
          She looked under the big tree.   | She looked under the old bench.      | false
          The wet I had to get, I knew.    | I knew I had to get wet.             | true
          The owl hooted softly.           | The fox ran home through the snow.   | false
          One fluffy sheep jumped.         | The moon rose over the field.        | false
          Goodnight, little fox.           | Goodnight, little owl.               | false
          """)
  void nearDuplicateSentencesAreSimilarEnough(String a, String b, boolean near) {
    double similarity =
        SentenceRepetition.similarity(TextUnits.lowerWords(a), TextUnits.lowerWords(b));
    assertThat(similarity, near ? greaterThanOrEqualTo(THRESHOLD) : lessThan(THRESHOLD));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          I knew I had to get wet. I knew I was going to get wet. I knew I had to get very wet.     | 3 | 2
          The fox slept. The owl hooted. The moon rose over the hill.                               | 3 | 0
          Goodnight, cows. Goodnight, hens. Goodnight, ducks.                                       | 3 | 0
          The rain went pitter, patter. The cat slept. The rain went pitter, patter.                | 3 | 1
          I knew I had to get wet. I knew I was going to get wet. I knew that I would get wet.      | 3 | 1
          """)
  void countsSentencesNearlyRepeatingAnEarlierOne(String text, int sentences, int near) {
    SentenceRepetition.Count count =
        SentenceRepetition.count(TextUnits.sentences(text), THRESHOLD);
    assertThat(count.sentences(), is(sentences));
    assertThat(count.nearDuplicates(), is(near));
    assertThat(count.fraction(), closeTo((double) near / sentences, 1e-9));
  }

  @ParameterizedTest(name = "[{index}] {0} / {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a b c   | a b c   | 0
          a b c   | a x c   | 1
          a b c   | a b c d | 1
          a b c d | d c b a | 4
          a       | ''      | 1
          """)
  void editDistanceCountsWords(String a, String b, int distance) {
    assertThat(
        SentenceRepetition.editDistance(TextUnits.lowerWords(a), TextUnits.lowerWords(b)),
        is(distance));
  }
}
