package dev.lullabeam.lib.lm;

/**
 * The network of a decoder-only language model on DJL: token ids in, logits of the next token out,
 * with a key/value cache. {@link LanguageModel} does tokenizing, padding, batching and sampling on top
 * of it, the same for every architecture. Not thread-safe.
 */
public interface CausalLm extends AutoCloseable {
  CausalLmConfig config();

  /** A key/value cache for {@code batchSize} rows and at most {@code capacity} positions. */
  KvCache newCache(int batchSize, int capacity);

  /**
   * Runs the tokens at absolute indices [start, start + Q) of every row.
   *
   * @param tokens [B][Q] token ids
   * @param positions [B][Q] position ids (a row's own count of real tokens before this one)
   * @param isReal [B][≥ start + Q]: false for padding, which no query may attend to
   * @param cache null to attend only to these tokens (then start must be 0); otherwise the cache
   *     must hold exactly {@code start} positions and is extended by these tokens
   * @param allPositions true: logits for every query [B*Q*V]; false: for the last query [B*V]
   * @return float32 logits on the host
   */
  float[] forward(int[][] tokens, int[][] positions, boolean[][] isReal, int start, KvCache cache,
      boolean allPositions);

  @Override
  void close();
}
