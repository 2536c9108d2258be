package dev.lullabeam.lib.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent float64 forward pass of transformers' LlamaForCausalLM / Qwen2ForCausalLM, written
 * from the modeling code's math with plain loops (no DJL, none of the production classes except the
 * safetensors reader): embedding → per layer [RMSNorm → q,k,v (+bias) → rotate-half RoPE → causal
 * GQA softmax(q·kᵀ/√d)·v → o_proj → residual → RMSNorm → down(silu(gate)·up) → residual] → RMSNorm →
 * lm_head. One sequence, every position recomputed, positions 0..n−1.
 */
final class LlamaReference {
  private final JsonNode config;
  private final Map<String, double[]> weights = new HashMap<>();
  private final int hidden;
  private final int layers;
  private final int heads;
  private final int kvHeads;
  private final int headDim;
  private final int inner;
  private final int vocab;
  private final double eps;
  private final boolean qkvBias;
  private final double[] inverseFrequencies;

  LlamaReference(Path dir, boolean applyRopeScaling) throws IOException {
    config = new ObjectMapper().readTree(Files.readString(dir.resolve("config.json")));
    hidden = config.get("hidden_size").asInt();
    layers = config.get("num_hidden_layers").asInt();
    heads = config.get("num_attention_heads").asInt();
    kvHeads = config.get("num_key_value_heads").asInt();
    headDim = hidden / heads;
    inner = config.get("intermediate_size").asInt();
    vocab = config.get("vocab_size").asInt();
    eps = config.get("rms_norm_eps").asDouble();
    qkvBias = config.get("model_type").asText().equals("qwen2");
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".safetensors")).toList()) {
        SafetensorsFile st = SafetensorsFile.open(file);
        for (String name : st.tensors().keySet()) {
          float[] values = st.readFloats(name);
          double[] doubles = new double[values.length];
          for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
          }
          weights.put(name, doubles);
        }
      }
    }
    double theta = config.get("rope_theta").asDouble();
    inverseFrequencies = new double[headDim / 2];
    JsonNode scaling = config.path("rope_scaling");
    for (int i = 0; i < headDim / 2; i++) {
      double freq = Math.pow(theta, -2.0 * i / headDim);
      if (applyRopeScaling && scaling.isObject()) {
        // Llama 3.1: long wavelengths slowed by `factor`, short ones kept, a linear blend between.
        double factor = scaling.get("factor").asDouble();
        double low = scaling.get("low_freq_factor").asDouble();
        double high = scaling.get("high_freq_factor").asDouble();
        double original = scaling.get("original_max_position_embeddings").asDouble();
        double wavelength = 2 * Math.PI / freq;
        if (wavelength > original / low) {
          freq = freq / factor;
        } else if (wavelength >= original / high) {
          double smooth = (original / wavelength - low) / (high - low);
          freq = (1 - smooth) * freq / factor + smooth * freq;
        }
      }
      inverseFrequencies[i] = freq;
    }
  }

  /** Logits [n][vocab] for every prefix of {@code ids}. */
  double[][] logits(int[] ids) {
    int n = ids.length;
    double[][] x = new double[n][hidden];
    double[] embed = weights.get("model.embed_tokens.weight");
    for (int t = 0; t < n; t++) {
      System.arraycopy(toDouble(embed, ids[t] * hidden, hidden), 0, x[t], 0, hidden);
    }
    for (int layer = 0; layer < layers; layer++) {
      String p = "model.layers." + layer + ".";
      double[][] q = new double[n][];
      double[][] k = new double[n][];
      double[][] v = new double[n][];
      for (int t = 0; t < n; t++) {
        double[] h = rmsNorm(x[t], weights.get(p + "input_layernorm.weight"));
        q[t] = linear(h, p + "self_attn.q_proj", heads * headDim);
        k[t] = linear(h, p + "self_attn.k_proj", kvHeads * headDim);
        v[t] = linear(h, p + "self_attn.v_proj", kvHeads * headDim);
        rope(q[t], heads, t);
        rope(k[t], kvHeads, t);
      }
      int group = heads / kvHeads;
      for (int t = 0; t < n; t++) {
        double[] context = new double[heads * headDim];
        for (int head = 0; head < heads; head++) {
          int kvHead = head / group;
          double[] scores = new double[t + 1];
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j <= t; j++) {
            double dot = 0;
            for (int d = 0; d < headDim; d++) {
              dot += q[t][head * headDim + d] * k[j][kvHead * headDim + d];
            }
            scores[j] = dot / Math.sqrt(headDim);
            max = Math.max(max, scores[j]);
          }
          double total = 0;
          for (int j = 0; j <= t; j++) {
            scores[j] = Math.exp(scores[j] - max);
            total += scores[j];
          }
          for (int j = 0; j <= t; j++) {
            for (int d = 0; d < headDim; d++) {
              context[head * headDim + d] += scores[j] / total * v[j][kvHead * headDim + d];
            }
          }
        }
        double[] attention = linear(context, p + "self_attn.o_proj", hidden);
        for (int c = 0; c < hidden; c++) {
          x[t][c] += attention[c];
        }
        double[] h = rmsNorm(x[t], weights.get(p + "post_attention_layernorm.weight"));
        double[] gate = linear(h, p + "mlp.gate_proj", inner);
        double[] up = linear(h, p + "mlp.up_proj", inner);
        double[] act = new double[inner];
        for (int i = 0; i < inner; i++) {
          act[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
        }
        double[] down = linear(act, p + "mlp.down_proj", hidden);
        for (int c = 0; c < hidden; c++) {
          x[t][c] += down[c];
        }
      }
    }
    double[] head = weights.containsKey("lm_head.weight") ? weights.get("lm_head.weight")
        : weights.get("model.embed_tokens.weight");
    double[][] logits = new double[n][vocab];
    for (int t = 0; t < n; t++) {
      double[] h = rmsNorm(x[t], weights.get("model.norm.weight"));
      for (int token = 0; token < vocab; token++) {
        double sum = 0;
        for (int c = 0; c < hidden; c++) {
          sum += head[token * hidden + c] * h[c];
        }
        logits[t][token] = sum;
      }
    }
    return logits;
  }

  /** Greedy continuation by recomputing every prefix, stopping after a stop id (not included). */
  int[] greedy(int[] prompt, int newTokens, int[] stopIds) {
    List<Integer> sequence = new ArrayList<>();
    for (int id : prompt) {
      sequence.add(id);
    }
    List<Integer> generated = new ArrayList<>();
    for (int step = 0; step < newTokens; step++) {
      double[][] logits = logits(sequence.stream().mapToInt(Integer::intValue).toArray());
      double[] last = logits[logits.length - 1];
      int best = 0;
      for (int i = 1; i < last.length; i++) {
        if (last[i] > last[best]) {
          best = i;
        }
      }
      for (int stop : stopIds) {
        if (stop == best) {
          return generated.stream().mapToInt(Integer::intValue).toArray();
        }
      }
      generated.add(best);
      sequence.add(best);
    }
    return generated.stream().mapToInt(Integer::intValue).toArray();
  }

  private void rope(double[] x, int headCount, int position) {
    int half = headDim / 2;
    for (int head = 0; head < headCount; head++) {
      int base = head * headDim;
      for (int i = 0; i < half; i++) {
        double angle = position * inverseFrequencies[i];
        double x1 = x[base + i];
        double x2 = x[base + half + i];
        x[base + i] = x1 * Math.cos(angle) - x2 * Math.sin(angle);
        x[base + half + i] = x2 * Math.cos(angle) + x1 * Math.sin(angle);
      }
    }
  }

  private double[] rmsNorm(double[] x, double[] weight) {
    double squares = 0;
    for (double value : x) {
      squares += value * value;
    }
    double scale = 1 / Math.sqrt(squares / x.length + eps);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = weight[i] * x[i] * scale;
    }
    return out;
  }

  private double[] linear(double[] x, String name, int outputs) {
    double[] w = weights.get(name + ".weight");
    double[] bias = weights.get(name + ".bias");
    double[] out = new double[outputs];
    for (int o = 0; o < outputs; o++) {
      double sum = bias == null ? 0 : bias[o];
      for (int i = 0; i < x.length; i++) {
        sum += w[o * x.length + i] * x[i];
      }
      out[o] = sum;
    }
    return out;
  }

  private static double[] toDouble(double[] values, int from, int length) {
    double[] out = new double[length];
    System.arraycopy(values, from, out, 0, length);
    return out;
  }

  boolean hasQkvBias() {
    return qkvBias && weights.containsKey("model.layers.0.self_attn.q_proj.bias");
  }
}
