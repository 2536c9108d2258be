package dev.lullabeam.lib.text;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisplayCleanerTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          **It** cost $3.50, 2.5 kg & 50%.                 | It cost $3.50, 2.5 kg & 50%.
          My #1 fan loves #bedtime in C#.                  | My #1 fan loves bedtime in C#.
          One. 🦊! Two.                                    | One. Two.
          Wait . . . what?                                 | Wait... what?
          Sleep (https://example.com/fox) now.             | Sleep (https://example.com/fox) now.
          Mail fox_den@example.com or #go to ab.org/x_y.   | Mail fox_den@example.com or go to ab.org/x_y.
          Read [the story](https://example.com) now.       | Read the story now.
          > Once upon a time                               | Once upon a time
          Good night 🌙✨ :)                               | Good night
          <i>Night</i> falls.                              | Night falls.
          `Red\u001b[31m fox\u001b]0;title\u0007 ran.`      | Red fox ran.
          `Zero\u200b\u200dwidth \u202Ebidi\u202C\u00ad.`    | Zerowidth bidi.
          <script>var x = "<b>";</script>Hush.             | Hush.
          Caf&eacute; &#8220;quoted&#8221; &#x2014; ok.     | Café “quoted” — ok.
          I <3 you.                                        | I <3 you.
          1. Brush your teeth.                             | Brush your teeth.
          """)
  void keepsWhatAReaderShouldSee(String raw, String display) {
    assertThat(DisplayCleaner.clean(raw), is(display));
  }
}
