package dev.lullabeam.lib.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of past positions for one batch, preallocated so a decoding step writes in place
 * instead of copying the whole cache. Global layers keep every position up to {@code capacity};
 * local layers keep a ring of {@code window_size} slots, because a local query never looks further
 * back (slot = absolute index mod window; GPT-Neo's positions are added at the input, so the order of
 * keys inside the ring does not matter once the mask knows which index each slot holds).
 */
final class KvCache implements AutoCloseable {
  final NDManager manager;
  final int capacity;
  final NDArray[] keys;
  final NDArray[] values;
  final boolean[] local;
  /** Number of absolute positions already stored: the index the next token gets. */
  int length;

  KvCache(NDManager parent, GptNeoConfig config, int batchSize, int capacity, ComputeType type) {
    this(parent, batchSize, capacity, type, config.numHeads(), config.headDim(), localLayers(config),
        config.windowSize());
  }

  /**
   * @param heads key/value heads stored per layer (fewer than the query heads with grouped-query
   *     attention)
   * @param local per layer: keep a ring of {@code window} slots instead of every position
   */
  KvCache(NDManager parent, int batchSize, int capacity, ComputeType type, int heads, int headDim,
      boolean[] local, int window) {
    this.manager = parent.newSubManager();
    this.capacity = capacity;
    int layers = local.length;
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
    this.local = local.clone();
    for (int layer = 0; layer < layers; layer++) {
      int slots = local[layer] ? Math.min(window, capacity) : capacity;
      Shape shape = new Shape(batchSize, heads, slots, headDim);
      keys[layer] = manager.zeros(shape, type.djlType());
      values[layer] = manager.zeros(shape, type.djlType());
    }
  }

  private static boolean[] localLayers(GptNeoConfig config) {
    boolean[] local = new boolean[config.numLayers()];
    for (int layer = 0; layer < local.length; layer++) {
      local[layer] = config.isLocal(layer);
    }
    return local;
  }

  /** Keeps only the given rows (positions in the current batch, ascending), in that order. */
  void keepRows(int[] rows) {
    long[] indices = java.util.Arrays.stream(rows).asLongStream().toArray();
    try (NDManager scratch = manager.newSubManager()) {
      NDArray index = scratch.create(indices);
      for (int layer = 0; layer < keys.length; layer++) {
        NDArray keptKeys = keys[layer].get(manager, new ai.djl.ndarray.index.NDIndex("{}", index));
        NDArray keptValues = values[layer].get(manager, new ai.djl.ndarray.index.NDIndex("{}", index));
        keys[layer].close();
        values[layer].close();
        keys[layer] = keptKeys;
        values[layer] = keptValues;
      }
    }
  }

  @Override
  public void close() {
    manager.close();
  }

  /**
   * Checks that a forward step of {@code queries} tokens starting at {@code start} fits the cache
   * (or, without one, starts at 0): the same rule for every model that uses this cache.
   */
  static void checkStep(KvCache cache, int start, int queries) {
    if (cache == null && start != 0) {
      throw new IllegalArgumentException("without a cache the tokens must start at index 0");
    }
    if (cache != null && cache.length != start) {
      throw new IllegalStateException("cache holds " + cache.length + " positions, tokens start at " + start);
    }
    if (cache != null && start + queries > cache.capacity) {
      throw new IllegalStateException("cache capacity " + cache.capacity + " exceeded");
    }
  }
}
