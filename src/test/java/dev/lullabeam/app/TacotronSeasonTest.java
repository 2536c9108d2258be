package dev.lullabeam.app;

import static dev.lullabeam.app.SeasonCommandTest.lullabeam;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.lib.lm.TensorDType;
import dev.lullabeam.lib.lm.checkpoint.CheckpointShape;
import dev.lullabeam.lib.lm.checkpoint.CheckpointWriter;
import dev.lullabeam.lib.voice.tacotron.TinyVoiceWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A season narrated by the tacotron2-melgan voice (a tiny random voice folder) with one row that
 * asks for MaryTTS and one prompt row for the language model (a tiny random GPT-Neo): the neural
 * voice, MaryTTS and DJL's PyTorch run in this one JVM, each loaded once.
 */
class TacotronSeasonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void aSeasonMixingVoicesAndTheLanguageModelMakesValidEpisodes() throws IOException {
    Path voice = work.resolve("tiny-voice");
    TinyVoiceWriter.write(voice, 3, 2000, 1);
    Path model = work.resolve("tiny-gpt-neo");
    new CheckpointWriter(CheckpointShape.TINY, TensorDType.F32, 1).write(model);
    Path catalogue = work.resolve("season.csv");
    Files.writeString(
        catalogue,
        "id,topic,story,prompt,voice\n"
            + "fox,ocean,\"A little fox watched the sea. It had 3 shells.\n\nThen it slept.\",,\n"
            + "owl,night-forest,\"The owl blinked twice. The forest slept.\",,cmu-slt-hsmm\n"
            + "dream,rain,,A story about rain,tacotron2-melgan\n");
    Path output = work.resolve("out");
    var run =
        lullabeam(
            "season", "--catalogue=" + catalogue, "--output=" + output,
            "--backgrounds=backgrounds/backgrounds.csv", "--progressSeconds=0",
            "--voice=tacotron2-melgan", "--voiceDir=" + voice, "--model=" + model,
            "--maxAttempts=1", "--maxNewTokens=20", "--minNewTokens=1");
    assertThat(run.err, run.exit, is(0));

    JsonNode report = JSON.readTree(output.resolve("report.json").toFile());
    JsonNode loads = report.path("model_loads_per_jvm");
    for (String key : new String[] {"voice:tacotron2-melgan", "voice:cmu-slt-hsmm", "gpt-neo:" + model}) {
      assertThat(key + " in " + loads, loads.path(key).size(), is(1));
      assertThat(key, loads.path(key).elements().next().asInt(), is(1));
    }
    JsonNode fox = checkEpisode(output, "fox", 3);
    assertThat(fox.path("voice").asText(), is("tacotron2-melgan"));
    JsonNode owl = checkEpisode(output, "owl", 2);
    assertThat(owl.path("voice").asText(), is("cmu-slt-hsmm"));
  }

  @Test
  void anIncompleteVoiceFolderStopsTheSeasonBeforeAnyWork() throws IOException {
    Path voice = work.resolve("half-voice");
    TinyVoiceWriter.write(voice, 3, 2000, 1);
    Files.delete(voice.resolve("mapper.json"));
    Path catalogue = work.resolve("season.csv");
    Files.writeString(
        catalogue, "id,topic,story,voice\nfox,ocean,\"A fox slept.\",tacotron2-melgan\n");
    Path output = work.resolve("out");
    var run =
        lullabeam(
            "season", "--catalogue=" + catalogue, "--output=" + output,
            "--backgrounds=backgrounds/backgrounds.csv", "--voiceDir=" + voice);
    assertThat(run.exit, is(2));
    assertThat(run.err.strip().lines().count(), is(1L));
    assertThat(run.err, containsString("voice tacotron2-melgan: voice folder " + voice + " has no mapper.json"));
    assertThat(Files.exists(output.resolve("report.json")), is(false));
  }

  private static JsonNode checkEpisode(Path output, String id, int sentences) throws IOException {
    Path dir = output.resolve("episodes");
    JsonNode json = JSON.readTree(dir.resolve(id + ".json").toFile());
    assertThat(json.path("loudness_lufs").asDouble(), closeTo(-16.0, 1.0));
    assertThat(json.path("true_peak_dbtp").asDouble(), lessThanOrEqualTo(-1.0));
    assertThat(json.path("sample_rate").asInt(), is(48000));
    assertThat(json.path("sentences").size(), is(sentences));
    long lastEnd = 0;
    for (JsonNode s : json.path("sentences")) {
      assertThat(s.path("start_ms").asLong(), greaterThan(lastEnd - 1));
      assertThat(s.path("end_ms").asLong(), greaterThan(s.path("start_ms").asLong()));
      lastEnd = s.path("end_ms").asLong();
    }
    assertThat(lastEnd / 1000.0 + 8.0, closeTo(json.path("duration_s").asDouble(), 0.05));
    String vtt = Files.readString(dir.resolve(id + ".vtt"));
    assertThat(vtt.split("-->").length - 1, is(sentences));
    assertThat(Files.size(dir.resolve(id + ".mp3")), greaterThan(10_000L));
    return json;
  }
}
