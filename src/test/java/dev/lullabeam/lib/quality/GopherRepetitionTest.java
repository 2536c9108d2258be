package dev.lullabeam.lib.quality;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The Gopher measures on inputs small enough to count by hand. */
class GopherRepetitionTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a b c           | 0 | 0
          a b a a         | 2 | 2
          aa b aa b cc    | 2 | 3
          """)
  void countsRepeatedElementsAndTheirCharacters(String elements, int repeated, long chars) {
    GopherRepetition.Duplicates d = GopherRepetition.duplicates(List.of(elements.split(" ")));
    assertThat(d.elements(), is(repeated));
    assertThat(d.chars(), is(chars));
  }

  @ParameterizedTest(name = "[{index}] top {1}-gram of {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          the cat the cat the cat | 2 | 21
          a b c d                 | 2 | 3
          a b a b a               | 2 | 6
          x y z z y               | 1 | 2
          a                       | 2 | 0
          """)
  void topNGramCoversItsLengthTimesItsCount(String tokens, int n, long chars) {
    // "a b a b a": "a b" and "b a" both occur twice; the first seen wins, as in Python's Counter.
    assertThat(GopherRepetition.topNGramChars(List.of(tokens.split(" ")), n), is(chars));
  }

  @ParameterizedTest(name = "[{index}] duplicated {1}-grams of {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a b c d e f                                         | 3 | 0
          a b c a b c                                         | 3 | 3
          a b a b a b                                         | 2 | 4
          one two three four five one two three four five     | 5 | 19
          """)
  void duplicatedNGramsSkipPastEachCopy(String tokens, int n, long chars) {
    assertThat(GopherRepetition.duplicatedNGramChars(List.of(tokens.split(" ")), n), is(chars));
  }

  static Stream<Arguments> gateRepetitionScores() {
    Function<RepetitionScores, Double> dupLine = RepetitionScores::dupLineFrac;
    Function<RepetitionScores, Double> dupLineChars = RepetitionScores::dupLineCharFrac;
    Function<RepetitionScores, Double> dupPara = RepetitionScores::dupParaFrac;
    Function<RepetitionScores, Double> dupParaChars = RepetitionScores::dupParaCharFrac;
    Function<RepetitionScores, Double> top2 = r -> r.topNGramCharFrac().get(2);
    Function<RepetitionScores, Double> dup5 = r -> r.dupNGramCharFrac().get(5);
    return Stream.of(
        // 4 lines, 2 repeat "Aa." (3 chars each) in 15 characters.
        Arguments.of("Aa.\nBb.\nAa.\nAa.", "dup_line_frac", dupLine, 2 / 4.0),
        Arguments.of("Aa.\nBb.\nAa.\nAa.", "dup_line_char_frac", dupLineChars, 6 / 15.0),
        // 3 paragraphs, 1 repeats "Aa." in 13 characters.
        Arguments.of("Aa.\n\nBb.\n\nAa.", "dup_para_frac", dupPara, 1 / 3.0),
        Arguments.of("Aa.\n\nBb.\n\nAa.", "dup_para_char_frac", dupParaChars, 3 / 13.0),
        // Tokens: go , go , go . -> "go ," twice (4 chars) in 11 characters.
        Arguments.of("go, go, go.", "top_2_gram", top2, 8 / 11.0),
        // a b c d e a b c d e . -> the second "abcde" repeats: 5 chars in 20.
        Arguments.of("a b c d e a b c d e.", "dup_5_gram", dup5, 5 / 20.0));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("gateRepetitionScores")
  void gateReportsEachGopherMeasureOverTheWholeText(
      String text, String measure, Function<RepetitionScores, Double> score, double expected) {
    RepetitionScores scores = new StoryGate().check(text).scores().repetition();
    assertThat(score.apply(scores), closeTo(expected, 1e-9));
  }
}
