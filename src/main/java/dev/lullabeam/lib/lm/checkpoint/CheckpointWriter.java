package dev.lullabeam.lib.lm.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lullabeam.lib.lm.GptNeoConfig;
import dev.lullabeam.lib.lm.HalfFloats;
import dev.lullabeam.lib.lm.SafetensorsWriter;
import dev.lullabeam.lib.lm.SafetensorsWriter.HostTensor;
import dev.lullabeam.lib.lm.TensorDType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a randomly initialised GPT-Neo in Hugging Face layout: config.json, model.safetensors (or
 * shards plus model.safetensors.index.json), vocab.json and merges.txt. Initialisation follows
 * Hugging Face's {@code _init_weights}: normal(0, std) for linear and embedding weights, zero biases,
 * LayerNorm weight 1 and bias 0. Used for tests and benchmarks, since no real weights can be fetched
 * here; the text such a model writes is noise.
 */
public final class CheckpointWriter {
  /** Hugging Face's {@code initializer_range} for GPT-Neo. */
  public static final double DEFAULT_INIT_STD = 0.02;
  static final int TINY_MERGES = 200;
  private static final String END_OF_TEXT = "<|endoftext|>";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CheckpointShape shape;
  private final TensorDType dtype;
  private final long seed;
  private double initStd = DEFAULT_INIT_STD;
  private boolean randomNormParameters;
  private long maxShardBytes = Long.MAX_VALUE;
  private TensorDType representableIn;

  public CheckpointWriter(CheckpointShape shape, TensorDType dtype, long seed) {
    this.shape = shape;
    this.dtype = dtype;
    this.seed = seed;
  }

  /** Larger than 0.02 makes a small random model's predictions decisive, which tests rely on. */
  public CheckpointWriter initStd(double std) {
    this.initStd = std;
    return this;
  }

  /** Random LayerNorm weights and biases and random linear biases, so tests exercise them too. */
  public CheckpointWriter randomNormParameters(boolean enabled) {
    this.randomNormParameters = enabled;
    return this;
  }

  /**
   * Round every value to what {@code type} can hold before writing, so checkpoints of the same seed
   * written in different dtypes hold identical numbers (tests compare them token for token).
   */
  public CheckpointWriter representableIn(TensorDType type) {
    this.representableIn = type;
    return this;
  }

  /** Split the weights into shards of at most this many bytes (with an index file). */
  public CheckpointWriter maxShardBytes(long bytes) {
    this.maxShardBytes = bytes;
    return this;
  }

  public GptNeoConfig config(int vocabSize) {
    List<Boolean> local = new ArrayList<>();
    for (int layer = 0; layer < shape.numLayers(); layer++) {
      local.add(layer % 2 == 1);
    }
    int eos = vocabSize - 1; // <|endoftext|> is the last id in both vocabularies
    return new GptNeoConfig(vocabSize, shape.maxPositionEmbeddings(), shape.hiddenSize(), shape.numLayers(),
        shape.numHeads(), 4 * shape.hiddenSize(), shape.windowSize(), 1e-5f, eos, eos, true, local);
  }

  /** Writes the checkpoint into {@code dir} (created if needed) and returns its config. */
  public GptNeoConfig write(Path dir) throws IOException {
    Files.createDirectories(dir);
    int vocabSize = writeVocabulary(dir);
    GptNeoConfig config = config(vocabSize);
    ObjectNode json = config.toJson();
    json.put("torch_dtype", dtype == TensorDType.F32 ? "float32" : dtype == TensorDType.F16 ? "float16" : "bfloat16");
    Files.writeString(dir.resolve(GptNeoConfig.FILE_NAME), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    Map<String, HostTensor> weights = randomWeights(config);
    if (representableIn != null) {
      weights.values().forEach(tensor -> roundInPlace(tensor.values(), representableIn));
    }
    writeWeights(dir, weights, dtype, maxShardBytes);
    return config;
  }

  /** The weights in Hugging Face's order and naming. */
  public Map<String, HostTensor> randomWeights(GptNeoConfig config) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, HostTensor> tensors = new LinkedHashMap<>();
    int c = config.hiddenSize();
    int inner = config.intermediateSize();
    tensors.put("transformer.wte.weight", normal(random, initStd, config.vocabSize(), c));
    tensors.put("transformer.wpe.weight", normal(random, initStd, config.maxPositionEmbeddings(), c));
    for (int layer = 0; layer < config.numLayers(); layer++) {
      String p = "transformer.h." + layer + ".";
      tensors.put(p + "ln_1.weight", norm(random, true, c));
      tensors.put(p + "ln_1.bias", norm(random, false, c));
      tensors.put(p + "attn.attention.k_proj.weight", normal(random, initStd, c, c));
      tensors.put(p + "attn.attention.v_proj.weight", normal(random, initStd, c, c));
      tensors.put(p + "attn.attention.q_proj.weight", normal(random, initStd, c, c));
      tensors.put(p + "attn.attention.out_proj.weight", normal(random, initStd, c, c));
      tensors.put(p + "attn.attention.out_proj.bias", bias(random, c));
      tensors.put(p + "ln_2.weight", norm(random, true, c));
      tensors.put(p + "ln_2.bias", norm(random, false, c));
      tensors.put(p + "mlp.c_fc.weight", normal(random, initStd, inner, c));
      tensors.put(p + "mlp.c_fc.bias", bias(random, inner));
      tensors.put(p + "mlp.c_proj.weight", normal(random, initStd, c, inner));
      tensors.put(p + "mlp.c_proj.bias", bias(random, c));
    }
    tensors.put("transformer.ln_f.weight", norm(random, true, c));
    tensors.put("transformer.ln_f.bias", norm(random, false, c));
    return tensors;
  }

