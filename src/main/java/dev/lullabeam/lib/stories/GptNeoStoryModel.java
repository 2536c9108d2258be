package dev.lullabeam.lib.stories;

import dev.lullabeam.lib.lm.BatchingGenerator;
import dev.lullabeam.lib.lm.BatchingOptions;
import dev.lullabeam.lib.lm.ComputeType;
import dev.lullabeam.lib.lm.DeviceSpec;
import dev.lullabeam.lib.lm.GenerationRequest;
import dev.lullabeam.lib.lm.GenerationResult;
import dev.lullabeam.lib.lm.LanguageModels;
import dev.lullabeam.lib.lm.ModelKey;
import dev.lullabeam.lib.lm.SamplingSettings;
import dev.lullabeam.lib.models.ModelLoads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * GPT-Neo from a Hugging Face checkpoint directory, on DJL. The model is loaded on first use in
 * each JVM and shared by every thread ({@link LanguageModels}); calls from several threads are
 * served together in batches of up to {@code batchSize}.
 */
public final class GptNeoStoryModel implements StoryModel {
  private static final long serialVersionUID = 1L;

  private final String modelId;
  private final String modelDir;
  private final String device;
  private final String computeType;
  private final int batchSize;
  private final long lingerMillis;
  private final double temperature;
  private final int topK;
  private final double topP;
  private final double repetitionPenalty;
  private final int noRepeatNgram;
  private final int minNewTokens;
  private final int maxNewTokens;

  public GptNeoStoryModel(
      String modelId,
      String modelDir,
      String device,
      String computeType,
      int batchSize,
      long lingerMillis,
      SamplingSettings sampling) {
    this.modelId = modelId;
    this.modelDir = modelDir;
    this.device = device;
    this.computeType = computeType;
    this.batchSize = batchSize;
    this.lingerMillis = lingerMillis;
    this.temperature = sampling.temperature();
    this.topK = sampling.topK();
    this.topP = sampling.topP();
    this.repetitionPenalty = sampling.repetitionPenalty();
    this.noRepeatNgram = sampling.noRepeatNgramSize();
    this.minNewTokens = sampling.minNewTokens();
    this.maxNewTokens = sampling.maxNewTokens();
    // Fail now, on the launching machine, rather than on every worker.
    key();
  }

  private ModelKey key() {
    return new ModelKey(Path.of(modelDir), DeviceSpec.parse(device), ComputeType.parse(computeType));
  }

  private SamplingSettings sampling() {
    return new SamplingSettings(
        temperature, topK, topP, repetitionPenalty, noRepeatNgram, minNewTokens, maxNewTokens);
  }

  private BatchingGenerator generator() {
    return LanguageModels.generator(
        key(), new BatchingOptions(batchSize, Duration.ofMillis(lingerMillis)));
  }

  @Override
  public String name() {
    return "gpt-neo:" + modelId;
  }

  @Override
  public Written write(String prompt, long seed) {
    long start = System.nanoTime();
    GenerationResult result = generator().generate(GenerationRequest.ofText(prompt, sampling(), seed));
    return new Written(result.text(), result.generatedIds().length, (System.nanoTime() - start) / 1e9);
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("model", modelId);
    info.put("model_dir", modelDir);
    info.put("device", device);
    info.put("dtype", computeType);
    info.put("batch_size", batchSize);
    Map<String, Object> sampling = new LinkedHashMap<>();
    sampling.put("temperature", temperature);
    sampling.put("top_k", topK);
    sampling.put("top_p", topP);
    sampling.put("repetition_penalty", repetitionPenalty);
    sampling.put("no_repeat_ngram_size", noRepeatNgram);
    sampling.put("min_new_tokens", minNewTokens);
    sampling.put("max_new_tokens", maxNewTokens);
    info.put("sampling", sampling);
    return info;
  }

  @Override
  public Map<String, Map<String, Integer>> loads() {
    Map<String, Map<String, Integer>> loads = new TreeMap<>();
    loads.put(name(), new TreeMap<>(Map.of(ModelLoads.jvmId(), LanguageModels.loadCount(key()))));
    return loads;
  }
}
