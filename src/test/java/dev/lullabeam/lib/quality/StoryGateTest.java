package dev.lullabeam.lib.quality;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StoryGateTest {
  private static final StoryGate GATE = new StoryGate();

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "rain-refrain.txt",
        "owl-dialogue.txt",
        "moon-short.txt",
        "goodnight-list.txt",
        "counting-sheep.txt",
        "lighthouse-long.txt",
        "hush-refrain-short.txt",
        "snow-refrain-dense.txt",
        "trailing-fragment.txt"
      })
  void acceptsGoodBedtimeStories(String file) {
    GateResult result = GATE.check(Stories.read("good/" + file));
    assertThat(result.reasons(), is(empty()));
    assertThat(result.accepted(), is(true));
  }

  /** Expected codes are the ones each text was written to show; others may come too. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          paraphrase-loop.txt    | repetition:near_dup_sentence_frac repetition:dup_5_gram_char_frac
          paraphrase-loop-2.txt  | repetition:near_dup_sentence_frac repetition:dup_5_gram_char_frac
          exact-loop-lines.txt   | repetition:dup_line_frac repetition:dup_line_char_frac repetition:dup_10_gram_char_frac repetition:near_dup_sentence_frac
          social-links.txt       | web:url web:handle web:hashtag web:social_media web:call_to_action
          author-bio.txt         | web:email web:phone web:copyright
          code-snippet.txt       | web:markup web:code_chars
          markdown.txt           | web:url web:markup
          too-short.txt          | length:too_few_words
          gibberish.txt          | words:alpha_word_frac words:stop_words length:too_few_words
          profanity.txt          | unsuitable_word:profanity
          frightening.txt        | unsuitable_word:frightening
          no-ending.txt          | ending:no_sentence_end
          trimmed-too-much.txt   | ending:trimmed_too_much length:too_few_words
          """)
  void rejectsBadTextsForTheRightReasons(String file, String codes) {
    GateResult result = GATE.check(Stories.read("bad/" + file));
    assertThat(result.accepted(), is(false));
    assertThat(result.reasonCodes(), hasItems(codes.split(" ")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          paraphrase-loop.txt    | web: unsuitable_word: ending:
          social-links.txt       | repetition: unsuitable_word: ending:
          profanity.txt          | repetition: web: ending: length: words:
          frightening.txt        | repetition: web: ending: length: words:
          """)
  void doesNotBlameWhatIsFine(String file, String families) {
    List<String> codes = GATE.check(Stories.read("bad/" + file)).reasonCodes();
    for (String family : families.split(" ")) {
      assertThat(codes, everyItem(not(startsWith(family))));
    }
  }

  @Test
  void listsEveryReasonNotOnlyTheFirst() {
    String text =
        Stories.read("good/moon-short.txt")
            + " Damn, the shit hit the fan. Visit www.example.com and follow us on Facebook.";
    List<String> reasons = GATE.check(text).reasons();
    assertThat(
        reasons,
        hasItems(
            "unsuitable_word:profanity \"shit\"",
            "web:url \"www.example.com\"",
            "web:social_media \"Facebook\"",
            "web:call_to_action \"follow us on\""));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          repetition:dup_line_frac 0.45 > 0.30  | repetition:dup_line_frac
          web:url "www.facebook.com/x"          | web:url
          ending:no_sentence_end                | ending:no_sentence_end
          """)
  void aReasonCodeIsTheTextBeforeTheFirstSpace(String reason, String code) {
    assertThat(GateResult.codeOf(reason), is(code));
  }

  @Test
  void frighteningWordsCanBeAllowedButAreStillScored() {
    StoryGate lenient = new StoryGate(GateSettings.defaults().withRejectFrighteningWords(false));
    GateResult result = lenient.check(Stories.read("bad/frightening.txt"));
    assertThat(result.accepted(), is(true));
    assertThat(result.scores().frighteningWords(), hasItem("corpse"));
  }

  @Test
  void gopherThresholdsRejectARefrainThatTheBedtimeDefaultsAccept() {
    String story = Stories.read("good/hush-refrain-short.txt");
    assertThat(GATE.check(story).accepted(), is(true));
    GateResult strict = new StoryGate(GateSettings.gopherRepetition()).check(story);
    assertThat(strict.reasonCodes(), hasItem("repetition:dup_10_gram_char_frac"));
  }

  @Test
  void theGateTravelsThroughJavaSerialization() throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(GATE);
      out.writeObject(GATE.check(Stories.read("bad/social-links.txt")));
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      StoryGate gate = (StoryGate) in.readObject();
      GateResult result = (GateResult) in.readObject();
      assertThat(gate.check(Stories.read("bad/social-links.txt")), is(result));
    }
  }
}
