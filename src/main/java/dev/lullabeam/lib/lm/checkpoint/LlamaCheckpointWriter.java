package dev.lullabeam.lib.lm.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lullabeam.lib.lm.LlamaConfig;
import dev.lullabeam.lib.lm.SafetensorsWriter.HostTensor;
import dev.lullabeam.lib.lm.TensorDType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a randomly initialised Llama or Qwen2 instruct checkpoint in Hugging Face layout:
 * config.json, model.safetensors (or shards with an index), generation_config.json, and a tokenizer
 * (tokenizer.json: the 256 byte symbols and the first 200 GPT-2 merges, plus the family's special
 * tokens as added tokens; tokenizer_config.json with bos/eos and the chat template of a real model of
 * the family). Initialisation as transformers' {@code _init_weights}: normal(0, std) for linear and
 * embedding weights, RMSNorm weights 1, biases 0 (or jittered, see {@link #randomNormParameters}).
 * Its text is noise; it is for tests and benchmarks.
 */
public final class LlamaCheckpointWriter {
  /**
   * The chat template of meta-llama/Meta-Llama-3-8B-Instruct (tokenizer_config.json), verbatim.
   * Llama 3.1/3.2's longer template (tools, dates) renders a system message the same way but adds a
   * "Cutting Knowledge Date" header.
   */
  public static final String LLAMA3_CHAT_TEMPLATE = "{% set loop_messages = messages %}{% for message in "
      + "loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ "
      + "message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + "
      + "content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ "
      + "'<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}";
  /** The ChatML chat template of HuggingFaceTB/SmolLM2-135M-Instruct (tokenizer_config.json), verbatim. */
  public static final String SMOLLM2_CHAT_TEMPLATE = "{% for message in messages %}{% if loop.first and "
      + "messages[0]['role'] != 'system' %}{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, "
      + "trained by Hugging Face<|im_end|>\n' }}{% endif %}{{'<|im_start|>' + message['role'] + '\n' + "
      + "message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ "
      + "'<|im_start|>assistant\n' }}{% endif %}";

  static final List<String> LLAMA3_SPECIAL = List.of("<|begin_of_text|>", "<|end_of_text|>",
      "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>");
  static final List<String> CHATML_SPECIAL = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LlamaShape shape;
  private final TensorDType dtype;
  private final long seed;
  private double initStd = CheckpointWriter.DEFAULT_INIT_STD;
  private boolean randomNormParameters;
  private long maxShardBytes = Long.MAX_VALUE;
  private String chatTemplate;
  private boolean withChatTemplate = true;

  public LlamaCheckpointWriter(LlamaShape shape, TensorDType dtype, long seed) {
    this.shape = shape;
    this.dtype = dtype;
    this.seed = seed;
    this.chatTemplate = shape.family().equals(LlamaConfig.LLAMA) ? LLAMA3_CHAT_TEMPLATE : SMOLLM2_CHAT_TEMPLATE;
  }

  /** Larger than 0.02 makes a small random model's predictions decisive, which tests rely on. */
  public LlamaCheckpointWriter initStd(double std) {
    this.initStd = std;
    return this;
  }

  /** Random RMSNorm weights and q/k/v biases, so tests exercise them too. */
  public LlamaCheckpointWriter randomNormParameters(boolean enabled) {
    this.randomNormParameters = enabled;
    return this;
  }

  public LlamaCheckpointWriter maxShardBytes(long bytes) {
    this.maxShardBytes = bytes;
    return this;
  }

  /** Leave chat_template out of tokenizer_config.json (a base model). */
  public LlamaCheckpointWriter withoutChatTemplate() {
    this.withChatTemplate = false;
    return this;
  }

  private boolean isLlama() {
    return shape.family().equals(LlamaConfig.LLAMA);
  }

  /** Writes the checkpoint into {@code dir} (created if needed) and returns its config. */
  public LlamaConfig write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (String symbol : CheckpointWriter.byteSymbols()) {
      vocab.put(symbol, vocab.size());
    }
    List<String> merges = CheckpointWriter.firstGpt2Merges(CheckpointWriter.TINY_MERGES);
    for (String merge : merges) {
      vocab.putIfAbsent(merge.replace(" ", ""), vocab.size());
    }
    List<String> special = isLlama() ? LLAMA3_SPECIAL : CHATML_SPECIAL;
    Map<String, Integer> specialIds = new LinkedHashMap<>();
    int next = vocab.size();
    for (String token : special) {
      specialIds.put(token, next++);
    }
    int vocabSize = shape.vocabSize() > 0 ? shape.vocabSize() : next;
    if (vocabSize < next) {
      throw new IllegalArgumentException("vocab_size " + vocabSize + " is smaller than the tokenizer (" + next + ")");
    }
    writeTokenizer(dir, vocab, merges, specialIds);

    List<Integer> eos;
    int bos;
    if (isLlama()) {
      bos = specialIds.get("<|begin_of_text|>");
      eos = List.of(specialIds.get("<|end_of_text|>"));
    } else {
      bos = specialIds.get("<|endoftext|>");
      eos = List.of(specialIds.get("<|endoftext|>"));
    }
    LlamaConfig config = new LlamaConfig(shape.family(), vocabSize, shape.maxPositionEmbeddings(),
        shape.hiddenSize(), shape.numLayers(), shape.numHeads(), shape.numKeyValueHeads(), shape.headDim(),
        shape.intermediateSize(), 1e-5, shape.ropeTheta(), shape.ropeScaling(), !isLlama(), false,
        shape.tieWordEmbeddings(), bos, eos);
    ObjectNode json = config.toJson();
    json.put("torch_dtype", dtype == TensorDType.F32 ? "float32" : dtype == TensorDType.F16 ? "float16" : "bfloat16");
    Files.writeString(dir.resolve("config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));

    // The instruct models stop at end-of-turn as well as end-of-text (Llama 3: eot_id; Qwen2.5: im_end).
    ObjectNode generation = JSON.createObjectNode();
    generation.put("bos_token_id", bos);
    ArrayNode stops = generation.putArray("eos_token_id");
    if (isLlama()) {
      stops.add(specialIds.get("<|end_of_text|>")).add(specialIds.get("<|eot_id|>"));
    } else {
      stops.add(specialIds.get("<|im_end|>")).add(specialIds.get("<|endoftext|>"));
    }
    Files.writeString(dir.resolve("generation_config.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(generation));

    ObjectNode tokenizerConfig = JSON.createObjectNode();
    if (isLlama()) {
      tokenizerConfig.put("bos_token", "<|begin_of_text|>");
      tokenizerConfig.put("eos_token", "<|eot_id|>");
    } else {
      tokenizerConfig.putNull("bos_token");
      tokenizerConfig.put("eos_token", "<|im_end|>");
    }
    tokenizerConfig.put("model_max_length", shape.maxPositionEmbeddings());
    tokenizerConfig.put("tokenizer_class", "PreTrainedTokenizerFast");
    if (withChatTemplate) {
      tokenizerConfig.put("chat_template", chatTemplate);
    }
    Files.writeString(dir.resolve("tokenizer_config.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tokenizerConfig));

    Map<String, HostTensor> weights = randomWeights(config);
    CheckpointWriter.writeWeights(dir, weights, dtype, maxShardBytes);
    return config;
  }

  /** tokenizer.json: byte-level BPE; Llama 3 style prepends BOS in its post processor, ChatML does not. */
  private void writeTokenizer(Path dir, Map<String, Integer> vocab, List<String> merges,
      Map<String, Integer> specialIds) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    specialIds.forEach((content, id) -> {
      ObjectNode token = added.addObject();
      token.put("id", id);
      token.put("content", content);
      token.put("single_word", false);
      token.put("lstrip", false);
      token.put("rstrip", false);
      token.put("normalized", false);
      token.put("special", true);
    });
    root.putNull("normalizer");
    root.set("pre_tokenizer", byteLevel(false, true, true));
    ObjectNode byteLevelPost = byteLevel(true, false, true);
    if (isLlama()) {
      ObjectNode sequence = JSON.createObjectNode();
      sequence.put("type", "Sequence");
      ArrayNode processors = sequence.putArray("processors");
      processors.add(byteLevelPost);
      ObjectNode template = processors.addObject();
      template.put("type", "TemplateProcessing");
      String bos = "<|begin_of_text|>";
      ArrayNode single = template.putArray("single");
      single.addObject().putObject("SpecialToken").put("id", bos).put("type_id", 0);
      single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
      ArrayNode pair = template.putArray("pair");
      pair.addObject().putObject("SpecialToken").put("id", bos).put("type_id", 0);
      pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
      pair.addObject().putObject("SpecialToken").put("id", bos).put("type_id", 1);
      pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
      ObjectNode specials = template.putObject("special_tokens").putObject(bos);
      specials.put("id", bos);
      specials.putArray("ids").add(specialIds.get(bos));
      specials.putArray("tokens").add(bos);
      root.set("post_processor", sequence);
    } else {
      root.set("post_processor", byteLevelPost);
    }
    root.set("decoder", byteLevel(true, true, true));
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    model.putNull("dropout");
    model.putNull("unk_token");
    model.put("continuing_subword_prefix", "");
    model.put("end_of_word_suffix", "");
    model.put("fuse_unk", false);
    model.put("byte_fallback", false);
    ObjectNode vocabNode = model.putObject("vocab");
    vocab.forEach(vocabNode::put);
    ArrayNode mergeNode = model.putArray("merges");
    merges.forEach(mergeNode::add);
    Files.writeString(dir.resolve("tokenizer.json"), JSON.writeValueAsString(root));
  }

  private static ObjectNode byteLevel(boolean addPrefixSpace, boolean trimOffsets, boolean useRegex) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "ByteLevel");
    node.put("add_prefix_space", addPrefixSpace);
    node.put("trim_offsets", trimOffsets);
    node.put("use_regex", useRegex);
    return node;
  }

  /** The weights in transformers' naming. */
  public Map<String, HostTensor> randomWeights(LlamaConfig config) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, HostTensor> tensors = new LinkedHashMap<>();
    int c = config.hiddenSize();
    int q = config.numHeads() * config.headDim();
    int kv = config.numKeyValueHeads() * config.headDim();
    int inner = config.intermediateSize();
    tensors.put("model.embed_tokens.weight", normal(random, config.vocabSize(), c));
    for (int layer = 0; layer < config.numLayers(); layer++) {
      String p = "model.layers." + layer + ".";
      tensors.put(p + "input_layernorm.weight", norm(random, c));
      tensors.put(p + "self_attn.q_proj.weight", normal(random, q, c));
      tensors.put(p + "self_attn.k_proj.weight", normal(random, kv, c));
      tensors.put(p + "self_attn.v_proj.weight", normal(random, kv, c));
      if (config.qkvBias()) {
        tensors.put(p + "self_attn.q_proj.bias", bias(random, q));
        tensors.put(p + "self_attn.k_proj.bias", bias(random, kv));
        tensors.put(p + "self_attn.v_proj.bias", bias(random, kv));
      }
      tensors.put(p + "self_attn.o_proj.weight", normal(random, c, q));
      tensors.put(p + "post_attention_layernorm.weight", norm(random, c));
      tensors.put(p + "mlp.gate_proj.weight", normal(random, inner, c));
      tensors.put(p + "mlp.up_proj.weight", normal(random, inner, c));
      tensors.put(p + "mlp.down_proj.weight", normal(random, c, inner));
    }
    tensors.put("model.norm.weight", norm(random, c));
    if (!config.tieWordEmbeddings()) {
      tensors.put("lm_head.weight", normal(random, config.vocabSize(), c));
    }
    if (dtype != TensorDType.F32) {
      tensors.values().forEach(tensor -> CheckpointWriter.roundInPlace(tensor.values(), dtype));
    }
    return tensors;
  }

  private HostTensor normal(SplittableRandom random, int rows, int cols) {
    float[] values = new float[rows * cols];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextGaussian() * initStd);
    }
    return new HostTensor(values, new long[] {rows, cols});
  }

  private HostTensor norm(SplittableRandom random, int size) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) (1.0 + (randomNormParameters ? random.nextGaussian() * 0.1 : 0));
    }
    return new HostTensor(values, new long[] {size});
  }

  private HostTensor bias(SplittableRandom random, int size) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) (randomNormParameters ? random.nextGaussian() * 0.05 : 0);
    }
    return new HostTensor(values, new long[] {size});
  }
}