  /** Writes model.safetensors, or shards of at most {@code maxShardBytes} with an index. */
  static void writeWeights(Path dir, Map<String, HostTensor> tensors, TensorDType dtype, long maxShardBytes)
      throws IOException {
    Map<String, String> metadata = Map.of("format", "pt");
    if (maxShardBytes == Long.MAX_VALUE) {
      SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors, dtype, metadata);
      return;
    }
    List<Map<String, HostTensor>> shards = new ArrayList<>();
    Map<String, HostTensor> current = new LinkedHashMap<>();
    long currentBytes = 0;
    for (Map.Entry<String, HostTensor> entry : tensors.entrySet()) {
      long bytes = (long) entry.getValue().values().length * dtype.bytesPerElement();
      if (!current.isEmpty() && currentBytes + bytes > maxShardBytes) {
        shards.add(current);
        current = new LinkedHashMap<>();
        currentBytes = 0;
      }
      current.put(entry.getKey(), entry.getValue());
      currentBytes += bytes;
    }
    shards.add(current);
    ObjectNode index = JSON.createObjectNode();
    long total = 0;
    ObjectNode weightMap = JSON.createObjectNode();
    for (int i = 0; i < shards.size(); i++) {
      String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
      SafetensorsWriter.write(dir.resolve(name), shards.get(i), dtype, metadata);
      for (Map.Entry<String, HostTensor> entry : shards.get(i).entrySet()) {
        weightMap.put(entry.getKey(), name);
        total += (long) entry.getValue().values().length * dtype.bytesPerElement();
      }
    }
    index.putObject("metadata").put("total_size", total);
    index.set("weight_map", weightMap);
    Files.writeString(dir.resolve("model.safetensors.index.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(index));
  }

  static void roundInPlace(float[] values, TensorDType type) {
    for (int i = 0; i < values.length; i++) {
      switch (type) {
        case F16: values[i] = HalfFloats.f16ToFloat(HalfFloats.floatToF16(values[i])); break;
        case BF16: values[i] = HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(values[i])); break;
        default: break;
      }
    }
  }

  private HostTensor normal(SplittableRandom random, double std, int rows, int cols) {
    float[] values = new float[rows * cols];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextGaussian() * std);
    }
    return new HostTensor(values, new long[] {rows, cols});
  }

  private HostTensor norm(SplittableRandom random, boolean weight, int size) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      double jitter = randomNormParameters ? random.nextGaussian() * 0.1 : 0;
      values[i] = (float) ((weight ? 1.0 : 0.0) + jitter);
    }
    return new HostTensor(values, new long[] {size});
  }

  private HostTensor bias(SplittableRandom random, int size) {
    float[] values = new float[size];
    for (int i = 0; randomNormParameters && i < size; i++) {
      values[i] = (float) (random.nextGaussian() * 0.05);
    }
    return new HostTensor(values, new long[] {size});
  }

  /** Writes vocab.json and merges.txt and returns the vocabulary size. */
  private int writeVocabulary(Path dir) throws IOException {
    if (shape.vocabulary() == CheckpointShape.Vocabulary.GPT2) {
      try (InputStream vocab = gpt2Resource("vocab.json"); InputStream merges = gpt2Resource("merges.txt")) {
        Files.copy(vocab, dir.resolve("vocab.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(merges, dir.resolve("merges.txt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return 50257;
    }
    List<String> merges = firstGpt2Merges(TINY_MERGES);
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (String symbol : byteSymbols()) {
      vocab.put(symbol, vocab.size());
    }
    for (String merge : merges) {
      vocab.putIfAbsent(merge.replace(" ", ""), vocab.size());
    }
    vocab.put(END_OF_TEXT, vocab.size());
    Files.writeString(dir.resolve("vocab.json"), JSON.writeValueAsString(vocab));
    List<String> lines = new ArrayList<>();
    lines.add("#version: 0.2");
    lines.addAll(merges);
    Files.write(dir.resolve("merges.txt"), lines, StandardCharsets.UTF_8);
    return vocab.size();
  }

  private static InputStream gpt2Resource(String name) throws IOException {
    InputStream in = CheckpointWriter.class.getResourceAsStream("/dev/lullabeam/lib/lm/gpt2/" + name);
    if (in == null) {
      throw new IOException("resource dev/lullabeam/lib/lm/gpt2/" + name + " is missing");
    }
    return in;
  }

  /** GPT-2's merges are ordered by rank; any prefix only builds on bytes and earlier merges. */
  static List<String> firstGpt2Merges(int count) throws IOException {
    List<String> merges = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(gpt2Resource("merges.txt"), StandardCharsets.UTF_8))) {
      String line;
      while (merges.size() < count && (line = reader.readLine()) != null) {
        if (!line.startsWith("#version") && !line.isBlank()) {
          merges.add(line);
        }
      }
    }
    return merges;
  }

  /** GPT-2's bytes_to_unicode: printable bytes stand for themselves, the rest map to U+0100 onwards. */
  static List<String> byteSymbols() {
    List<String> symbols = new ArrayList<>(Collections.nCopies(256, null));
    int next = 256;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      symbols.set(b, new String(Character.toChars(printable ? b : next++)));
    }
    return symbols;
  }
}
