package dev.lullabeam.lib.lm.checkpoint;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.lib.lm.Gpt2Tokenizer;
import dev.lullabeam.lib.lm.SafetensorsFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPT-2 layout Jlama's GPT2Model reads (bench/jlama.sh): names, Conv1D [in, out] shapes, config. */
class Gpt2CheckpointWriterTest {

  @Test
  void writesGpt2NamesShapesConfigAndTokenizer(@TempDir Path dir) throws Exception {
    long parameters = new Gpt2CheckpointWriter(7, 32, 2, 4).write(dir);

    SafetensorsFile weights = SafetensorsFile.open(dir.resolve("model.safetensors"));
    assertThat(weights.info("wte.weight").shape(), equalTo(new long[] {50257, 32}));
    assertThat(weights.info("wpe.weight").shape(), equalTo(new long[] {1024, 32}));
    assertThat(weights.info("h.1.attn.c_attn.weight").shape(), equalTo(new long[] {32, 96}));
    assertThat(weights.info("h.1.attn.c_attn.bias").shape(), equalTo(new long[] {96}));
    assertThat(weights.info("h.1.attn.c_proj.weight").shape(), equalTo(new long[] {32, 32}));
    assertThat(weights.info("h.1.mlp.c_fc.weight").shape(), equalTo(new long[] {32, 128}));
    assertThat(weights.info("h.1.mlp.c_proj.weight").shape(), equalTo(new long[] {128, 32}));
    assertThat(weights.info("h.0.ln_2.weight").shape(), equalTo(new long[] {32}));
    assertThat(weights.info("ln_f.bias").shape(), equalTo(new long[] {32}));
    assertThat(weights.info("wte.weight").dtype(), is("F32"));
    assertThat(weights.tensors().size(), is(2 + 2 * 12 + 2));
    long stored = weights.tensors().values().stream().mapToLong(SafetensorsFile.TensorInfo::elementCount).sum();
    assertThat(stored, is(parameters));

    JsonNode config = new ObjectMapper().readTree(dir.resolve("config.json").toFile());
    assertThat(config.path("model_type").asText(), is("gpt2"));
    assertThat(config.path("n_embd").asInt(), is(32));
    assertThat(config.path("n_layer").asInt(), is(2));
    assertThat(config.path("n_head").asInt(), is(4));
    assertThat(config.path("n_ctx").asInt(), is(1024));
    assertThat(config.path("eos_token_id").asInt(), is(50256));

    // tokenizer.json tokenizes as the bundled GPT-2 BPE does.
    try (Gpt2Tokenizer written = Gpt2Tokenizer.load(dir); Gpt2Tokenizer bundled = Gpt2Tokenizer.bundledGpt2()) {
      String text = "Once upon a time, a sleepy owl<|endoftext|>";
      assertThat(written.encode(text, false), equalTo(bundled.encode(text, false)));
    }
  }
}
