package dev.lullabeam.lib.quality;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoryTrimmerTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          Once upon a time. The end came when         | Once upon a time.
          "Goodnight," she said. "Sleep well." And th | "Goodnight," she said. "Sleep well."
          Are you sleepy? Yes! Then sle               | Are you sleepy? Yes!
          The stars twinkled… and the                 | The stars twinkled…
          It was dark... and the                      | It was dark...
          He smiled (and waved.) Then                 | He smiled (and waved.)
          She sang 'la la.' Then she                  | She sang 'la la.'
          He whispered, “Goodnight.” Then             | He whispered, “Goodnight.”
          It was late. Mr. Fox went to                | It was late.
          It was late. Dr. Owl and                    | It was late.
          It was late. The cake cost 3.5 coins and    | It was late.
          It was late. Visit example.com for          | It was late.
          No ending here at all                       | No ending here at all
          ~   Spaces around the story.   ~            | Spaces around the story.
          A finished story.                           | A finished story.
          """)
  void cutsBackToTheLastCompleteSentence(String text, String expected) {
    assertThat(StoryTrimmer.trimToLastSentence(text), is(expected));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          A finished story.              | true
          "A finished story!"            | true
          A finished story. And then     | false
          No ending at all               | false
          It was Mr.                     | false
          """)
  void tellsWhetherTheTextAlreadyEndsWithASentence(String text, boolean expected) {
    assertThat(StoryTrimmer.endsWithSentence(text), is(expected));
  }

  @Test
  void nullAndBlankBecomeEmpty() {
    assertThat(StoryTrimmer.trimToLastSentence(null), is(emptyString()));
    assertThat(StoryTrimmer.trimToLastSentence(" \n "), is(emptyString()));
    assertThat(StoryTrimmer.endsWithSentence(null), is(false));
  }
}
