package dev.lullabeam.lib.stories;

import dev.lullabeam.lib.chat.ChatMessage;
import dev.lullabeam.lib.lm.BatchingGenerator;
import dev.lullabeam.lib.lm.BatchingOptions;
import dev.lullabeam.lib.lm.ComputeType;
import dev.lullabeam.lib.lm.DeviceSpec;
import dev.lullabeam.lib.lm.GenerationRequest;
import dev.lullabeam.lib.lm.GenerationResult;
import dev.lullabeam.lib.lm.LanguageModel;
import dev.lullabeam.lib.lm.LanguageModels;
import dev.lullabeam.lib.lm.ModelKey;
import dev.lullabeam.lib.lm.SamplingSettings;
import dev.lullabeam.lib.models.SharedModels;
import dev.lullabeam.lib.pace.Pace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A language model (GPT-Neo, Llama, Qwen2) from a Hugging Face checkpoint directory, on DJL; chat
 * prompts (briefs) go through its chat template after the brief system prompt. Sessions share one loaded copy per
 * JVM ({@link LanguageModels}); the prompts of every session are served together in batches of up
 * to {@code batchSize}.
 */
public final class GptNeoStoryModel implements StoryModel {
  private static final long serialVersionUID = 3L;

  private final String modelId;
  private final String modelDir;
  private final String device;
  private final String computeType;
  private final BatchingOptions batching;
  private final SamplingSettings sampling;
  private final String briefSystemPrompt;
  private final String family;

  public GptNeoStoryModel(
      String modelId,
      String modelDir,
      String device,
      String computeType,
      int batchSize,
      long lingerMillis,
      SamplingSettings sampling) {
    this(modelId, modelDir, device, computeType, batchSize, lingerMillis, sampling, null);
  }

  /** @param briefSystemPrompt the system message before each brief (chat prompt), or null for none */
  public GptNeoStoryModel(
      String modelId,
      String modelDir,
      String device,
      String computeType,
      int batchSize,
      long lingerMillis,
      SamplingSettings sampling,
      String briefSystemPrompt) {
    this.briefSystemPrompt = briefSystemPrompt;
    this.modelId = modelId;
    this.modelDir = modelDir;
    this.device = device;
    this.computeType = computeType;
    this.batching = new BatchingOptions(batchSize, Duration.ofMillis(lingerMillis));
    this.sampling = sampling;
    // Fail now, on the launching machine, rather than on every worker.
    key();
    this.family = LanguageModel.family(Path.of(modelDir));
  }

  private ModelKey key() {
    return new ModelKey(Path.of(modelDir), DeviceSpec.parse(device), ComputeType.parse(computeType));
  }

  @Override
  public String name() {
    return family + ":" + modelId;
  }

  @Override
  public Session open() {
    return new GptNeoSession(LanguageModels.acquire(key()));
  }

  private final class GptNeoSession implements Session {
    private final SharedModels<ModelKey, BatchingGenerator>.Lease lease;

    GptNeoSession(SharedModels<ModelKey, BatchingGenerator>.Lease lease) {
      this.lease = lease;
    }

    @Override
    public List<Written> write(List<Prompt> prompts, Runnable onLoad) throws InterruptedException {
      BatchingGenerator generator;
      try {
        generator = lease.get(onLoad);
      } catch (RuntimeException e) {
        return prompts.stream().map(p -> Written.failed(e)).toList();
      } catch (Exception e) {
        throw new IllegalStateException("loading " + name() + " failed", e);
      }
      long start = System.nanoTime();
      List<CompletableFuture<GenerationResult>> results = new ArrayList<>();
      List<Integer> budgets = new ArrayList<>();
      for (Prompt prompt : prompts) {
        SamplingSettings settings;
        try {
          settings = samplingFor(generator, prompt);
        } catch (RuntimeException e) {
          results.add(CompletableFuture.failedFuture(e)); // e.g. a prompt longer than the context
          budgets.add(0);
          continue;
        }
        GenerationRequest request = prompt.chat()
            ? GenerationRequest.ofChat(chat(prompt.text()), settings, prompt.seed())
            : GenerationRequest.ofText(prompt.text(), settings, prompt.seed());
        if (prompt.wordsToWrite() > 0) {
          request = request.withStopRule(StoryLength.stopAtWords(prompt.wordsToWrite()));
        }
        budgets.add(settings.maxNewTokens());
        results.add(generator.submit(request));
      }
      generator.await(results, batching);
      // The prompts ran together: each took the whole wait.
      double seconds = (System.nanoTime() - start) / 1e9;
      List<Written> written = new ArrayList<>();
      for (int i = 0; i < results.size(); i++) {
        try {
          GenerationResult r = results.get(i).join();
          written.add(Written.story(r.text(), r.generatedIds().length, seconds, budgets.get(i),
              r.finishReason().name().toLowerCase(Locale.ROOT)));
        } catch (CompletionException e) {
          written.add(Written.failed(e.getCause()));
        }
      }
      return written;
    }

