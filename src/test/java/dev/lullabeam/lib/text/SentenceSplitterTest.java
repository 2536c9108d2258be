package dev.lullabeam.lib.text;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SentenceSplitterTest {

  static Stream<Arguments> stories() {
    return Stream.of(
        Arguments.of(
            "Mr. Smith met Dr. Jones. They talked.",
            List.of("Mr. Smith met Dr. Jones.", "They talked.")),
        Arguments.of(
            "Mrs. Brown and Ms. Green met Prof. Plum at St. Mark's church. It was late.",
            List.of("Mrs. Brown and Ms. Green met Prof. Plum at St. Mark's church.", "It was late.")),
        Arguments.of(
            "He lived on Baker St. The house was red.",
            List.of("He lived on Baker St.", "The house was red.")),
        Arguments.of(
            "Then St. Nicholas came. We climbed Mt. Fuji. It was high.",
            List.of("Then St. Nicholas came.", "We climbed Mt. Fuji.", "It was high.")),
        Arguments.of(
            "We left at 7 p.m. on Sunday. It was dark.",
            List.of("We left at 7 p.m. on Sunday.", "It was dark.")),
        Arguments.of(
            "Bring fruit, e.g. Apples or pears. Or not, i.e. Nothing. See No. 5 today.",
            List.of("Bring fruit, e.g. Apples or pears.", "Or not, i.e. Nothing.", "See No. 5 today.")),
        Arguments.of(
            "It cost $3.50 and weighed 2.5 kg. She paid.",
            List.of("It cost $3.50 and weighed 2.5 kg.", "She paid.")),
        Arguments.of(
            "She came from the U.S.A. in May. She came from the U.S.A. Then she left.",
            List.of("She came from the U.S.A. in May.", "She came from the U.S.A.", "Then she left.")),
        Arguments.of(
            "\"Is it raining?\" she asked. \"No!\" he said. \"Good.\" She smiled.",
            List.of("\"Is it raining?\" she asked.", "\"No!\" he said.", "\"Good.\"", "She smiled.")),
        Arguments.of(
            "“Is it raining?” she asked. ‘No!’ he said. ‘Really?’ ‘Yes.’",
            List.of("“Is it raining?” she asked.", "‘No!’ he said.", "‘Really?’", "‘Yes.’")),
        Arguments.of(
            "\"Is it singing?\" Pip asked the oak. \"Hush!\" Mama Bear whispered. \"Why?\" Sam did not know.",
            List.of(
                "\"Is it singing?\" Pip asked the oak.",
                "\"Hush!\" Mama Bear whispered.",
                "\"Why?\"",
                "Sam did not know.")),
        Arguments.of(
            "Where? he wondered. Nowhere.",
            List.of("Where? he wondered.", "Nowhere.")),
        Arguments.of(
            "Well... maybe. Or… not. I was... I was scared.",
            List.of("Well... maybe.", "Or… not.", "I was...", "I was scared.")),
        Arguments.of("Hello!!! How are you?", List.of("Hello!!!", "How are you?")),
        Arguments.of("What?! Really?!", List.of("What?!", "Really?!")),
        Arguments.of(
            "“I am tired. Let's go home,” she said. “Okay,” he replied, “let's.”",
            List.of("“I am tired.", "Let's go home,” she said.", "“Okay,” he replied, “let's.”")),
        Arguments.of(
            "Привет. Как дела? Ça va très bien! 日本語の文です。次の文。",
            List.of("Привет.", "Как дела?", "Ça va très bien!", "日本語の文です。", "次の文。")),
        Arguments.of("No full stop at the end", List.of("No full stop at the end")),
        Arguments.of(
            "A line\nbroken in the\nmiddle. And another.",
            List.of("A line broken in the middle.", "And another.")),
        Arguments.of(
            "**The** _fox_ ran. Visit https://fox.example.com/den now. 🦊\nhttps://only.a.link\n😀🎉",
            List.of("The fox ran.", "Visit https://fox.example.com/den now. https://only.a.link")),
        Arguments.of("", List.of()),
        Arguments.of("   \n\n \t \r\n  ", List.of()));
  }

  @ParameterizedTest
  @MethodSource("stories")
  void splitsIntoSentences(String story, List<String> expected) {
    assertThat(displays(StoryText.sentences(story)), is(expected));
  }

  @Test
  void paragraphsEndAtBlankLinesAndIndicesHaveNoGaps() {
    String story =
        "# The Fox\n"
            + "Once upon a time. There was a fox.\n"
            + "\n\n"
            + "<script>track(\"visit\")</script>\n"
            + "\n"
            + "😀 🎉\n"
            + "\r\n"
            + "She ran.\n"
            + "She slept.\n"
            + "\n"
            + "The end.";

    List<StorySentence> sentences = StoryText.sentences(story);

    assertThat(
        sentences,
        contains(
            new StorySentence(0, "The Fox", "The Fox", true),
            new StorySentence(1, "Once upon a time.", "Once upon a time.", false),
            new StorySentence(2, "There was a fox.", "There was a fox.", true),
            new StorySentence(3, "She ran.", "She ran.", false),
            new StorySentence(4, "She slept.", "She slept.", true),
            new StorySentence(5, "The end.", "The end.", true)));
  }

  @Test
  void spokenTextIsNormalised() {
    List<StorySentence> sentences = StoryText.sentences("Dr. Jones paid $3.50 at 7 p.m. on the 3rd.");

    assertThat(
        sentences,
        contains(
            new StorySentence(
                0,
                "Dr. Jones paid $3.50 at 7 p.m. on the 3rd.",
                "Doctor Jones paid three dollars and fifty cents at seven P M on the third.",
                true)));
  }

  @Test
  void sentenceWithNothingToSayIsDroppedWithoutLeavingAGap() {
    List<StorySentence> sentences = StoryText.sentences("One. *** . Two. 🦊! Three.");

    assertThat(displays(sentences), is(List.of("One.", "Two.", "Three.")));
    assertThat(sentences.stream().map(StorySentence::index).toList(), is(List.of(0, 1, 2)));
  }

  @Test
  void longSentenceIsCutAtTheBestClauseBoundary() {
    String sentence =
        "The little fox ran through the dark and quiet forest all night long;"
            + " the moon followed her all the way home, and the owls sang softly above her.";

    assertThat(
        displays(StoryText.sentences(sentence, 70)),
        is(
            List.of(
                "The little fox ran through the dark and quiet forest all night long;",
                "the moon followed her all the way home,",
                "and the owls sang softly above her.")));
  }

  @Test
  void commaBeforeAConjunctionIsPreferredToAnyComma() {
    String sentence =
        "The rabbit, the hedgehog and the mouse ate supper together by the fire,"
            + " but the badger, who was very old, slept.";

    assertThat(
        displays(StoryText.sentences(sentence, 90)),
        is(
            List.of(
                "The rabbit, the hedgehog and the mouse ate supper together by the fire,",
                "but the badger, who was very old, slept.")));
  }

  @ParameterizedTest(name = "limit {0}")
  @ValueSource(ints = {40, 57, 80, 120, 200, 333})
  void runOnSentenceIsCutIntoPiecesWithinTheLimitAndNothingIsLost(int limit) {
    String runOn = runOnSentence(1000);

    List<StorySentence> pieces = StoryText.sentences(runOn, limit);

    assertThat(pieces.size(), greaterThan(1000 / limit));
    assertThat(pieces.stream().map(p -> p.display().length()).toList(), everyItem(lessThanOrEqualTo(limit)));
    assertThat(pieces.stream().map(p -> p.spoken().length()).toList(), everyItem(lessThanOrEqualTo(limit)));
    assertThat(words(String.join(" ", displays(pieces))), is(words(runOn)));
    assertThat(pieces.stream().map(StorySentence::index).toList(), is(IntStream.range(0, pieces.size()).boxed().toList()));
    assertThat(pieces.stream().filter(StorySentence::paragraphEnd).count(), is(1L));
    assertThat(pieces.get(pieces.size() - 1).paragraphEnd(), is(true));
  }

  @Test
  void runOnWithoutAnyPunctuationIsCutAtSpaces() {
    String words = IntStream.range(0, 150).mapToObj(i -> "sheep" + (char) ('a' + i % 26)).collect(Collectors.joining(" "));

    List<StorySentence> pieces = StoryText.sentences(words, 60);

    assertThat(pieces.stream().map(p -> p.display().length()).toList(), everyItem(lessThanOrEqualTo(60)));
    assertThat(String.join(" ", displays(pieces)), is(words));
  }

  @Test
  void oneEnormousWordIsStillBounded() {
    String word = "z".repeat(1000);

    List<StorySentence> pieces = StoryText.sentences(word, 50);

    assertThat(pieces.stream().map(p -> p.spoken().length()).toList(), everyItem(lessThanOrEqualTo(50)));
    assertThat(String.join("", displays(pieces)), is(word));
  }

  @Test
  void spokenExpansionOfNumbersIsAlsoBounded() {
    // 24 display chars per "$1,234,567.89" phrase become ~110 spoken chars.
    String numbers =
        IntStream.range(0, 20).mapToObj(i -> "$1,234,567.89 and").collect(Collectors.joining(" ")) + " done.";

    List<StorySentence> pieces = StoryText.sentences(numbers, 120);

    assertThat(pieces.stream().map(p -> p.spoken().length()).toList(), everyItem(lessThanOrEqualTo(120)));
    assertThat(pieces.stream().map(p -> p.display().length()).toList(), everyItem(lessThanOrEqualTo(120)));
    assertThat(words(String.join(" ", displays(pieces))), is(words(numbers)));
  }

  @Test
  void limitBelowTheMinimumIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> StoryText.sentences("Hello.", 39));
  }

  @Test
  void storyMustNotBeNull() {
    assertThrows(NullPointerException.class, () -> StoryText.sentences(null));
  }

  @Test
  void emptyStoryHasNoSentences() {
    assertThat(StoryText.sentences(""), is(empty()));
  }

  private static List<String> displays(List<StorySentence> sentences) {
    return sentences.stream().map(StorySentence::display).toList();
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.split("[^\\p{L}\\p{N}$.,']+")).filter(w -> !w.isEmpty()).map(w -> w.replaceAll("[.,]+$", "")).toList();
  }

  /** A 1000-character run-on story sentence, clauses joined by commas, "and" and semicolons. */
  private static String runOnSentence(int length) {
    String[] clauses = {
      "the fox ran past the old oak tree",
      "and the moon followed her over the hill",
      "the owls were sleeping in the branches",
      "because the night was long and quiet",
      "she counted 1,234 stars in the sky",
      "then she thought of her friends the rabbit and the mouse",
      "which made her smile"
    };
    StringBuilder out = new StringBuilder("Once upon a time");
    String[] joiners = {", ", "; ", " — ", ", ", " "};
    for (int i = 0; out.length() < length - 60; i++) {
      out.append(joiners[i % joiners.length]).append(clauses[i % clauses.length]);
    }
    while (out.length() < length - 1) {
      out.append(" la");
    }
    return out.append('.').toString();
  }
}
