package dev.lullabeam.lib.lm;

import ai.djl.Device;
import dev.lullabeam.lib.chat.ChatMessage;
import dev.lullabeam.lib.chat.ChatTemplate;
import dev.lullabeam.lib.chat.ChatTemplateException;
import dev.lullabeam.lib.lm.GenerationResult.FinishReason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A language model (GPT-Neo, Llama or Qwen2, chosen from config.json) with its tokenizer, generating
 * for a batch of prompts of different lengths.
 *
 * <p>Prompts are left-padded to a common length; padding is masked out of attention and each row
 * counts positions from its own first real token, so a row's tokens do not depend on the other rows.
 * Not thread-safe (DJL): call it from one thread, or go through {@link BatchingGenerator}.
 */
public final class LanguageModel implements BatchingGenerator.BatchModel {
  /** The architectures {@link #load} knows, as config.json's {@code architectures} names them. */
  public static final String SUPPORTED = "GPTNeoForCausalLM (gpt_neo), LlamaForCausalLM (llama), "
      + "Qwen2ForCausalLM (qwen2)";

  private final CausalLm model;
  private final Gpt2Tokenizer tokenizer;
  private final TokenizerConfig tokens;
  private final int[] stopIds;
  private final int padId;
  private final boolean addSpecialTokens;
  private BatchTimings lastBatchTimings = new BatchTimings(0, 0, 0);

  /** A validated request: its prompt ids and the number of new tokens that fit the context. */
  public record PreparedRequest(GenerationRequest request, String prompt, int[] promptIds,
      int maxNewTokens, boolean cappedByContext) {}

  /**
   * Where the last batch's time went: the prompt pass (which also yields each row's first token) and
   * the decoding steps after it, with the number of tokens those steps produced.
   */
  public record BatchTimings(long promptNanos, long decodeNanos, long decodeTokens) {}

  /** Whether each step reuses cached keys/values or recomputes the whole sequence (for checks). */
  public enum Decoding { KV_CACHE, FULL_RECOMPUTE }

  public LanguageModel(GptNeoModel model, Gpt2Tokenizer tokenizer) {
    // Like Hugging Face generate, stop at the config's eos_token_id.
    this(model, tokenizer, new TokenizerConfig("", "", null, validIds(model.config().vocabSize(),
        model.config().eosTokenId())), false);
  }

