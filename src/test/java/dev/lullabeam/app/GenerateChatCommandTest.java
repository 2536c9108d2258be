package dev.lullabeam.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.app.GenerateCommandTest.Run;
import dev.lullabeam.lib.lm.Gpt2Tokenizer;
import dev.lullabeam.lib.lm.TensorDType;
import dev.lullabeam.lib.lm.TestModels;
import dev.lullabeam.lib.lm.checkpoint.LlamaCheckpointWriter;
import dev.lullabeam.lib.lm.checkpoint.LlamaShape;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateChatCommandTest {
  @TempDir Path tempDir;

  @Test
  void chatPromptIdsAreTheRenderedTemplatesIds() throws Exception {
    Path model = tempDir.resolve("qwen");
    new LlamaCheckpointWriter(LlamaShape.TINY_QWEN2, TensorDType.F32, 3).initStd(0.2).write(model);
    Run run = new Run(new GenerateCommand(), "--model", model.toString(), "--chat", "--system", "Be calm.",
        "--prompt", "A hedgehog.", "--prompt", "A very sleepy owl.", "--maxNewTokens", "5", "--minNewTokens", "0",
        "--temperature", "0", "--json");
    assertThat(run.err, run.exitCode, is(0));
    JsonNode results = new ObjectMapper().readTree(run.out).get("results");
    String[] expected = {
        "<|im_start|>system\nBe calm.<|im_end|>\n<|im_start|>user\nA hedgehog.<|im_end|>\n<|im_start|>assistant\n",
        "<|im_start|>system\nBe calm.<|im_end|>\n<|im_start|>user\nA very sleepy owl.<|im_end|>\n"
            + "<|im_start|>assistant\n"};
    try (Gpt2Tokenizer tokenizer = Gpt2Tokenizer.load(model)) {
      int start = tokenizer.addedTokenId("<|im_start|>");
      for (int i = 0; i < 2; i++) {
        int[] ids = TestModels.ints(results.get(i).get("prompt_ids"));
        assertThat(ids, equalTo(tokenizer.encode(expected[i], false)));
        assertThat(ids[0], is(start));
        assertThat(results.get(i).get("prompt").asText(), equalTo(expected[i]));
      }
    }
  }

  @Test
  void chatWithAModelWithoutTemplateIsAOneLineError() throws Exception {
    Path model = tempDir.resolve("base");
    new LlamaCheckpointWriter(LlamaShape.TINY_LLAMA, TensorDType.F32, 3).withoutChatTemplate().write(model);
    Run run = new Run(new GenerateCommand(), "--model", model.toString(), "--chat", "--prompt", "Hi");
    assertThat(run.exitCode, is(2));
    assertThat(run.err, containsString("error: the model has no chat template"));
    assertThat(run.err.strip().lines().count(), is(1L));
  }
}
