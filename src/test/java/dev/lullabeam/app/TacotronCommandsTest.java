package dev.lullabeam.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.lib.voice.tacotron.LjSpeechProcessor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** make-voice, and speak with the tacotron2-melgan voice: ids, audio, errors. */
class TacotronCommandsTest {

  @TempDir Path work;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Object command, String... args) {
    return new CommandLine(command)
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  private static List<Integer> ids(JsonNode json) {
    List<Integer> ids = new ArrayList<>();
    json.get("ids").forEach(n -> ids.add(n.intValue()));
    return ids;
  }

  @Test
  void printIdsLoadsNoModelAndRawSkipsLullabeamsNormalisation() throws Exception {
    Path nowhere = work.resolve("no-voice-here");
    assertThat(
        run(new SpeakCommand(), "--voice", "tacotron2-melgan", "--voiceDir", nowhere.toString(),
            "--text", "It is 12/25.", "--print-ids"),
        is(0));
    JsonNode normalised = new ObjectMapper().readTree(out.toString());
    assertThat(normalised.get("processed").asText(), is("It is December twenty-fifth."));
    List<Integer> expected = new ArrayList<>();
    for (int id : LjSpeechProcessor.ljspeech().textToSequence("It is December twenty-fifth.")) {
      expected.add(id);
    }
    assertThat(ids(normalised), is(expected));

    out.getBuffer().setLength(0);
    assertThat(
        run(new SpeakCommand(), "--voice", "tacotron2-melgan", "--text", "It is 12/25.", "--print-ids", "--raw"),
        is(0));
    JsonNode raw = new ObjectMapper().readTree(out.toString());
    assertThat(raw.get("processed").asText(), is("It is 12/25."));
    // TensorFlowTTS's own cleaners: "it is twelve/twenty-five.", the slash not in the table.
    List<Integer> rawExpected = new ArrayList<>();
    for (int id : LjSpeechProcessor.ljspeech().textToSequence("it is twelvetwenty-five.")) {
      rawExpected.add(id);
    }
    assertThat(ids(raw), is(rawExpected));
    assertThat(ids(raw), is(not(ids(normalised))));
  }

  @Test
  void printIdsShowsTheLexiconsArpabetAsTheSeasonWouldSendIt() throws Exception {
    Path lexicon = work.resolve("names.csv");
    Files.writeString(lexicon, "word,say,voice\nSiobhan,{SH IH0 V AO1 N},tacotron2-melgan\n");
    assertThat(
        run(new SpeakCommand(), "--voice", "tacotron2-melgan", "--text", "Siobhan slept.",
            "--print-ids", "--lexicon", lexicon.toString()),
        is(0));
    JsonNode said = new ObjectMapper().readTree(out.toString());
    assertThat(said.get("processed").asText(), is("{SH IH0 V AO1 N} slept."));
    List<Integer> expected = new ArrayList<>();
    for (int id : LjSpeechProcessor.ljspeech().textToSequence("{SH IH0 V AO1 N} slept.")) {
      expected.add(id);
    }
    assertThat(ids(said), is(expected));
  }

  @Test
  void makeVoiceThenSpeakWritesTheWavAndAMissingFolderIsAConfigurationError() throws Exception {
    Path voice = work.resolve("voice");
    assertThat(run(new MakeVoiceCommand(), "--output", voice.toString(), "--frames-per-id", "2"), is(0));
    assertThat(Files.isRegularFile(voice.resolve("tacotron2/saved_model.pb")), is(true));

    Path wav = work.resolve("owl.wav");
    assertThat(
        run(new SpeakCommand(), "--voice", "tacotron2-melgan", "--voiceDir", voice.toString(),
            "--text", "Dr. Owl had 3 hats. Good night.", "--output", wav.toString()),
        is(0));
    assertThat(Files.size(wav), greaterThan(10_000L));
    assertThat(out.toString(), containsString("at 48000 Hz"));

    Path notThere = work.resolve("not-there.wav");
    assertThat(
        run(new SpeakCommand(), "--voice", "tacotron2-melgan", "--voiceDir", work.resolve("none").toString(),
            "--text", "Hello.", "--output", notThere.toString()),
        is(2));
    assertThat(err.toString().strip().lines().count(), is(1L));
    assertThat(err.toString(), containsString("voice tacotron2-melgan: voice folder"));
    assertThat(err.toString(), containsString("does not exist"));
    assertThat(Files.exists(notThere), is(false));
  }

  @Test
  void benchVoicePrintsARealTimeFactorPerLengthAndBatchSize() {
    assertThat(
        run(new BenchVoiceCommand(), "--tiny", "--batch-sizes", "1,3", "--lengths", "30,90", "--repeats", "1"),
        is(0));
    List<String> rows =
        out.toString().lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+")).toList();
    assertThat(out.toString(), rows.size(), is(4));
    // Three copies of a sentence make three times its audio.
    double one = Double.parseDouble(rows.get(0).trim().split("\\s+")[2]);
    double three = Double.parseDouble(rows.get(1).trim().split("\\s+")[2]);
    assertThat(three, org.hamcrest.Matchers.closeTo(3 * one, 0.02));
  }
}
