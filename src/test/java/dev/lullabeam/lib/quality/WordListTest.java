package dev.lullabeam.lib.quality;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordListTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Oh, shit, my toe!                                   | shit
          SHIT happens.                                       | shit
          What a bitch's trick.                               | bitch
          He called him a bastard and a dick.                 | bastard;dick
          The blow  job was done.                             | blow job
          They drove through Scunthorpe to Essex.             |
          The class of ducks sat on the grass.                |
          The rooster called cock-a-doodle-doo at dawn.       |
          They sipped a cocktail with a shiitake.             |
          The assistant passed the assessment.                |
          The girl on the swing waved.                        |
          A big black cat slept on the mat.                   |
          Poof! The fairy was gone.                           |
          The boat was tied up at the jetty.                  |
          """)
  void matchesWholeWordsAndPhrasesOfTheUnsuitableList(String text, String expected) {
    List<String> found = WordList.unsuitableEnglish().find(text);
    assertThat(found, is(expected == null ? List.of() : Arrays.asList(expected.split(";"))));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          The giant was killed by the fall.       | killed
          A murderer hid in the attic.            | murderer
          He had a gun and a knife.               | gun
          Mum fried eggs in the skillet.          |
          The dragon was a kind old dragon.       |
          The sunset was blood red.               |
          """)
  void matchesTheBedtimeList(String text, String expected) {
    List<String> found = WordList.frighteningEnglish().find(text);
    assertThat(found, is(expected == null ? List.of() : Arrays.asList(expected.split(";"))));
  }

  @Test
  void shipsTheLdnoobwListLessItsDocumentedExceptions() {
    List<String> entries = WordList.unsuitableEnglish().entries();
    // naughty-words@1.2.0 en.json has 403 entries; 14 are exceptions.
    assertThat(entries, hasSize(403 - 14));
    assertThat(entries, hasItem("2 girls 1 cup"));
    assertThat(entries, not(hasItem("poof")));
  }

  @Test
  void anEmptyListFindsNothing() {
    assertThat(new WordList(List.of(" ", "")).find("anything at all"), is(empty()));
  }
}
