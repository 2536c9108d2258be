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
          Sleep (https://example.com/fox) now.             | Sleep now.
          Read [the story](https://example.com) now.       | Read the story now.
          > Once upon a time                               | Once upon a time
          Good night 🌙✨ :)                               | Good night
          <i>Night</i> falls.                              | Night falls.
          """)
  void keepsWhatAReaderShouldSee(String raw, String display) {
    assertThat(DisplayCleaner.clean(raw), is(display));
  }
}
