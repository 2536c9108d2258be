package dev.lullabeam.lib.pace;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaceTest {

  @Test
  void countsWrittenWords() {
    assertThat(Pace.words("\"Goodnight, Mr. Fox's moon,\" she said — at 3.5 o'clock."), is(9));
  }

  @Test
  void asksForSlowerSpeechThanTheVoiceNaturalRate() {
    assertThat(Pace.speed(0, 183.5), is(1.0));
    // 125 wpm with pauses is 142 wpm of speech alone: 0.77 of 183.5.
    assertThat(Pace.speed(125, 183.5), is(0.77));
  }

  @Test
  void pausesFillTheTimeTheTargetGivesWithinBounds() {
    // 100 words at 120 wpm: 50 s; 40 s of speech leaves 10 s for 5 s of default pauses.
    assertThat(Pace.pauseScale(100, 40, 5, 120), closeTo(2.0, 1e-9));
    assertThat(Pace.pauseScale(100, 49, 5, 120), is(Pace.MIN_PAUSE_SCALE));
    assertThat(Pace.pauseScale(100, 10, 5, 120), is(Pace.MAX_PAUSE_SCALE));
    assertThat(Pace.pauseScale(100, 40, 5, 0), is(1.0));
  }

  @Test
  void achievedRateIsWordsOverFirstWordToLastWord() {
    assertThat(
        Pace.achievedWordsPerMinute(List.of("One two three.", "Four five."), 7_000, 9_500),
        closeTo(120, 1e-9));
  }

  @Test
  void checksRanges() {
    assertThat(Pace.checkWordsPerMinute(125), nullValue());
    assertThat(Pace.checkWordsPerMinute(20), notNullValue());
    assertThat(Pace.checkMinutes(0), notNullValue());
    assertThat(Pace.checkMinutes(15), nullValue());
  }
}
