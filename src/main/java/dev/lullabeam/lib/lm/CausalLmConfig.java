package dev.lullabeam.lib.lm;

/** What generation and the benchmarks need to know of any architecture's config.json. */
public interface CausalLmConfig {
  int vocabSize();

  /** Prompt + new tokens must fit in this many positions. */
  int maxPositionEmbeddings();

  int hiddenSize();

  int numLayers();

  int intermediateSize();

  /** Parameters, counting a tied output head once. */
  long parameterCount();

  /** The config's (first) end-of-sequence id, or -1. */
  int eosTokenId();

  /** One line for logs and benchmarks, e.g. "llama, hidden 576, 30 layers, 9 heads / 3 kv heads". */
  String describe();
}
