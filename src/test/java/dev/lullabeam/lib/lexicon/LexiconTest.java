package dev.lullabeam.lib.lexicon;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LexiconTest {

  private static final Set<String> VOICES = Set.of("cmu-slt-hsmm", "tacotron2-melgan");

  private static Lexicon lexicon(String csv) throws Lexicon.LexiconException {
    return Lexicon.parse(csv, "names.csv", VOICES::contains);
  }

  @Test
  void theFingerprintNamesOnlyTheEntriesThatChangeWhatTheVoiceSays() throws Exception {
    List<String> story = List.of("Siobhan sailed home.", "The moon was bright.");
    Lexicon one = lexicon("Siobhan,shiv awn\n");
    String used = one.fingerprint(story, "cmu-slt-hsmm");
    assertThat(used.length(), is(16));
    // An entry the story does not use, or one for another voice, leaves it as it was.
    assertThat(lexicon("Siobhan,shiv awn\nNiamh,neeve\n").fingerprint(story, "cmu-slt-hsmm"), is(used));
    assertThat(lexicon("Siobhan,shiv awn\nmoon,mooon,tacotron2-melgan\n").fingerprint(story, "cmu-slt-hsmm"),
        is(used));
    // Saying it differently, or saying another word of the story, changes it.
    assertThat(lexicon("Siobhan,shuh vawn\n").fingerprint(story, "cmu-slt-hsmm").equals(used), is(false));
    assertThat(lexicon("Siobhan,shiv awn\nmoon,mooon\n").fingerprint(story, "cmu-slt-hsmm").equals(used),
        is(false));
    // Nothing used, nothing to record.
    assertThat(lexicon("Niamh,neeve\n").fingerprint(story, "cmu-slt-hsmm"), is(""));
    assertThat(Lexicon.EMPTY.fingerprint(story, "cmu-slt-hsmm"), is(""));
  }

  @Test
  void wholeWordsOnlyLongestPhraseFirst() throws Exception {
    Lexicon l = lexicon("word,say,voice\nPip,pipp\nMister Pip,mister pipper\nread,red\n");
    assertThat(l.apply("Mister Pip met Pip and Pippa.", "cmu-slt-hsmm"), is("mister pipper met pipp and Pippa."));
    assertThat(l.apply("Pip's hat.", "cmu-slt-hsmm"), is("pipp's hat."));
    assertThat(l.apply("Mister   Pip", "cmu-slt-hsmm"), is("mister pipper"));
  }

  @Test
  void lowercaseEntriesMatchAnyCaseCapitalisedOnlyThemselves() throws Exception {
    Lexicon l = lexicon("read,red\nUS,you ess\n");
    assertThat(l.apply("Read it, read it!", "cmu-slt-hsmm"), is("red it, red it!"));
    assertThat(l.apply("The US and us.", "cmu-slt-hsmm"), is("The you ess and us."));
  }

  @Test
  void voiceRowsApplyToThatVoiceOnlyAndArpabetOnlyToAVoiceThatReadsIt() throws Exception {
    Lexicon l = lexicon("Siobhan,shiv awn\nSiobhan,{SH IH0 V AO1 N},tacotron2-melgan\n");
    assertThat(l.apply("Siobhan slept.", "cmu-slt-hsmm"), is("shiv awn slept."));
    assertThat(l.apply("Siobhan slept.", "tacotron2-melgan"), is("{SH IH0 V AO1 N} slept."));

    Lexicon.LexiconException mary =
        assertThrows(Lexicon.LexiconException.class, () -> lexicon("Siobhan,{SH IH0 V AO1 N},cmu-slt-hsmm\n"));
    assertThat(mary.getMessage(), containsString("names.csv row 1: ARPAbet in braces is only for a voice"));
    assertThrows(Lexicon.LexiconException.class, () -> lexicon("Siobhan,{SH IH0 V AO1 N}\n"));
  }

  @Test
  void badRowsAreNamed() {
    assertThat(
        assertThrows(Lexicon.LexiconException.class, () -> lexicon("Pip,pipp\nFox\n")).getMessage(),
        containsString("names.csv row 2: expected 2 or 3 fields"));
    assertThat(
        assertThrows(Lexicon.LexiconException.class, () -> lexicon("Pip,pipp,nobody\n")).getMessage(),
        containsString("unknown voice 'nobody'"));
    assertThat(
        assertThrows(Lexicon.LexiconException.class, () -> lexicon("Pip,\n")).getMessage(),
        containsString("must both be given"));
  }
}
