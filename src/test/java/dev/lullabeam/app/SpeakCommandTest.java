package dev.lullabeam.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SpeakCommandTest {

  @TempDir Path work;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int speak(String... args) {
    return new CommandLine(new SpeakCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void saysWhatTheNarratorSaysAndWritesTheWav() throws Exception {
    Path wav = work.resolve("owl.wav");
    assertThat(speak("--text", "Dr. Owl had 3 hats on 12/25.", "--output", wav.toString()), is(0));
    assertThat(out.toString(), containsString("said: Doctor Owl had three hats on December twenty-fifth."));
    assertThat(Files.size(wav), greaterThan(10_000L));
  }

  @Test
  void aTextInAScriptTheVoiceCannotReadIsRefusedAsTheSeasonRefusesIt() {
    Path wav = work.resolve("fox.wav");
    assertThat(speak("--text", "从前有一只小狐狸。", "--output", wav.toString()), is(2));
    assertThat(err.toString(), containsString("written in Han (100 % of the letters), which the English"
        + " voice cmu-slt-hsmm cannot speak"));
    assertThat(Files.exists(wav), is(false));
  }

  @Test
  void aLexiconChangesWhatIsSaid() throws Exception {
    Path lexicon = work.resolve("names.csv");
    Files.writeString(lexicon, "word,say,voice\nSiobhan,shiv awn\n");
    Path wav = work.resolve("siobhan.wav");
    assertThat(
        speak("--text", "Siobhan's owl hooted.", "--output", wav.toString(),
            "--lexicon", lexicon.toString()),
        is(0));
    assertThat(out.toString(), containsString("said: shiv awn's owl hooted."));
  }

  @Test
  void aLexiconWithArpabetForTheMaryVoiceIsRefused() throws Exception {
    Path lexicon = work.resolve("arpabet.csv");
    Files.writeString(lexicon, "Siobhan,{SH IH0 V AO1 N}\n");
    assertThat(
        speak("--text", "Hello.", "--output", work.resolve("x.wav").toString(),
            "--lexicon", lexicon.toString()),
        is(2));
    assertThat(err.toString(), containsString("row 1: ARPAbet in braces is only for a voice that reads it"));
  }
}
