package dev.lullabeam.lib.stories;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import dev.lullabeam.lib.lm.SamplingSettings;
import dev.lullabeam.lib.lm.TensorDType;
import dev.lullabeam.lib.lm.TestModels;
import dev.lullabeam.lib.lm.checkpoint.LlamaCheckpointWriter;
import dev.lullabeam.lib.lm.checkpoint.LlamaShape;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports and metrics name a story model by the family its config.json names. */
class StoryModelNameTest {

  @TempDir Path work;

  private static String nameOf(Path dir) {
    return new GptNeoStoryModel("my/model", dir.toString(), "cpu", "fp32", 4, 0, SamplingSettings.greedy(8))
        .name();
  }

  @Test
  void theNameSaysTheModelsFamily() throws Exception {
    Path neo = TestModels.writeTiny(work.resolve("neo"), 1);
    Path llama = work.resolve("llama");
    new LlamaCheckpointWriter(LlamaShape.TINY_LLAMA, TensorDType.F32, 3).write(llama);
    Path qwen = work.resolve("qwen");
    new LlamaCheckpointWriter(LlamaShape.TINY_QWEN2, TensorDType.F32, 3).write(qwen);

    assertThat(nameOf(neo), is("gpt-neo:my/model"));
    assertThat(nameOf(llama), is("llama:my/model"));
    assertThat(nameOf(qwen), is("qwen2:my/model"));
  }
}
