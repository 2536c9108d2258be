package dev.lullabeam.lib.quality;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Length bounds, the Gopher word-quality rules and the ending check, one table each. */
class LengthAndWordChecksTest {
  private static final StoryGate GATE = new StoryGate();

  /** Distinct sentences, so that only the length rule can object. */
  private static String sentences(int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(i -> "The fox counted star number " + i + " with the owl.")
        .collect(Collectors.joining(" "));
  }

  static Stream<Arguments> lengthCases() {
    return Stream.of(
        Arguments.of("a good short story", Stories.read("good/moon-short.txt"), null),
        Arguments.of("fourteen words", Stories.read("bad/too-short.txt"), "length:too_few_words"),
        Arguments.of("one long sentence", longSentence(), "length:too_few_sentences"),
        Arguments.of("2 800 words", sentences(350), "length:too_many_words"),
        Arguments.of("empty", "", "length:too_few_words"));
  }

  private static String longSentence() {
    return "The little mouse walked "
        + IntStream.range(0, 30).mapToObj(i -> "past tree " + i).collect(Collectors.joining(" and "))
        + " until she was home.";
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("lengthCases")
  void boundsWordsAndSentences(String name, String text, String expectedCode) {
    assertFamily(GATE.check(text).reasonCodes(), "length:", expectedCode);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a good short story      | good/moon-short.txt   |
          symbols and numbers     | bad/gibberish.txt     | words:alpha_word_frac
          """)
  void wordRulesOnFixtures(String name, String file, String expectedCode) {
    assertFamily(GATE.check(Stories.read(file)).reasonCodes(), "words:", expectedCode);
  }

  static Stream<Arguments> wordCases() {
    String longWords =
        "Extraordinarily magnificent hippopotamuses contemplated"
            + " incomprehensibly philosophical constellations. ";
    String shortWords = "A cat sat on a mat. It is a fat cat. I am so hot. ";
    String noStopWords = "Cats purr softly. Dogs bark loudly. Birds sing sweetly. ";
    return Stream.of(
        Arguments.of("long words", longWords.repeat(12), "words:mean_word_length"),
        Arguments.of("tiny words", shortWords.repeat(6), "words:mean_word_length"),
        Arguments.of("no stop words", noStopWords.repeat(11), "words:stop_words"),
        Arguments.of("numbers", "It was 1 2 3 4 5 6 7 8 9 10 11 12 and the end. ".repeat(5),
            "words:alpha_word_frac"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("wordCases")
  void wordRulesFollowGopher(String name, String text, String expectedCode) {
    assertThat(GATE.check(text).reasonCodes(), hasItem(expectedCode));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          finished                | good/moon-short.txt          |                          | 0
          unfinished last sentence| good/trailing-fragment.txt   |                          | 47
          no sentence end at all  | bad/no-ending.txt            | ending:no_sentence_end   | 0
          most of the text cut    | bad/trimmed-too-much.txt     | ending:trimmed_too_much  | 428
          """)
  void reportsUnfinishedEndings(String name, String file, String expectedCode, int trimmed) {
    GateResult result = GATE.check(Stories.read(file));
    assertFamily(result.reasonCodes(), "ending:", expectedCode);
    assertThat(result.scores().ending().trimmedChars(), is(trimmed));
  }

  private static void assertFamily(List<String> codes, String family, String expectedCode) {
    if (expectedCode == null) {
      assertThat(codes, everyItem(not(startsWith(family))));
    } else {
      assertThat(codes, hasItem(expectedCode));
    }
  }
}
