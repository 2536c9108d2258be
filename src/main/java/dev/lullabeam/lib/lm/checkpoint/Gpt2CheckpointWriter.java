package dev.lullabeam.lib.lm.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lullabeam.lib.lm.Gpt2Tokenizer;
import dev.lullabeam.lib.lm.SafetensorsWriter.HostTensor;
import dev.lullabeam.lib.lm.TensorDType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a randomly initialised GPT-2 (the exact shape of {@code openai-community/gpt2}, 124,439,808
 * parameters: hidden 768, 12 layers, 12 heads, 1024 positions, the 50257-token GPT-2 BPE) in Hugging
 * Face's layout: config.json ({@code model_type} gpt2), model.safetensors with GPT-2's names and its
 * Conv1D weights stored [in, out] ({@code h.N.attn.c_attn.weight} is [768, 2304]), tokenizer.json,
 * vocab.json and merges.txt.
 *
 * <p>lullabeam does not run GPT-2; this checkpoint is for the side-by-side comparison with Jlama
 * (bench/jlama.sh), whose GPT-2 loader reads exactly these names. GPT-2-124M and GPT-Neo-125M do the
 * same work per token except for GPT-Neo's local attention window.
 */
public final class Gpt2CheckpointWriter {
  public static final int HIDDEN = 768;
  public static final int LAYERS = 12;
  public static final int HEADS = 12;
  public static final int POSITIONS = 1024;
  public static final int VOCAB = 50257;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long seed;
  private final int hidden;
  private final int layers;
  private final int heads;

  /** The 124M shape. */
  public Gpt2CheckpointWriter(long seed) {
    this(seed, HIDDEN, LAYERS, HEADS);
  }

  /** A GPT-2 of another width and depth (tests write a small one; the vocabulary stays GPT-2's). */
  public Gpt2CheckpointWriter(long seed, int hidden, int layers, int heads) {
    this.seed = seed;
    this.hidden = hidden;
    this.layers = layers;
    this.heads = heads;
  }

  /** Writes the checkpoint (fp32) into {@code dir} and returns its parameter count. */
  public long write(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String name : new String[] {"vocab.json", "merges.txt"}) {
      try (InputStream in = resource(name)) {
        Files.copy(in, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    try (InputStream vocab = resource("vocab.json"); InputStream merges = resource("merges.txt")) {
      Files.write(dir.resolve("tokenizer.json"), Gpt2Tokenizer.tokenizerJson(vocab, merges, dir.toString()));
    }
    ObjectNode config = JSON.createObjectNode();
    config.putArray("architectures").add("GPT2LMHeadModel");
    config.put("model_type", "gpt2");
    config.put("activation_function", "gelu_new");
    config.put("vocab_size", VOCAB);
    config.put("n_ctx", POSITIONS);
    config.put("n_positions", POSITIONS);
    config.put("n_embd", hidden);
    config.put("n_layer", layers);
    config.put("n_head", heads);
    config.put("layer_norm_epsilon", 1e-5);
    config.put("bos_token_id", VOCAB - 1);
    config.put("eos_token_id", VOCAB - 1);
    config.put("tie_word_embeddings", true);
    config.put("torch_dtype", "float32");
    Files.writeString(dir.resolve("config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
    Map<String, HostTensor> weights = randomWeights();
    CheckpointWriter.writeWeights(dir, weights, TensorDType.F32, Long.MAX_VALUE);
    return weights.values().stream().mapToLong(t -> t.values().length).sum();
  }

  /** Hugging Face's GPT-2 init: normal(0, 0.02) weights, zero biases, LayerNorm 1/0. */
  private Map<String, HostTensor> randomWeights() {
    SplittableRandom random = new SplittableRandom(seed);
    int c = hidden;
    Map<String, HostTensor> tensors = new LinkedHashMap<>();
    tensors.put("wte.weight", normal(random, VOCAB, c));
    tensors.put("wpe.weight", normal(random, POSITIONS, c));
    for (int layer = 0; layer < layers; layer++) {
      String p = "h." + layer + ".";
      tensors.put(p + "ln_1.weight", filled(c, 1f));
      tensors.put(p + "ln_1.bias", filled(c, 0f));
      tensors.put(p + "attn.c_attn.weight", normal(random, c, 3 * c));
      tensors.put(p + "attn.c_attn.bias", filled(3 * c, 0f));
      tensors.put(p + "attn.c_proj.weight", normal(random, c, c));
      tensors.put(p + "attn.c_proj.bias", filled(c, 0f));
      tensors.put(p + "ln_2.weight", filled(c, 1f));
      tensors.put(p + "ln_2.bias", filled(c, 0f));
      tensors.put(p + "mlp.c_fc.weight", normal(random, c, 4 * c));
      tensors.put(p + "mlp.c_fc.bias", filled(4 * c, 0f));
      tensors.put(p + "mlp.c_proj.weight", normal(random, 4 * c, c));
      tensors.put(p + "mlp.c_proj.bias", filled(c, 0f));
    }
    tensors.put("ln_f.weight", filled(c, 1f));
    tensors.put("ln_f.bias", filled(c, 0f));
    return tensors;
  }

  private static HostTensor normal(SplittableRandom random, int rows, int cols) {
    float[] values = new float[rows * cols];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextGaussian() * CheckpointWriter.DEFAULT_INIT_STD);
    }
    return new HostTensor(values, new long[] {rows, cols});
  }

  private static HostTensor filled(int size, float value) {
    float[] values = new float[size];
    java.util.Arrays.fill(values, value);
    return new HostTensor(values, new long[] {size});
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = Gpt2CheckpointWriter.class.getResourceAsStream("/dev/lullabeam/lib/lm/gpt2/" + name);
    if (in == null) {
      throw new IOException("resource dev/lullabeam/lib/lm/gpt2/" + name + " is missing");
    }
    return in;
  }
}