    @Override
    public void close() {
      lease.close();
    }
  }

  /** The model's folder (a Hugging Face id resolved to its local copy). */
  public String modelDir() {
    return modelDir;
  }

  /**
   * What a short calibration measured: loading the model and decoding the given prompts together
   * (one batch), so that a season's generation time can be estimated before it runs.
   *
   * @param loadSeconds loading the model (0 when this JVM already had it)
   * @param batch prompts decoded together
   * @param fixedSeconds a batch's cost besides its decoding steps (prompt pass, set-up)
   * @param stepSeconds one decoding step of the whole batch
   * @param budgets each prompt's token budget (its max new tokens)
   * @param expectedTokens each prompt's expected new tokens: its words to write at the tokens per
   *     word measured on its text, or its budget when it has no target length
   * @param problems for each prompt, why the model cannot write it (e.g. longer than its context;
   *     then its budget and expected tokens are 0), or null
   */
  public record DecodeTiming(
      double loadSeconds, int batch, double fixedSeconds, double stepSeconds,
      List<Integer> budgets, List<Integer> expectedTokens, List<String> problems) {

    /** Seconds to write stories of {@code tokens} new tokens in a batch of this size. */
    public double batchSeconds(int tokens) {
      return fixedSeconds + tokens * stepSeconds;
    }
  }

  /** New tokens of the two timed runs; their difference gives the step time. */
  static final int SHORT_RUN = 4;
  static final int LONG_RUN = 20;

  /**
   * Loads the model (timed) and decodes up to one batch of {@code prompts} three times: a warm-up,
   * then {@link #SHORT_RUN} and {@link #LONG_RUN} new tokens for every prompt (end-of-text held
   * back, so every row runs to the end); the step is the difference over the extra tokens.
   */
  public DecodeTiming timeDecoding(List<Prompt> prompts) throws Exception {
    if (prompts.isEmpty()) {
      throw new IllegalArgumentException("no prompts to time");
    }
    try (SharedModels<ModelKey, BatchingGenerator>.Lease lease = LanguageModels.acquire(key())) {
      long start = System.nanoTime();
      boolean[] loaded = {false};
      BatchingGenerator generator = lease.get(() -> loaded[0] = true);
      double load = loaded[0] ? (System.nanoTime() - start) / 1e9 : 0;
      List<Integer> budgets = new ArrayList<>();
      List<Integer> expected = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      List<Prompt> usable = new ArrayList<>();
      for (Prompt prompt : prompts) {
        try {
          int budget = samplingFor(generator, prompt).maxNewTokens();
          int tokens = prompt.wordsToWrite() <= 0
              ? budget
              : Math.min(budget, (int) Math.ceil(prompt.wordsToWrite() * tokensPerWord(generator, prompt)));
          // A prompt that fits but leaves less room than the timed runs need is not timed.
          if (generator.prepare(GenerationRequest.ofText(prompt.text(), sampling.withMaxNewTokens(LONG_RUN),
              prompt.seed())).maxNewTokens() == LONG_RUN || prompt.chat()) {
            usable.add(prompt);
          }
          budgets.add(budget);
          expected.add(tokens);
          problems.add(null);
        } catch (RuntimeException e) { // what the season would fail the row with
          budgets.add(0);
          expected.add(0);
          problems.add(e.getMessage());
        }
      }
      List<Prompt> batch = usable.subList(0, Math.min(usable.size(), batching.maxBatchSize()));
      if (batch.isEmpty()) {
        return new DecodeTiming(load, 0, 0, 0, budgets, expected, problems);
      }
      decode(generator, batch, 2);
      double shortRun = decode(generator, batch, SHORT_RUN);
      double longRun = decode(generator, batch, LONG_RUN);
      double step = Math.max(0, (longRun - shortRun) / (LONG_RUN - SHORT_RUN));
      double fixed = Math.max(0, shortRun - SHORT_RUN * step);
      return new DecodeTiming(load, batch.size(), fixed, step, budgets, expected, problems);
    }
  }

