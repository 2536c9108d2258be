package dev.lullabeam.lib.lm;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import java.nio.file.Path;

/**
 * GPT-Neo as Hugging Face's {@code GPTNeoForCausalLM} computes it: learned absolute positions, pre-norm
 * blocks, attention scores NOT scaled by 1/sqrt(head_dim), local layers that let query i see keys
 * j with i − window_size < j ≤ i, gelu_new, and an output head tied to the token embedding.
 *
 * <p>Not thread-safe: DJL NDArrays and managers must be used from one thread (see
 * {@link BatchingGenerator}). The weights live in one NDManager on the chosen device until
 * {@link #close()}.
 */
public final class GptNeoModel implements CausalLm {
  private final GptNeoConfig config;
  private final Device device;
  private final ComputeType computeType;
  private final NDManager manager;
  private final NDArray tokenEmbedding;
  private final NDArray positionEmbedding;
  private final SplitLinear.Weight outputHead;
  private final SplitLinear linears;
  private final NDArray finalNormWeight;
  private final NDArray finalNormBias;
  private final Block[] blocks;

  private record Block(NDArray norm1Weight, NDArray norm1Bias, SplitLinear.Weight qkv,
      SplitLinear.Weight out, NDArray norm2Weight, NDArray norm2Bias, SplitLinear.Weight fc,
      SplitLinear.Weight proj) {}

  private GptNeoModel(GptNeoConfig config, Device device, ComputeType computeType, NDManager manager,
      WeightReader weights) {
    this.config = config;
    this.device = device;
    this.computeType = computeType;
    this.manager = manager;
    long c = config.hiddenSize();
    long inner = config.intermediateSize();
    tokenEmbedding = load(weights, "transformer.wte.weight", config.vocabSize(), c);
    positionEmbedding = load(weights, "transformer.wpe.weight", config.maxPositionEmbeddings(), c);
    finalNormWeight = load(weights, "transformer.ln_f.weight", c);
    finalNormBias = load(weights, "transformer.ln_f.bias", c);
    outputHead = SplitLinear.split(config.tieWordEmbeddings() || !weights.has("lm_head.weight")
        ? tokenEmbedding
        : load(weights, "lm_head.weight", config.vocabSize(), c), null);
    blocks = new Block[config.numLayers()];
    for (int layer = 0; layer < blocks.length; layer++) {
      String p = "transformer.h." + layer + ".";
      // q, k and v share one matmul: their [out, in] weights stacked along out.
      float[] q = weights.read(p + "attn.attention.q_proj.weight", c, c);
      float[] k = weights.read(p + "attn.attention.k_proj.weight", c, c);
      float[] v = weights.read(p + "attn.attention.v_proj.weight", c, c);
      float[] qkv = new float[q.length * 3];
      System.arraycopy(q, 0, qkv, 0, q.length);
      System.arraycopy(k, 0, qkv, q.length, k.length);
      System.arraycopy(v, 0, qkv, 2 * q.length, v.length);
      blocks[layer] = new Block(
          load(weights, p + "ln_1.weight", c),
          load(weights, p + "ln_1.bias", c),
          SplitLinear.split(onDevice(qkv, new Shape(3 * c, c)), null),
          SplitLinear.split(load(weights, p + "attn.attention.out_proj.weight", c, c),
              load(weights, p + "attn.attention.out_proj.bias", c)),
          load(weights, p + "ln_2.weight", c),
          load(weights, p + "ln_2.bias", c),
          SplitLinear.split(load(weights, p + "mlp.c_fc.weight", inner, c), load(weights, p + "mlp.c_fc.bias", inner)),
          SplitLinear.split(load(weights, p + "mlp.c_proj.weight", c, inner), load(weights, p + "mlp.c_proj.bias", c)));
    }
    linears = new SplitLinear(SplitLinear.worthwhile(device));
  }

