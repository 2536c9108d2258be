package dev.lullabeam.lib.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Helpers every architecture's attention shares: the additive padding/causal mask and dtype casts. */
final class Attention {
  /** Added to the scores of masked keys; exp() of it underflows to exactly 0, and unlike -inf a row
   *  with every key masked (a padding query) stays finite instead of turning into NaN. */
  static final float MASKED = -1e9f;

  private Attention() {}

  static NDArray asFloat32(NDArray array) {
    return array.getDataType() == DataType.FLOAT32 ? array : array.toType(DataType.FLOAT32, false);
  }

  static int[] range(int from, int to) {
    int[] values = new int[to - from];
    for (int i = 0; i < values.length; i++) {
      values[i] = from + i;
    }
    return values;
  }

  /**
   * Additive mask [B, 1, Q, K]: query at absolute index i of row b may see the key holding absolute
   * index j iff j ≤ i, j > i − window and j is not padding in row b.
   */
  static NDArray mask(NDManager step, boolean[][] isReal, int start, int queries, int[] keyIndex,
      int window) {
    int batch = isReal.length;
    int keys = keyIndex.length;
    float[] mask = new float[batch * queries * keys];
    for (int b = 0; b < batch; b++) {
      for (int q = 0; q < queries; q++) {
        int i = start + q;
        int base = (b * queries + q) * keys;
        for (int k = 0; k < keys; k++) {
          int j = keyIndex[k];
          boolean visible = j <= i && (long) i - j < window && isReal[b][j];
          mask[base + k] = visible ? 0f : MASKED;
        }
      }
    }
    return step.create(mask, new Shape(batch, 1, queries, keys));
  }
}
