package dev.lullabeam.lib.text;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lullabeam.lib.audio.SentenceTiming;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebVttTest {

  private static final List<SentenceTiming> TWO_SENTENCES =
      List.of(
          new SentenceTiming(0, "The fox curls up.", 1_500, 3_250),
          new SentenceTiming(1, "Good night, little fox.", 3_800, 3_661_001));

  private static final String TWO_CUES =
      """
      WEBVTT

      NOTE make_id m-1

      1
      00:00:01.500 --> 00:00:03.250
      The fox curls up.

      2
      00:00:03.800 --> 01:01:01.001
      Good night, little fox.
      """;

  @ParameterizedTest(name = "{0} ms → {1}")
  @CsvSource({
    "0,           00:00:00.000",
    "7,           00:00:00.007",
    "999,         00:00:00.999",
    "1000,        00:00:01.000",
    "59999,       00:00:59.999",
    "60000,       00:01:00.000",
    "61001,       00:01:01.001",
    "3599999,     00:59:59.999",
    "3600000,     01:00:00.000",
    "3723004,     01:02:03.004",
    "86400000,    24:00:00.000",
    "360000000,   100:00:00.000"
  })
  void formatsTimestampsWithHours(long ms, String expected) {
    assertThat(WebVtt.timestamp(ms), is(expected));
  }

  @Test
  void writesOneNumberedCuePerSentence() {
    assertThat(WebVtt.of(TWO_SENTENCES, "m-1"), is(TWO_CUES));
  }

  @Test
  void noSentencesGiveJustTheHeaderAndTheMakeNote() {
    assertThat(WebVtt.of(List.of(), "m-1"), is("WEBVTT\n\nNOTE make_id m-1\n"));
  }

  @Test
  void refusesAMakeIdThatWouldEndItsNote() {
    assertThrows(IllegalArgumentException.class, () -> WebVtt.of(List.of(), "a --> b"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          arrow                          | `Left --> right.`           | `Left -> right.`
          longer arrow                   | `Left ---> right.`          | `Left -> right.`
          arrow across a line break      | `Left --\\n> right.`        | `Left -- > right.`
          line break                     | `One line\\nand the next.`  | `One line and the next.`
          blank line                     | `Part one.\\n\\n  Part two.` | `Part one. Part two.`
          CRLF                           | `One.\\r\\nTwo.`            | `One. Two.`
          two CRs make a blank line too  | `One.\\r\\rTwo.`            | `One. Two.`
          surrounding space              | `  Padded.  `               | `Padded.`
          less-than sign                 | `Three < five sheep.`       | `Three &lt; five sheep.`
          ampersand                      | `Salt &amp; pepper & more.` | `Salt &amp;amp; pepper &amp; more.`
          """)
  void sanitisesCueText(String description, String text, String expectedCueText) {
    String raw = text.replace("\\n", "\n").replace("\\r", "\r");

    String vtt = WebVtt.of(List.of(new SentenceTiming(0, raw, 0, 1_000)), "m-1");

    assertThat(vtt, is("WEBVTT\n\nNOTE make_id m-1\n\n1\n00:00:00.000 --> 00:00:01.000\n" + expectedCueText + "\n"));
  }
}
