package dev.lullabeam.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import ai.djl.Device;
import dev.lullabeam.lib.lm.ComputeType;
import dev.lullabeam.lib.lm.GenerationRequest;
import dev.lullabeam.lib.lm.LanguageModel;
import dev.lullabeam.lib.lm.SamplingSettings;
import dev.lullabeam.lib.lm.SafetensorsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MakeCheckpointCommandTest {
  @Test
  void writesALoadableTinyCheckpointInBf16(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("tiny-bf16");
    GenerateCommandTest.Run run = new GenerateCommandTest.Run(new MakeCheckpointCommand(),
        "--shape", "tiny", "--dtype", "bf16", "--output", output.toString(), "--seed", "3");
    assertThat(run.err, run.exitCode, is(0));
    assertThat(run.out, containsString("wrote tiny"));
    for (String file : List.of("config.json", "model.safetensors", "vocab.json", "merges.txt")) {
      assertThat(file, Files.isRegularFile(output.resolve(file)), is(true));
    }
    assertThat(SafetensorsFile.open(output.resolve("model.safetensors")).info("transformer.wte.weight").dtype(),
        is("BF16"));
    try (LanguageModel model = LanguageModel.load(output, Device.cpu(), ComputeType.FLOAT32)) {
      assertThat(model.config().vocabSize(), is(457));
      assertThat(model.generate(List.of(model.prepare(GenerationRequest.ofText("Hello",
          SamplingSettings.greedy(3), 0)))).size(), is(1));
    }
  }

  @Test
  void refusesToOverwriteWithoutForce(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("something.txt"), "keep me");
    GenerateCommandTest.Run run = new GenerateCommandTest.Run(new MakeCheckpointCommand(),
        "--shape", "tiny", "--output", dir.toString());
    assertThat(run.exitCode, is(2));
    assertThat(run.err, containsString("is not empty; use --force"));
    GenerateCommandTest.Run unknown = new GenerateCommandTest.Run(new MakeCheckpointCommand(),
        "--shape", "gpt-j", "--output", dir.resolve("x").toString());
    assertThat(unknown.exitCode, is(2));
    assertThat(unknown.err, containsString("unknown checkpoint shape"));
  }
}
