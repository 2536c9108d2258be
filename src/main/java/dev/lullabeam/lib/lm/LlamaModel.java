package dev.lullabeam.lib.lm;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.nio.file.Path;

/**
 * Llama and Qwen2 as transformers' {@code LlamaForCausalLM} / {@code Qwen2ForCausalLM} compute them:
 * RMSNorm (in float32, then the weight), rotary position embeddings in the rotate-half convention
 * ({@code x·cos + rotate_half(x)·sin}, rotate_half(x) = [−x₂, x₁]) with {@code rope_theta} and
 * optional llama3 scaling, grouped-query attention (each key/value head serves
 * heads/kv_heads query heads; scores scaled by 1/√head_dim, softmax in float32), a SiLU-gated MLP
 * ({@code down(silu(gate(x))·up(x))}), and an output head tied to the embedding or not.
 *
 * <p>The cache holds rotated keys of the key/value heads only. Not thread-safe (DJL).
 */
public final class LlamaModel implements CausalLm {
  private final LlamaConfig config;
  private final ComputeType computeType;
  private final NDManager manager;
  private final NDArray tokenEmbedding;
  private final SplitLinear.Weight outputHead;
  private final SplitLinear linears;
  private final NDArray finalNorm;
  private final float[] inverseFrequencies;
  private final Block[] blocks;

  /** q, k and v share one matmul (weights stacked along out), and so do gate and up. */
  private record Block(NDArray inputNorm, SplitLinear.Weight qkv, SplitLinear.Weight out, NDArray postNorm,
      SplitLinear.Weight gateUp, SplitLinear.Weight down) {}

  private LlamaModel(LlamaConfig config, ComputeType computeType, NDManager manager, WeightReader weights) {
    this.config = config;
    this.computeType = computeType;
    this.manager = manager;
    this.inverseFrequencies = config.inverseFrequencies();
    long c = config.hiddenSize();
    long q = (long) config.numHeads() * config.headDim();
    long kv = (long) config.numKeyValueHeads() * config.headDim();
    long inner = config.intermediateSize();
    tokenEmbedding = load(weights, "model.embed_tokens.weight", config.vocabSize(), c);
    finalNorm = load(weights, "model.norm.weight", c);
    if (config.tieWordEmbeddings()) {
      outputHead = SplitLinear.split(tokenEmbedding, null);
    } else if (weights.has("lm_head.weight")) {
      outputHead = SplitLinear.split(load(weights, "lm_head.weight", config.vocabSize(), c), null);
    } else {
      throw new ModelFormatException(weights.describe() + ": tensor lm_head.weight is missing and "
          + "config.json has tie_word_embeddings false");
    }
    blocks = new Block[config.numLayers()];
    for (int layer = 0; layer < blocks.length; layer++) {
      String p = "model.layers." + layer + ".";
      float[] qkv = concat(weights.read(p + "self_attn.q_proj.weight", q, c),
          weights.read(p + "self_attn.k_proj.weight", kv, c),
          weights.read(p + "self_attn.v_proj.weight", kv, c));
      NDArray qkvBias = config.qkvBias()
          ? onDevice(concat(weights.read(p + "self_attn.q_proj.bias", q),
              weights.read(p + "self_attn.k_proj.bias", kv),
              weights.read(p + "self_attn.v_proj.bias", kv)), new Shape(q + 2 * kv))
          : null;
      float[] gateUp = concat(weights.read(p + "mlp.gate_proj.weight", inner, c),
          weights.read(p + "mlp.up_proj.weight", inner, c));
      blocks[layer] = new Block(
          load(weights, p + "input_layernorm.weight", c),
          SplitLinear.split(onDevice(qkv, new Shape(q + 2 * kv, c)), qkvBias),
          SplitLinear.split(load(weights, p + "self_attn.o_proj.weight", c, q),
              config.outputBias() ? load(weights, p + "self_attn.o_proj.bias", c) : null),
          load(weights, p + "post_attention_layernorm.weight", c),
          SplitLinear.split(onDevice(gateUp, new Shape(2 * inner, c)), null),
          SplitLinear.split(load(weights, p + "mlp.down_proj.weight", c, inner), null));
    }
    linears = new SplitLinear(SplitLinear.worthwhile(manager.getDevice()));
  }

