package dev.lullabeam.values;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

class EpisodeRequestPaceTest {

  private static final EpisodeRequest ROW =
      new EpisodeRequest("fox", 2, "rain", null, null, "A fox slept.", null, null, 1);

  @Test
  void theRowWinsThenTheSeasonAndZeroMeansNone() {
    assertThat(ROW.withSeasonPace(0, 0).wordsPerMinute(), nullValue());
    assertThat(ROW.withSeasonPace(0, 0).targetMinutes(), nullValue());
    assertThat(ROW.withSeasonPace(125, 0).wordsPerMinute(), is(125.0));
    assertThat(ROW.withSeasonPace(125, 10).targetMinutes(), is(10.0));
    EpisodeRequest row = ROW.withPace(120.0, 3.0);
    assertThat(row.withSeasonPace(160, 10).wordsPerMinute(), is(120.0));
    assertThat(row.withSeasonPace(160, 10).targetMinutes(), is(3.0));
  }
}
