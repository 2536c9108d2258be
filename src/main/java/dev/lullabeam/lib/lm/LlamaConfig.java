package dev.lullabeam.lib.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a Hugging Face {@code LlamaForCausalLM} / {@code Qwen2ForCausalLM} {@code config.json}
 * that inference needs, with transformers' defaults for absent fields (LlamaConfig: rope_theta
 * 10000, rms_norm_eps 1e-6, tie_word_embeddings false, attention_bias false; Qwen2Config: rope_theta
 * 10000, rms_norm_eps 1e-6, tie_word_embeddings false, q/k/v always biased).
 *
 * @param family {@code llama} or {@code qwen2}
 * @param qkvBias q/k/v projections have biases (always for Qwen2; {@code attention_bias} for Llama)
 * @param outputBias o_proj has a bias ({@code attention_bias} for Llama; never for Qwen2)
 * @param ropeScaling null, or the parameters of {@code rope_scaling} of type {@code llama3}
 * @param eosTokenIds the config's eos_token_id (an int or a list), possibly empty
 */
public record LlamaConfig(
    String family,
    int vocabSize,
    int maxPositionEmbeddings,
    int hiddenSize,
    int numLayers,
    int numHeads,
    int numKeyValueHeads,
    int headDim,
    int intermediateSize,
    double rmsNormEps,
    double ropeTheta,
    Llama3Scaling ropeScaling,
    boolean qkvBias,
    boolean outputBias,
    boolean tieWordEmbeddings,
    int bosTokenId,
    List<Integer> eosTokenIds) implements CausalLmConfig {

  public static final String LLAMA = "llama";
  public static final String QWEN2 = "qwen2";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Llama 3.1's frequency-dependent RoPE scaling (transformers' {@code _compute_llama3_parameters}):
   * wavelengths longer than original/low_freq_factor are divided by {@code factor}, shorter than
   * original/high_freq_factor are kept, and those between are interpolated smoothly.
   */
  public record Llama3Scaling(double factor, double lowFreqFactor, double highFreqFactor,
      int originalMaxPositionEmbeddings) {}

  public LlamaConfig {
    eosTokenIds = List.copyOf(eosTokenIds);
    if (numHeads % numKeyValueHeads != 0) {
      throw new IllegalArgumentException("num_attention_heads " + numHeads
          + " is not a multiple of num_key_value_heads " + numKeyValueHeads);
    }
    if (headDim % 2 != 0) {
      throw new IllegalArgumentException("head_dim " + headDim + " is odd; rotary embeddings need it even");
    }
  }

  @Override
  public int eosTokenId() {
    return eosTokenIds.isEmpty() ? -1 : eosTokenIds.get(0);
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "%s, hidden %d, %d layers, %d heads / %d kv heads, rope_theta %.0f%s",
        family, hiddenSize, numLayers, numHeads, numKeyValueHeads, ropeTheta,
        ropeScaling == null ? "" : ", llama3 rope scaling ×" + ropeScaling.factor());
  }

  @Override
  public long parameterCount() {
    long c = hiddenSize;
    long q = (long) numHeads * headDim;
    long kv = (long) numKeyValueHeads * headDim;
    long perLayer = 2 * c                                  // two RMSNorms
        + c * q + 2 * c * kv + q * c                        // q, k, v, o
        + (qkvBias ? q + 2 * kv : 0) + (outputBias ? c : 0)
        + 3 * c * intermediateSize;                         // gate, up, down
    return (long) vocabSize * c + numLayers * perLayer + c + (tieWordEmbeddings ? 0 : (long) vocabSize * c);
  }

  public static LlamaConfig read(Path file) {
    return ConfigFiles.read(file, LlamaConfig::fromJson);
  }

  static LlamaConfig fromJson(JsonNode root) {
    String family = root.path("model_type").asText("");
    for (JsonNode architecture : root.path("architectures")) {
      if (architecture.asText().equals("LlamaForCausalLM")) {
        family = LLAMA;
      } else if (architecture.asText().equals("Qwen2ForCausalLM")) {
        family = QWEN2;
      }
    }
    if (!family.equals(LLAMA) && !family.equals(QWEN2)) {
      throw new IllegalArgumentException("not a Llama or Qwen2 config (model_type \"" + family + "\")");
    }
    boolean qwen = family.equals(QWEN2);
    String activation = root.path("hidden_act").asText("silu");
    if (!activation.equals("silu")) {
      throw new IllegalArgumentException("unsupported hidden_act \"" + activation + "\"; only silu is implemented");
    }
    if (root.path("mlp_bias").asBoolean(false)) {
      throw new IllegalArgumentException("mlp_bias true is not supported");
    }
    if (qwen && root.path("use_sliding_window").asBoolean(false)) {
      throw new IllegalArgumentException("use_sliding_window true is not supported (Qwen2 sliding-window "
          + "attention is not implemented)");
    }
    int hidden = requiredInt(root, "hidden_size");
    int heads = requiredInt(root, "num_attention_heads");
    JsonNode kvHeads = root.path("num_key_value_heads");
    JsonNode headDim = root.path("head_dim");
    if (!headDim.isInt() && hidden % heads != 0) {
      throw new IllegalArgumentException("hidden_size " + hidden + " is not divisible by num_attention_heads "
          + heads);
    }
    boolean attentionBias = root.path("attention_bias").asBoolean(false);
    return new LlamaConfig(
        family,
        requiredInt(root, "vocab_size"),
        requiredInt(root, "max_position_embeddings"),
        hidden,
        requiredInt(root, "num_hidden_layers"),
        heads,
        kvHeads.isInt() && kvHeads.asInt() > 0 ? kvHeads.asInt() : heads,
        headDim.isInt() && headDim.asInt() > 0 ? headDim.asInt() : hidden / heads,
        requiredInt(root, "intermediate_size"),
        root.path("rms_norm_eps").asDouble(1e-6),
        root.path("rope_theta").asDouble(10000.0),
        ropeScaling(root.path("rope_scaling")),
        qwen || attentionBias,
        !qwen && attentionBias,
        root.path("tie_word_embeddings").asBoolean(false),
        root.path("bos_token_id").asInt(-1),
        tokenIds(root.path("eos_token_id")));
  }

  /** null for no scaling (absent, null, or type "default"); llama3 parameters; anything else refused. */
  static Llama3Scaling ropeScaling(JsonNode scaling) {
    if (scaling.isMissingNode() || scaling.isNull()) {
      return null;
    }
    String type = scaling.path("rope_type").asText(scaling.path("type").asText(""));
    if (type.equals("default")) {
      return null;
    }
    if (!type.equals("llama3")) {
      throw new IllegalArgumentException("unsupported rope_scaling type \"" + type
          + "\"; only llama3 (and no scaling) are implemented");
    }
    for (String field : new String[] {"factor", "low_freq_factor", "high_freq_factor",
        "original_max_position_embeddings"}) {
      if (!scaling.path(field).isNumber()) {
        throw new IllegalArgumentException("rope_scaling of type llama3 lacks " + field);
      }
    }
    return new Llama3Scaling(scaling.path("factor").asDouble(), scaling.path("low_freq_factor").asDouble(),
        scaling.path("high_freq_factor").asDouble(), scaling.path("original_max_position_embeddings").asInt());
  }

  /** An id or a list of ids (as eos_token_id is written in config.json and generation_config.json). */
  static List<Integer> tokenIds(JsonNode node) {
    List<Integer> ids = new ArrayList<>();
    if (node.isInt()) {
      ids.add(node.asInt());
    } else if (node.isArray()) {
      for (JsonNode id : node) {
        if (id.isInt()) {
          ids.add(id.asInt());
        }
      }
    }
    return ids;
  }

  private static int requiredInt(JsonNode root, String field) {
    return ConfigFiles.requiredPositiveInt(root, field);
  }

  /** The config.json that transformers would write for this shape (used by the checkpoint writer). */
  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    boolean qwen = family.equals(QWEN2);
    root.putArray("architectures").add(qwen ? "Qwen2ForCausalLM" : "LlamaForCausalLM");
    root.put("model_type", family);
    root.put("hidden_act", "silu");
    root.put("vocab_size", vocabSize);
    root.put("max_position_embeddings", maxPositionEmbeddings);
    root.put("hidden_size", hiddenSize);
    root.put("num_hidden_layers", numLayers);
    root.put("num_attention_heads", numHeads);
    root.put("num_key_value_heads", numKeyValueHeads);
    if (headDim != hiddenSize / numHeads) {
      root.put("head_dim", headDim);
    }
    root.put("intermediate_size", intermediateSize);
    root.put("rms_norm_eps", rmsNormEps);
    root.put("rope_theta", ropeTheta);
    if (ropeScaling == null) {
      root.putNull("rope_scaling");
    } else {
      ObjectNode scaling = root.putObject("rope_scaling");
      scaling.put("rope_type", "llama3");
      scaling.put("factor", ropeScaling.factor());
      scaling.put("low_freq_factor", ropeScaling.lowFreqFactor());
      scaling.put("high_freq_factor", ropeScaling.highFreqFactor());
      scaling.put("original_max_position_embeddings", ropeScaling.originalMaxPositionEmbeddings());
    }
    if (!qwen) {
      root.put("attention_bias", qkvBias);
    } else {
      root.put("use_sliding_window", false);
    }
    root.put("tie_word_embeddings", tieWordEmbeddings);
    root.put("bos_token_id", bosTokenId);
    if (eosTokenIds.size() == 1) {
      root.put("eos_token_id", eosTokenIds.get(0));
    } else {
      eosTokenIds.forEach(root.putArray("eos_token_id")::add);
    }
    root.put("initializer_range", 0.02);
    return root;
  }

  /**
   * The inverse frequencies of the rotary embedding, computed in float32 as transformers does
   * ({@code 1 / theta^(arange(0, d, 2) / d)}), then llama3-scaled when configured.
   */
  public float[] inverseFrequencies() {
    int half = headDim / 2;
    float[] inv = new float[half];
    for (int i = 0; i < half; i++) {
      float exponent = (float) (2 * i) / (float) headDim;
      inv[i] = 1.0f / (float) Math.pow(ropeTheta, exponent);
    }
    if (ropeScaling == null) {
      return inv;
    }
    double factor = ropeScaling.factor();
    double lowFreqWavelen = ropeScaling.originalMaxPositionEmbeddings() / ropeScaling.lowFreqFactor();
    double highFreqWavelen = ropeScaling.originalMaxPositionEmbeddings() / ropeScaling.highFreqFactor();
    for (int i = 0; i < half; i++) {
      double wavelen = 2 * Math.PI / inv[i];
      if (wavelen > lowFreqWavelen) {
        inv[i] = (float) (inv[i] / factor);
      } else if (wavelen >= highFreqWavelen) {
        double smooth = (ropeScaling.originalMaxPositionEmbeddings() / wavelen - ropeScaling.lowFreqFactor())
            / (ropeScaling.highFreqFactor() - ropeScaling.lowFreqFactor());
        inv[i] = (float) ((1 - smooth) * inv[i] / factor + smooth * inv[i]);
      }
    }
    return inv;
  }
}