  /** Reads config.json and the safetensors weights of a model directory onto {@code device}. */
  public static LlamaModel load(Path modelDir, Device device, ComputeType computeType) {
    LlamaConfig config = LlamaConfig.read(modelDir.resolve(GptNeoConfig.FILE_NAME));
    WeightReader weights = WeightReader.open(modelDir);
    NDManager manager = NDManager.newBaseManager(device);
    try {
      return new LlamaModel(config, computeType, manager, weights);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  private static float[] concat(float[]... parts) {
    int total = 0;
    for (float[] part : parts) {
      total += part.length;
    }
    float[] all = new float[total];
    int at = 0;
    for (float[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  private NDArray load(WeightReader weights, String name, long... shape) {
    return DeviceArrays.load(manager, computeType, weights, name, shape);
  }

  private NDArray onDevice(float[] values, Shape shape) {
    return DeviceArrays.create(manager, computeType, values, shape);
  }

  @Override
  public LlamaConfig config() {
    return config;
  }

  @Override
  public KvCache newCache(int batchSize, int capacity) {
    return new KvCache(manager, batchSize, capacity, computeType, config.numKeyValueHeads(), config.headDim(),
        new boolean[config.numLayers()], capacity);
  }

  @Override
  public float[] forward(int[][] tokens, int[][] positions, boolean[][] isReal, int start, KvCache cache,
      boolean allPositions) {
    return IntraOpThreads.run(manager.getDevice(), tokens.length * tokens[0].length == 1,
        () -> step(tokens, positions, isReal, start, cache, allPositions));
  }

  private float[] step(int[][] tokens, int[][] positions, boolean[][] isReal, int start, KvCache cache,
      boolean allPositions) {
    int batch = tokens.length;
    int queries = tokens[0].length;
    KvCache.checkStep(cache, start, queries);
    boolean prefill = cache == null || cache.length == 0;
    long c = config.hiddenSize();
    int headDim = config.headDim();
    int half = headDim / 2;
    try (NDManager step = manager.newSubManager()) {
      long[] flatTokens = new long[batch * queries];
      // cos and sin [B, 1, Q, D] of each token's own position, float32 as in transformers' rotary
      // embedding (position · inv_freq in float32), repeated for both halves.
      float[] cos = new float[batch * queries * headDim];
      float[] sin = new float[batch * queries * headDim];
      for (int b = 0; b < batch; b++) {
        for (int q = 0; q < queries; q++) {
          int index = b * queries + q;
          flatTokens[index] = tokens[b][q];
          if (positions[b][q] < 0 || positions[b][q] >= config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("position " + positions[b][q] + " outside 0.."
                + (config.maxPositionEmbeddings() - 1));
          }
          if (tokens[b][q] < 0 || tokens[b][q] >= config.vocabSize()) {
            throw new IllegalArgumentException("token id " + tokens[b][q] + " outside the vocabulary");
          }
          for (int i = 0; i < half; i++) {
            float angle = positions[b][q] * inverseFrequencies[i];
            float cosine = (float) Math.cos(angle);
            float sine = (float) Math.sin(angle);
            cos[index * headDim + i] = cosine;
            cos[index * headDim + half + i] = cosine;
            sin[index * headDim + i] = sine;
            sin[index * headDim + half + i] = sine;
          }
        }
      }
      Shape ropeShape = new Shape(batch, 1, queries, headDim);
      NDArray cosines = inComputeType(step.create(cos, ropeShape));
      NDArray sines = inComputeType(step.create(sin, ropeShape));
      NDArray hidden = tokenEmbedding.get(step, new NDIndex("{}", step.create(flatTokens)))
          .reshape(batch, queries, c);
      int[] keys = prefill ? Attention.range(start, start + queries) : Attention.range(0, start + queries);
      NDArray mask = Attention.mask(step, isReal, start, queries, keys, Integer.MAX_VALUE);
      for (int layer = 0; layer < blocks.length; layer++) {
        // Each layer's intermediates are freed before the next layer runs.
        try (NDManager layerScope = step.newSubManager()) {
          hidden.attach(layerScope);
          NDArray next = block(layerScope, blocks[layer], hidden, layer, cache, start, prefill, mask,
              cosines, sines);
          next.attach(step);
          hidden = next;
        }
      }
      if (cache != null) {
        cache.length = start + queries;
      }
      if (!allPositions) {
        hidden = hidden.get(":, -1, :");
      }
      NDArray normed = rmsNorm(hidden, finalNorm);
      return Attention.asFloat32(linears.apply(normed, outputHead)).toFloatArray();
    }
  }

  private NDArray inComputeType(NDArray array) {
    return computeType.djlType() == DataType.FLOAT32 ? array : array.toType(computeType.djlType(), false);
  }

  private NDArray block(NDManager scope, Block w, NDArray hidden, int layer, KvCache cache, int start,
      boolean prefill, NDArray mask, NDArray cos, NDArray sin) {
    long batch = hidden.getShape().get(0);
    long queries = hidden.getShape().get(1);
    int heads = config.numHeads();
    int kvHeads = config.numKeyValueHeads();
    int headDim = config.headDim();
    long qWidth = (long) heads * headDim;
    long kvWidth = (long) kvHeads * headDim;
    NDArray normed = rmsNorm(hidden, w.inputNorm());
    NDList qkv = linears.apply(normed, w.qkv())
        .split(new long[] {qWidth, qWidth + kvWidth}, 2);
    NDArray query = rotate(splitHeads(qkv.get(0), batch, queries, heads, headDim), cos, sin);
    NDArray key = rotate(splitHeads(qkv.get(1), batch, queries, kvHeads, headDim), cos, sin);
    NDArray value = splitHeads(qkv.get(2), batch, queries, kvHeads, headDim);

    NDArray keys = key;
    NDArray values = value;
    if (cache != null) {
      NDIndex target = new NDIndex(":, :, {}:{}", start, start + queries);
      cache.keys[layer].set(target, key);
      cache.values[layer].set(target, value);
      if (!prefill) {
        keys = cache.keys[layer].get(scope, new NDIndex(":, :, 0:{}", start + queries));
        values = cache.values[layer].get(scope, new NDIndex(":, :, 0:{}", start + queries));
      }
    }
    long keyCount = keys.getShape().get(2);
    // Grouped-query attention without copying keys: query head h = kv·group + j uses kv head kv, so
    // the queries of one group are stacked as [B, kvHeads, group·Q, D] against that head's keys.
    long group = heads / kvHeads;
    NDArray groupedQuery = Attention.asFloat32(query).reshape(batch, kvHeads, group * queries, headDim);
    NDArray scores = groupedQuery.matMul(Attention.asFloat32(keys).transpose(0, 1, 3, 2))
        .muli((float) (1.0 / Math.sqrt(headDim)))
        .reshape(batch, heads, queries, keyCount)
        .addi(mask);
    NDArray probabilities = scores.softmax(-1).reshape(batch, kvHeads, group * queries, keyCount);
    if (values.getDataType() != DataType.FLOAT32) {
      probabilities = probabilities.toType(values.getDataType(), false);
    }
    NDArray context = probabilities.matMul(values).reshape(batch, heads, queries, headDim)
        .transpose(0, 2, 1, 3).reshape(batch, queries, qWidth);
    NDArray attention = linears.apply(context, w.out());
    NDArray residual = attention.addi(hidden); // fresh linear output: in place, the same floats

    NDList gateUp = linears.apply(rmsNorm(residual, w.postNorm()), w.gateUp()).split(2, 2);
    NDArray gate = gateUp.get(0);
    // silu(gate)·up with one allocation (in place on the sigmoid's fresh output; same floats).
    NDArray inner = Activation.sigmoid(gate).muli(gate).muli(gateUp.get(1));
    return linears.apply(inner, w.down()).addi(residual);
  }

  /** x·cos + rotate_half(x)·sin with rotate_half(x) = [−x₂, x₁] (x₁, x₂ the two halves of a head). */
  private static NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
    NDList halves = x.split(2, 3);
    NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3);
    return x.mul(cos).addi(rotated.muli(sin)); // in place on fresh arrays: the same floats, fewer allocations
  }

  /** transformers' LlamaRMSNorm: x / √(mean(x²) + eps) in float32, cast back, times the weight. */
  private NDArray rmsNorm(NDArray x, NDArray weight) {
    NDArray x32 = Attention.asFloat32(x);
    NDArray variance = x32.square().mean(new int[] {-1}, true);
    NDArray normed = x32.div(variance.add((float) config.rmsNormEps()).sqrt());
    if (normed.getDataType() == x.getDataType() && normed.getDataType() == weight.getDataType()) {
      return normed.muli(weight); // normed is a fresh array: in place, the same floats as weight·normed
    }
    return weight.mul(normed.getDataType() == x.getDataType() ? normed : normed.toType(x.getDataType(), false));
  }

  private static NDArray splitHeads(NDArray x, long batch, long queries, int heads, int headDim) {
    return x.reshape(batch, queries, heads, headDim).transpose(0, 2, 1, 3);
  }

  @Override
  public void close() {
    linears.close();
    manager.close();
  }
}
