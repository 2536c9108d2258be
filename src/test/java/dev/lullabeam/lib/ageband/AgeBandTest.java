package dev.lullabeam.lib.ageband;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lullabeam.lib.quality.GateResult;
import dev.lullabeam.lib.quality.GateSettings;
import org.junit.jupiter.api.Test;

class AgeBandTest {
  /** A calm story of 80 words that passes the default gate; {WORD} is replaced. */
  private static final String STORY =
      "Little Mira the seal swam home to the big flat rock where her grandmother lived. The water"
          + " was warm and the moon was round and bright above the quiet bay. Her grandmother told"
          + " her about the little crabs who sleep under the sand and the {WORD} far over the sea."
          + " Then Mira yawned and curled her tail around her nose and listened to the waves. Slowly,"
          + " slowly, her eyes closed, and she dreamed of swimming with the stars. Goodnight, Mira.";

  @Test
  void parsesTheThreeBandsAndNamesThemWhenTheValueIsWrong() {
    assertThat(AgeBand.parse("3-5"), is(AgeBand.AGES_3_5));
    assertThat(AgeBand.parse("6-8"), is(AgeBand.AGES_6_8));
    assertThat(AgeBand.parse("9-12"), is(AgeBand.AGES_9_12));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgeBand.parse("teen"));
    assertThat(e.getMessage(), is("must be one of 3-5, 6-8 or 9-12, was \"teen\""));
  }

  @Test
  void eachBandHasItsPaceAndLength() {
    assertThat(AgeBand.AGES_3_5.wordsPerMinute(), is(115.0));
    assertThat(AgeBand.AGES_3_5.minutes(), is(5.0));
    assertThat(AgeBand.AGES_6_8.wordsPerMinute(), is(125.0));
    assertThat(AgeBand.AGES_6_8.minutes(), is(8.0));
    assertThat(AgeBand.AGES_9_12.wordsPerMinute(), is(140.0));
    assertThat(AgeBand.AGES_9_12.minutes(), is(12.0));
  }

  @Test
  void theYoungestBandRefusesMildPerilAndHardWordsInPrompts() {
    assertThat(
        AgeBand.AGES_3_5.checkPrompt("A little monster got lost in the woods."),
        contains(
            "unsuitable_word:frightening_for_age \"monster\"",
            "unsuitable_word:frightening_for_age \"lost\""));
    assertThat(AgeBand.AGES_6_8.checkPrompt("A little monster got lost in the woods."), is(empty()));
    // One long word is allowed in a short prompt; two are not.
    assertThat(AgeBand.AGES_3_5.checkPrompt("A caterpillar found a leaf."), is(empty()));
    assertThat(
        AgeBand.AGES_3_5.checkPrompt("An extraordinary caterpillar found a leaf.").get(0),
        startsWith("words:hard_words 2 > 1 (distinct words of 10+ letters"));
    assertThat(AgeBand.AGES_3_5.checkPrompt("A caterpillar met a caterpillar."), is(empty()));
    // The gate's own frightening words are refused for every band.
    assertThat(AgeBand.AGES_9_12.checkPrompt("The murderer waited."),
        contains("unsuitable_word:frightening \"murderer\""));
  }

  @Test
  void theYoungestBandsGateRejectsAStoryTheOthersAccept() {
    String stormy = STORY.replace("{WORD}", "storm");
    GateResult young = AgeBand.AGES_3_5.gate(GateSettings.defaults()).check(stormy);
    assertThat(young.accepted(), is(false));
    assertThat(young.reasons(), hasItem("unsuitable_word:frightening_for_age \"storm\""));
    GateResult older = AgeBand.AGES_6_8.gate(GateSettings.defaults()).check(stormy);
    assertThat(older.reasons(), not(hasItem("unsuitable_word:frightening_for_age \"storm\"")));
    assertThat(older.accepted(), is(true));
    assertThat(AgeBand.AGES_3_5.gate(GateSettings.defaults()).check(STORY.replace("{WORD}", "fish"))
        .accepted(), is(true));
  }
}