  /**
   * @param addSpecialTokens whether a text prompt goes through tokenizer.json's post processor (Llama:
   *     a BOS token in front), as transformers' {@code tokenizer(prompt)} does
   */
  public LanguageModel(CausalLm model, Gpt2Tokenizer tokenizer, TokenizerConfig tokens,
      boolean addSpecialTokens) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.tokens = tokens;
    this.stopIds = tokens.stopIds().clone();
    this.padId = stopIds.length > 0 ? stopIds[0] : 0;
    this.addSpecialTokens = addSpecialTokens;
  }

  private static int[] validIds(int vocabSize, int id) {
    return id >= 0 && id < vocabSize ? new int[] {id} : new int[0];
  }

  /** Loads a model directory, choosing the architecture from config.json. */
  public static LanguageModel load(Path modelDir, Device device, ComputeType computeType) {
    if (!java.nio.file.Files.isDirectory(modelDir)) {
      throw new ModelFormatException(modelDir + ": model directory does not exist");
    }
    // An unsupported architecture is the first thing to report.
    boolean llamaFamily = isLlamaFamily(modelDir.resolve(GptNeoConfig.FILE_NAME));
    LlamaConfig llamaConfig = llamaFamily ? LlamaConfig.read(modelDir.resolve(GptNeoConfig.FILE_NAME)) : null;
    if (!llamaFamily) {
      GptNeoConfig.read(modelDir);
    }
    Gpt2Tokenizer tokenizer = Gpt2Tokenizer.load(modelDir);
    try {
      if (!llamaFamily) {
        return new LanguageModel(GptNeoModel.load(modelDir, device, computeType), tokenizer);
      }
      TokenizerConfig tokens = TokenizerConfig.read(modelDir, llamaConfig.eosTokenIds(), tokenizer,
          llamaConfig.vocabSize());
      return new LanguageModel(LlamaModel.load(modelDir, device, computeType), tokenizer, tokens, true);
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  /**
   * The model family a folder's config.json names, for reports and metrics: {@code llama}, {@code
   * qwen2} or (everything else, including an unreadable config, which loading reports) {@code
   * gpt-neo}.
   */
  public static String family(Path modelDir) {
    Path config = modelDir.resolve("config.json");
    if (!isLlamaFamily(config)) {
      return "gpt-neo";
    }
    try {
      com.fasterxml.jackson.databind.JsonNode root =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(config.toFile());
      boolean qwen = root.path("model_type").asText("").equals(LlamaConfig.QWEN2);
      for (com.fasterxml.jackson.databind.JsonNode architecture : root.path("architectures")) {
        qwen |= architecture.asText().equals("Qwen2ForCausalLM");
      }
      return qwen ? "qwen2" : "llama";
    } catch (java.io.IOException e) {
      return "gpt-neo";
    }
  }

  /** Whether config.json names LlamaForCausalLM / Qwen2ForCausalLM (or model_type llama / qwen2). */
  static boolean isLlamaFamily(Path configFile) {
    com.fasterxml.jackson.databind.JsonNode root;
    try {
      root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(configFile.toFile());
    } catch (java.io.IOException e) {
      return false; // GptNeoConfig.read reports the unreadable file
    }
    if (root == null) {
      return false;
    }
    String type = root.path("model_type").asText("");
    boolean named = false;
    for (com.fasterxml.jackson.databind.JsonNode architecture : root.path("architectures")) {
      String name = architecture.asText();
      named |= name.equals("LlamaForCausalLM") || name.equals("Qwen2ForCausalLM");
    }
    return named || type.equals(LlamaConfig.LLAMA) || type.equals(LlamaConfig.QWEN2);
  }

  /** Timings of the most recent {@link #generate} call (for benchmarks and reports). */
  public BatchTimings lastBatchTimings() {
    return lastBatchTimings;
  }

  public CausalLmConfig config() {
    return model.config();
  }

  public CausalLm model() {
    return model;
  }

  /** Special tokens, chat template and stop ids of the model directory. */
  public TokenizerConfig tokens() {
    return tokens;
  }

  /** The ids that end generation (several for chat models, e.g. end-of-turn and end-of-text). */
  public int[] stopIds() {
    return stopIds.clone();
  }

  public Gpt2Tokenizer tokenizer() {
    return tokenizer;
  }

  /** Whether the model has a chat template (an instruct or chat model). */
  public boolean hasChatTemplate() {
    return tokens.hasChatTemplate();
  }

  /**
   * The prompt ids of a conversation rendered with the model's chat template and an assistant turn
   * opened for the reply, tokenized without adding special tokens (the template wrote them), as
   * transformers' {@code apply_chat_template(messages, add_generation_prompt=True)} gives them.
   *
   * @throws GenerationException when the model has no chat template or the template refuses
   */
  public int[] chatPromptIds(List<ChatMessage> messages) {
    if (!tokens.hasChatTemplate()) {
      throw new GenerationException("the model has no chat template (no chat_template in "
          + TokenizerConfig.TOKENIZER_CONFIG + "); chat needs an instruct model such as "
          + "HuggingFaceTB/SmolLM2-360M-Instruct");
    }
    String rendered;
    try {
      rendered = new ChatTemplate(tokens.chatTemplate(), tokens.bosToken(), tokens.eosToken())
          .render(messages, true);
    } catch (ChatTemplateException e) {
      throw new GenerationException(e.getMessage());
    }
    return tokenizer.encode(rendered, false);
  }

  /** Tokenizes and checks one request; throws {@link GenerationException} with a one-line reason. */
  @Override
  public PreparedRequest prepare(GenerationRequest request) {
    int[] ids = request.promptIds() != null ? request.promptIds()
        : request.chat() != null ? chatPromptIds(request.chat())
        : tokenizer.encode(request.prompt(), addSpecialTokens);
    String prompt = request.prompt() != null ? request.prompt() : tokenizer.decode(ids);
    if (ids.length == 0) {
      throw new GenerationException("the prompt is empty; the model needs at least one token to continue");
    }
    for (int id : ids) {
      if (id < 0 || id >= config().vocabSize()) {
        throw new GenerationException("prompt token id " + id + " is outside the vocabulary (0.."
            + (config().vocabSize() - 1) + ")");
      }
    }
    int limit = config().maxPositionEmbeddings();
    if (ids.length >= limit) {
      throw new GenerationException("the prompt has " + ids.length + " tokens, which leaves no room for "
          + "new tokens within the model's max_position_embeddings of " + limit);
    }
    int room = limit - ids.length;
    int maxNew = Math.min(request.sampling().maxNewTokens(), room);
    return new PreparedRequest(request, prompt, ids, maxNew, maxNew < request.sampling().maxNewTokens());
  }

  @Override
  public List<GenerationResult> generate(List<PreparedRequest> batch) {
    return generate(batch, Decoding.KV_CACHE);
  }

  /** Runs the prepared requests as one batch. */
  public List<GenerationResult> generate(List<PreparedRequest> batch, Decoding decoding) {
    int rows = batch.size();
    if (rows == 0) {
      return List.of();
    }
    int promptWidth = 0;
    int maxSteps = 0;
    for (PreparedRequest request : batch) {
      promptWidth = Math.max(promptWidth, request.promptIds().length);
      maxSteps = Math.max(maxSteps, request.maxNewTokens());
    }
    int capacity = promptWidth + maxSteps;
    int[] padding = new int[rows];
    int[][] sequence = new int[rows][capacity];       // padded layout, absolute indices
    boolean[][] isReal = new boolean[rows][capacity];
    int[][] history = new int[rows][];                  // prompt + generated, unpadded
    int[] historyLength = new int[rows];
    int[][] generated = new int[rows][];
    int[] generatedCount = new int[rows];
    boolean[] active = new boolean[rows];
    FinishReason[] finish = new FinishReason[rows];
    SplittableRandom[] random = new SplittableRandom[rows];
    for (int r = 0; r < rows; r++) {
      PreparedRequest request = batch.get(r);
      int[] ids = request.promptIds();
      padding[r] = promptWidth - ids.length;
      Arrays.fill(sequence[r], padId);
      System.arraycopy(ids, 0, sequence[r], padding[r], ids.length);
      Arrays.fill(isReal[r], padding[r], capacity, true);
      history[r] = Arrays.copyOf(ids, ids.length + request.maxNewTokens());
      historyLength[r] = ids.length;
      generated[r] = new int[request.maxNewTokens()];
      active[r] = true;
      random[r] = new SplittableRandom(request.request().seed());
    }

    int vocab = config().vocabSize();
    // Rows still on the device, as indices into the batch; logits row i belongs to running[i].
    int[] running = new int[rows];
    Arrays.setAll(running, r -> r);
    KvCache cache = decoding == Decoding.KV_CACHE ? model.newCache(rows, capacity) : null;
    long startNanos = System.nanoTime();
    long promptNanos = 0;
    long decodeTokens = 0;
    try {
      float[] logits = model.forward(slice(sequence, 0, promptWidth), positions(padding, 0, promptWidth),
          isReal, 0, cache, false);
      for (int length = promptWidth; ; length++) {
        boolean fromPrompt = length == promptWidth;
        int activeRows = 0;
        for (int i = 0; i < running.length; i++) {
          int r = running[i];
          if (!active[r]) {
            continue;
          }
          PreparedRequest request = batch.get(r);
          float[] row = Arrays.copyOfRange(logits, i * vocab, (i + 1) * vocab);
          int token = TokenSampler.next(row, history[r], historyLength[r], generatedCount[r],
              request.request().sampling(), stopIds, random[r]);
          if (isStop(token)) {
            active[r] = false;
            finish[r] = FinishReason.END_OF_TEXT;
            continue;
          }
          decodeTokens += fromPrompt ? 0 : 1;
          generated[r][generatedCount[r]++] = token;
          history[r][historyLength[r]++] = token;
          sequence[r][length] = token;
          if (generatedCount[r] == request.maxNewTokens()) {
            active[r] = false;
            finish[r] = request.cappedByContext() ? FinishReason.CONTEXT_FULL : FinishReason.MAX_NEW_TOKENS;
          } else if (stopsHere(request.request().stopRule(), token, generated[r], generatedCount[r])) {
            active[r] = false;
            finish[r] = FinishReason.STOP_RULE;
          } else {
            activeRows++;
          }
        }
        if (fromPrompt) {
          promptNanos = System.nanoTime() - startNanos;
        }
        if (activeRows == 0) {
          break;
        }
        if (activeRows <= running.length / 2) {
          // Half the rows are done: drop them so the remaining steps cost half as much. Copying the
          // cache rows is cheap next to the steps it saves.
          running = dropFinished(running, active, cache);
        }
        int[][] rowSequence = pick(sequence, running);
        boolean[][] rowIsReal = pick(isReal, running);
        int[] rowPadding = new int[running.length];
        for (int i = 0; i < running.length; i++) {
          rowPadding[i] = padding[running[i]];
        }
        if (cache != null) {
          logits = model.forward(slice(rowSequence, length, length + 1), positions(rowPadding, length, length + 1),
              rowIsReal, length, cache, false);
        } else {
          logits = model.forward(slice(rowSequence, 0, length + 1), positions(rowPadding, 0, length + 1),
              rowIsReal, 0, null, false);
        }
      }
    } finally {
      if (cache != null) {
        cache.close();
      }
    }
    lastBatchTimings = new BatchTimings(promptNanos, System.nanoTime() - startNanos - promptNanos, decodeTokens);

    List<GenerationResult> results = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      int[] ids = Arrays.copyOf(generated[r], generatedCount[r]);
      PreparedRequest request = batch.get(r);
      results.add(new GenerationResult(request.prompt(), request.promptIds(), ids, tokenizer.decode(ids),
          finish[r]));
    }
    return results;
  }

  /** Asks a request's stop rule after a token that may end a sentence (text decoded so far). */
  private boolean stopsHere(StopRule rule, int token, int[] generated, int count) {
    if (rule == null || !StopRule.endsSentence(tokenizer.decode(new int[] {token}))) {
      return false;
    }
    return rule.stopAfter(tokenizer.decode(Arrays.copyOf(generated, count)));
  }

  private boolean isStop(int token) {
    for (int stop : stopIds) {
      if (stop == token) {
        return true;
      }
    }
    return false;
  }

  private static int[] dropFinished(int[] running, boolean[] active, KvCache cache) {
    int[] keepPositions = java.util.stream.IntStream.range(0, running.length).filter(i -> active[running[i]]).toArray();
    if (cache != null) {
      cache.keepRows(keepPositions);
    }
    return Arrays.stream(keepPositions).map(i -> running[i]).toArray();
  }

  private static int[][] pick(int[][] rows, int[] indices) {
    int[][] picked = new int[indices.length][];
    for (int i = 0; i < indices.length; i++) {
      picked[i] = rows[indices[i]];
    }
    return picked;
  }

  private static boolean[][] pick(boolean[][] rows, int[] indices) {
    boolean[][] picked = new boolean[indices.length][];
    for (int i = 0; i < indices.length; i++) {
      picked[i] = rows[indices[i]];
    }
    return picked;
  }

  private static int[][] slice(int[][] sequence, int from, int to) {
    int[][] result = new int[sequence.length][];
    for (int r = 0; r < sequence.length; r++) {
      result[r] = Arrays.copyOfRange(sequence[r], from, to);
    }
    return result;
  }

  /**
   * Position ids count a row's real tokens, so padding never shifts them. Padding and rows that
   * have finished keep a valid position (clamped) because their outputs are never used.
   */
  private int[][] positions(int[] padding, int from, int to) {
    int last = config().maxPositionEmbeddings() - 1;
    int[][] result = new int[padding.length][to - from];
    for (int r = 0; r < padding.length; r++) {
      for (int i = from; i < to; i++) {
        result[r][i - from] = Math.min(last, Math.max(0, i - padding[r]));
      }
    }
    return result;
  }

  @Override
  public void close() {
    model.close();
    tokenizer.close();
  }
}
