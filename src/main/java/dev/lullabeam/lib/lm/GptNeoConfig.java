package dev.lullabeam.lib.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a Hugging Face GPT-Neo {@code config.json} that inference needs.
 *
 * @param layerIsLocal one entry per layer, expanded from {@code attention_types}
 *     (e.g. [[["global","local"],6]] → global, local, global, … for 12 layers)
 * @param eosTokenId the end-of-text id; generation stops when it is sampled
 */
public record GptNeoConfig(
    int vocabSize,
    int maxPositionEmbeddings,
    int hiddenSize,
    int numLayers,
    int numHeads,
    int intermediateSize,
    int windowSize,
    float layerNormEpsilon,
    int eosTokenId,
    int bosTokenId,
    boolean tieWordEmbeddings,
    List<Boolean> layerIsLocal) implements CausalLmConfig {

  public static final String FILE_NAME = "config.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public GptNeoConfig {
    layerIsLocal = List.copyOf(layerIsLocal);
    if (layerIsLocal.size() != numLayers) {
      throw new IllegalArgumentException("attention_types give " + layerIsLocal.size()
          + " layers but num_layers is " + numLayers);
    }
    if (hiddenSize % numHeads != 0) {
      throw new IllegalArgumentException("hidden_size " + hiddenSize + " is not divisible by num_heads "
          + numHeads);
    }
  }

  @Override
  public String describe() {
    return String.format(java.util.Locale.ROOT, "gpt_neo, hidden %d, %d layers, %d heads, window %d",
        hiddenSize, numLayers, numHeads, windowSize);
  }

  public int headDim() {
    return hiddenSize / numHeads;
  }

  public boolean isLocal(int layer) {
    return layerIsLocal.get(layer);
  }

  /** Parameters of the model, counting the tied output head once. */
  public long parameterCount() {
    long c = hiddenSize;
    long perLayer = 4 * c                      // two LayerNorms
        + 3 * c * c + c * c + c                // q, k, v (no bias) and out_proj with bias
        + c * intermediateSize + intermediateSize + intermediateSize * c + c; // MLP
    return (long) vocabSize * c + (long) maxPositionEmbeddings * c + numLayers * perLayer + 2 * c
        + (tieWordEmbeddings ? 0 : (long) vocabSize * c);
  }

  public static GptNeoConfig read(Path modelDir) {
    Path file = modelDir.resolve(FILE_NAME);
    return ConfigFiles.read(file, GptNeoConfig::fromJson);
  }

  static GptNeoConfig fromJson(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String modelType = root.path("model_type").asText("");
    JsonNode architectures = root.path("architectures");
    boolean neoArchitecture = false;
    for (JsonNode architecture : architectures) {
      neoArchitecture |= architecture.asText().equals("GPTNeoForCausalLM");
    }
    if (!modelType.equals("gpt_neo") && !neoArchitecture) {
      throw new IllegalArgumentException("unsupported architecture (model_type \"" + modelType
          + "\", architectures " + architectures + "); supported are " + LanguageModel.SUPPORTED);
    }
    String activation = root.path("activation_function").asText("gelu_new");
    if (!activation.equals("gelu_new")) {
      throw new IllegalArgumentException("unsupported activation_function \"" + activation
          + "\"; only gelu_new is implemented");
    }
    int hidden = requiredInt(root, "hidden_size");
    int layers = requiredInt(root, "num_layers");
    JsonNode intermediate = root.path("intermediate_size");
    return new GptNeoConfig(
        requiredInt(root, "vocab_size"),
        requiredInt(root, "max_position_embeddings"),
        hidden,
        layers,
        requiredInt(root, "num_heads"),
        intermediate.isNumber() ? intermediate.asInt() : 4 * hidden,
        requiredInt(root, "window_size"),
        (float) root.path("layer_norm_epsilon").asDouble(1e-5),
        root.path("eos_token_id").asInt(50256),
        root.path("bos_token_id").asInt(50256),
        root.path("tie_word_embeddings").asBoolean(true),
        expandAttentionTypes(root.path("attention_types"), layers));
  }

  /** [[["global","local"],6]] means the pattern (global, local) repeated 6 times. */
  static List<Boolean> expandAttentionTypes(JsonNode attentionTypes, int numLayers) {
    if (!attentionTypes.isArray() || attentionTypes.isEmpty()) {
      throw new IllegalArgumentException("attention_types is missing");
    }
    List<Boolean> local = new ArrayList<>();
    for (JsonNode group : attentionTypes) {
      if (!group.isArray() || group.size() != 2 || !group.get(0).isArray() || !group.get(1).isInt()) {
        throw new IllegalArgumentException("attention_types entry " + group
            + " is not of the form [[\"global\",\"local\"], count]");
      }
      for (int repeat = 0; repeat < group.get(1).asInt(); repeat++) {
        for (JsonNode type : group.get(0)) {
          switch (type.asText()) {
            case "global": local.add(false); break;
            case "local": local.add(true); break;
            default: throw new IllegalArgumentException("unknown attention type \"" + type.asText() + "\"");
          }
        }
      }
    }
    if (local.size() != numLayers) {
      throw new IllegalArgumentException("attention_types expand to " + local.size()
          + " layers but num_layers is " + numLayers);
    }
    return local;
  }

  private static int requiredInt(JsonNode root, String field) {
    return ConfigFiles.requiredPositiveInt(root, field);
  }

  /** The config.json that Hugging Face would write for this shape (used by the checkpoint writer). */
  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.putArray("architectures").add("GPTNeoForCausalLM");
    root.put("model_type", "gpt_neo");
    root.put("activation_function", "gelu_new");
    root.put("vocab_size", vocabSize);
    root.put("max_position_embeddings", maxPositionEmbeddings);
    root.put("hidden_size", hiddenSize);
    root.put("num_layers", numLayers);
    root.put("num_heads", numHeads);
    if (intermediateSize == 4 * hiddenSize) {
      root.putNull("intermediate_size");
    } else {
      root.put("intermediate_size", intermediateSize);
    }
    root.put("window_size", windowSize);
    root.put("layer_norm_epsilon", layerNormEpsilon);
    root.put("bos_token_id", bosTokenId);
    root.put("eos_token_id", eosTokenId);
    root.put("tie_word_embeddings", tieWordEmbeddings);
    root.put("initializer_range", 0.02);
    // Compress runs of the same (global, local) pair the way the released configs do.
    ArrayNode types = root.putArray("attention_types");
    List<String> pattern = new ArrayList<>();
    for (boolean isLocal : layerIsLocal) {
      pattern.add(isLocal ? "local" : "global");
    }
    boolean alternating = numLayers % 2 == 0;
    for (int i = 0; alternating && i < numLayers; i++) {
      alternating = pattern.get(i).equals(i % 2 == 0 ? "global" : "local");
    }
    if (alternating) {
      ArrayNode group = types.addArray();
      group.addArray().add("global").add("local");
      group.add(numLayers / 2);
    } else {
      for (String type : pattern) {
        ArrayNode group = types.addArray();
        group.addArray().add(type);
        group.add(1);
      }
    }
    return root;
  }
}