  /** Reads config.json and the safetensors weights of a model directory onto {@code device}. */
  public static GptNeoModel load(Path modelDir, Device device, ComputeType computeType) {
    GptNeoConfig config = GptNeoConfig.read(modelDir);
    WeightReader weights = WeightReader.open(modelDir);
    NDManager manager = NDManager.newBaseManager(device);
    try {
      return new GptNeoModel(config, device, computeType, manager, weights);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  private NDArray load(WeightReader weights, String name, long... shape) {
    return DeviceArrays.load(manager, computeType, weights, name, shape);
  }

  private NDArray onDevice(float[] values, Shape shape) {
    return DeviceArrays.create(manager, computeType, values, shape);
  }

  @Override
  public GptNeoConfig config() {
    return config;
  }

  public Device device() {
    return device;
  }

  public ComputeType computeType() {
    return computeType;
  }

  @Override
  public KvCache newCache(int batchSize, int capacity) {
    return new KvCache(manager, config, batchSize, capacity, computeType);
  }

  @Override
  public float[] forward(int[][] tokens, int[][] positions, boolean[][] isReal, int start, KvCache cache,
      boolean allPositions) {
    return IntraOpThreads.run(device, tokens.length * tokens[0].length == 1,
        () -> step(tokens, positions, isReal, start, cache, allPositions));
  }

  private float[] step(int[][] tokens, int[][] positions, boolean[][] isReal, int start, KvCache cache,
      boolean allPositions) {
    int batch = tokens.length;
    int queries = tokens[0].length;
    KvCache.checkStep(cache, start, queries);
    boolean prefill = cache == null || cache.length == 0;
    if (!prefill && queries > 1 && config.layerIsLocal().contains(true)) {
      // A ring slot written by this step may evict a key an earlier query of the same step needs.
      throw new IllegalArgumentException("after the prefill, feed one token per step");
    }
    long c = config.hiddenSize();
    try (NDManager step = manager.newSubManager()) {
      long[] flatTokens = new long[batch * queries];
      long[] flatPositions = new long[batch * queries];
      for (int b = 0; b < batch; b++) {
        for (int q = 0; q < queries; q++) {
          flatTokens[b * queries + q] = tokens[b][q];
          flatPositions[b * queries + q] = positions[b][q];
          if (positions[b][q] < 0 || positions[b][q] >= config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("position " + positions[b][q] + " outside 0.."
                + (config.maxPositionEmbeddings() - 1));
          }
          if (tokens[b][q] < 0 || tokens[b][q] >= config.vocabSize()) {
            throw new IllegalArgumentException("token id " + tokens[b][q] + " outside the vocabulary");
          }
        }
      }
      NDArray hidden = tokenEmbedding.get(step, new NDIndex("{}", step.create(flatTokens)))
          .add(positionEmbedding.get(step, new NDIndex("{}", step.create(flatPositions))))
          .reshape(batch, queries, c);

      int[] globalKeys = prefill ? Attention.range(start, start + queries) : Attention.range(0, start + queries);
      NDArray globalMask = Attention.mask(step, isReal, start, queries, globalKeys, Integer.MAX_VALUE);
      NDArray localMask = null;
      int[] localKeys = null;
      for (int layer = 0; layer < blocks.length; layer++) {
        boolean local = config.isLocal(layer);
        if (local && localMask == null) {
          localKeys = prefill ? globalKeys : ringKeys(cache.keys[layer].getShape().get(2), start + queries);
          localMask = Attention.mask(step, isReal, start, queries, localKeys, config.windowSize());
        }
        // Each layer's intermediates (attention scores are B·H·Q·K floats) are freed before the next
        // layer runs, so a long prompt in a large batch needs one layer's worth of scratch memory.
        try (NDManager layerScope = step.newSubManager()) {
          hidden.attach(layerScope);
          NDArray next = block(layerScope, blocks[layer], hidden, layer, cache, start, prefill,
              local ? localMask : globalMask);
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
      NDArray normed = LayerNorm.layerNorm(hidden, new Shape(c), finalNormWeight, finalNormBias,
          config.layerNormEpsilon()).singletonOrThrow();
      return Attention.asFloat32(linears.apply(normed, outputHead)).toFloatArray();
    }
  }

  private NDArray block(NDManager scope, Block w, NDArray hidden, int layer, KvCache cache, int start,
      boolean prefill, NDArray mask) {
    long batch = hidden.getShape().get(0);
    long queries = hidden.getShape().get(1);
    long c = config.hiddenSize();
    int heads = config.numHeads();
    int headDim = config.headDim();
    NDArray normed = LayerNorm.layerNorm(hidden, new Shape(c), w.norm1Weight(), w.norm1Bias(),
        config.layerNormEpsilon()).singletonOrThrow();
    NDList qkv = linears.apply(normed, w.qkv()).split(3, 2);
    NDArray query = splitHeads(qkv.get(0), batch, queries, heads, headDim);
    NDArray key = splitHeads(qkv.get(1), batch, queries, heads, headDim);
    NDArray value = splitHeads(qkv.get(2), batch, queries, heads, headDim);

    NDArray keys = key;
    NDArray values = value;
    if (cache != null) {
      store(cache, layer, key, value, start);
      if (!prefill) {
        long visible = cache.local[layer]
            ? Math.min(cache.keys[layer].getShape().get(2), start + queries)
            : start + queries;
        keys = cache.keys[layer].get(scope, new NDIndex(":, :, 0:{}", visible));
        values = cache.values[layer].get(scope, new NDIndex(":, :, 0:{}", visible));
      }
    }
    // Hugging Face computes the attention weights in float32 whatever the model dtype.
    // In-place ops below work on fresh outputs (matMul, linear) and give the same floats as before
    // (a + b = b + a); every big allocation avoided counts here (see docs/benchmarks-lm.md).
    NDArray scores = Attention.asFloat32(query).matMul(Attention.asFloat32(keys).transpose(0, 1, 3, 2)).addi(mask);
    NDArray probabilities = scores.softmax(-1);
    if (values.getDataType() != DataType.FLOAT32) {
      probabilities = probabilities.toType(values.getDataType(), false);
    }
    NDArray context = probabilities.matMul(values).transpose(0, 2, 1, 3).reshape(batch, queries, c);
    NDArray attention = linears.apply(context, w.out());
    NDArray residual = attention.addi(hidden);

    NDArray normed2 = LayerNorm.layerNorm(residual, new Shape(c), w.norm2Weight(), w.norm2Bias(),
        config.layerNormEpsilon()).singletonOrThrow();
    NDArray inner = geluNew(linears.apply(normed2, w.fc()));
    return linears.apply(inner, w.proj()).addi(residual);
  }

  private static NDArray splitHeads(NDArray x, long batch, long queries, int heads, int headDim) {
    return x.reshape(batch, queries, heads, headDim).transpose(0, 2, 1, 3);
  }

  /** Writes keys/values of absolute indices [start, start+Q) into the cache (ring slots for local). */
  private static void store(KvCache cache, int layer, NDArray key, NDArray value, int start) {
    int queries = (int) key.getShape().get(2);
    if (!cache.local[layer]) {
      NDIndex target = new NDIndex(":, :, {}:{}", start, start + queries);
      cache.keys[layer].set(target, key);
      cache.values[layer].set(target, value);
      return;
    }
    int slots = (int) cache.keys[layer].getShape().get(2);
    // Only the last `slots` positions can ever be looked at again.
    int first = Math.max(start, start + queries - slots);
    int end = start + queries;
    while (first < end) {
      int slot = first % slots;
      int run = Math.min(end - first, slots - slot);
      NDIndex source = new NDIndex(":, :, {}:{}", first - start, first - start + run);
      NDIndex target = new NDIndex(":, :, {}:{}", slot, slot + run);
      cache.keys[layer].set(target, key.get(source));
      cache.values[layer].set(target, value.get(source));
      first += run;
    }
  }

  /** The absolute index each ring slot holds once {@code length} positions have been stored. */
  private static int[] ringKeys(long slots, int length) {
    int visible = (int) Math.min(slots, length);
    int[] keys = new int[visible];
    for (int slot = 0; slot < visible; slot++) {
      // The largest index < length that maps to this slot.
      int last = length - 1;
      keys[slot] = last - Math.floorMod(last - slot, (int) slots);
    }
    return keys;
  }

  /** gelu_new: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), the tanh form GPT-2 and GPT-Neo use. */
  private static NDArray geluNew(NDArray x) {
    // Two allocations instead of eight, and x·x·x instead of pow (PyTorch's pow(x, 3) kernel also
    // computes (x·x)·x, but took 0.5 ms per call at batch 32). The same float results: multiplying
    // by 0.5 last instead of first is exact.
    NDArray inner = x.mul(x).muli(x).muli(0.044715f).addi(x).muli((float) Math.sqrt(2.0 / Math.PI));
    NDArray result = inner.tanh().addi(1f).muli(x).muli(0.5f);
    inner.close();
    return result;
  }

  @Override
  public void close() {
    linears.close();
    manager.close();
  }
}
