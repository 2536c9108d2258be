package dev.lullabeam.lib.text;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptsTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          从前有一只小狐狸，它每天晚上都看星星。                         | Han (100 % of the letters)
          كان يا ما كان، في قديم الزمان، ثعلب صغير ينام تحت القمر.       | Arabic (100 % of the letters)
          Жила-была маленькая лиса. She slept.                       | Cyrillic (72 % of the letters)
          昔々、小さなきつねがいました。                                 | Hiragana and Han (100 % of the letters)
          Once upon a time a fox met Ωmega and 狐.                    | ``
          Café au lait, s'il vous plaît, dit le renard.               | ``
          1234 !!! ...                                                | ``
          """)
  void namesTheScriptsOfAStoryAnEnglishVoiceCannotRead(String story, String expected) {
    Optional<Scripts.Foreign> foreign = Scripts.mostlyForeign(story);
    assertThat(foreign.map(Scripts.Foreign::describe).orElse(""), is(expected == null ? "" : expected));
  }
}