  private double decode(BatchingGenerator generator, List<Prompt> batch, int tokens) throws InterruptedException {
    SamplingSettings exact = new SamplingSettings(sampling.temperature(), sampling.topK(), sampling.topP(),
        sampling.repetitionPenalty(), sampling.noRepeatNgramSize(), tokens, tokens);
    long start = System.nanoTime();
    List<CompletableFuture<GenerationResult>> results = new ArrayList<>();
    for (Prompt prompt : batch) {
      results.add(generator.submit(prompt.chat()
          ? GenerationRequest.ofChat(chat(prompt.text()), exact, prompt.seed())
          : GenerationRequest.ofText(prompt.text(), exact, prompt.seed())));
    }
    generator.await(results, batching);
    for (CompletableFuture<GenerationResult> result : results) {
      result.join(); // a prompt the model cannot take fails the calibration, as it would the row
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private double tokensPerWord(BatchingGenerator generator, Prompt prompt) throws InterruptedException {
    int storyTokens =
        generator.prepare(GenerationRequest.ofText(prompt.text(), sampling, prompt.seed())).promptIds().length;
    return StoryLength.tokensPerWord(storyTokens, Pace.words(prompt.text()));
  }

  /**
   * The sampling settings of one prompt: as configured, or with a target length the max new tokens
   * set from the tokens-per-word measured on the story so far (the prompt text: tokenizer count vs
   * written words; for a brief the brief's text alone, without the chat template's tokens), capped
   * by what the context leaves after the whole prompt. With a target the budget is only a cap: the
   * request's stop rule ({@link StoryLength#stopAtWords}) ends the story at the first sentence end
   * past the target, counting the words actually written.
   */
  SamplingSettings samplingFor(BatchingGenerator generator, Prompt prompt) throws InterruptedException {
    if (prompt.wordsToWrite() <= 0) {
      return sampling;
    }
    SamplingSettings unbounded = sampling.withMaxNewTokens(Integer.MAX_VALUE);
    GenerationRequest whole = prompt.chat()
        ? GenerationRequest.ofChat(chat(prompt.text()), unbounded, prompt.seed())
        : GenerationRequest.ofText(prompt.text(), unbounded, prompt.seed());
    int room = generator.prepare(whole).maxNewTokens(); // max_position_embeddings minus the prompt
    double tokensPerWord = tokensPerWord(generator, prompt);
    int budget = StoryLength.tokenBudget(prompt.wordsToWrite(), tokensPerWord, sampling.minNewTokens(), room);
    return sampling.withMaxNewTokens(budget);
  }

  private List<ChatMessage> chat(String userMessage) {
    List<ChatMessage> messages = new ArrayList<>();
    if (briefSystemPrompt != null && !briefSystemPrompt.isBlank()) {
      messages.add(ChatMessage.system(briefSystemPrompt.strip()));
    }
    messages.add(ChatMessage.user(userMessage));
    return messages;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("model", modelId);
    info.put("model_dir", modelDir);
    info.put("device", device);
    info.put("dtype", computeType);
    info.put("batch_size", batching.maxBatchSize());
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("temperature", sampling.temperature());
    settings.put("top_k", sampling.topK());
    settings.put("top_p", sampling.topP());
    settings.put("repetition_penalty", sampling.repetitionPenalty());
    settings.put("no_repeat_ngram_size", sampling.noRepeatNgramSize());
    settings.put("min_new_tokens", sampling.minNewTokens());
    settings.put("max_new_tokens", sampling.maxNewTokens());
    info.put("sampling", settings);
    return info;
  }
}
