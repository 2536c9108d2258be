package dev.lullabeam.app.season;

import dev.lullabeam.lib.lm.ComputeType;
import dev.lullabeam.lib.lm.DeviceSpec;
import dev.lullabeam.lib.lm.SamplingSettings;
import dev.lullabeam.lib.lm.hub.HubModelResolver;
import dev.lullabeam.lib.lm.hub.ModelUnavailableException;
import dev.lullabeam.pipeline.SeasonPipeline;
import dev.lullabeam.pipeline.stories.StoryGenerationOptions;
import dev.lullabeam.lib.stories.GptNeoStoryModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks the story-generation options and finds the model, before the season starts. */
final class StoryWritingSetup {

  static final String HOW_TO_GET_MODELS =
      "see README.md, 'Getting real models' (e.g. run once online, or copy a Hugging Face cache"
          + " folder, or pass --model=DIR)";

  private StoryWritingSetup() {}

  /**
   * @throws ModelUnavailableException when the model is neither a folder, nor cached, nor
   *     downloadable
   * @throws ConfigurationException for any other option that cannot work
   */
  static SeasonPipeline.StoryWriting prepare(StoryGenerationOptions options, SeasonRunner runner)
      throws ConfigurationException {
    SamplingSettings sampling;
    try {
      sampling =
          new SamplingSettings(
              options.getTemperature(), options.getTopK(), options.getTopP(),
              options.getRepetitionPenalty(), options.getNoRepeatNgram(),
              // The default minimum (80) must not make a short --maxNewTokens an error.
              Math.min(options.getMinNewTokens(), options.getMaxNewTokens()), options.getMaxNewTokens());
      DeviceSpec device = DeviceSpec.parse(options.getDevice());
      ComputeType.parse(options.getDtype());
      if (device.gpu() && runner.runsInThisJvm()) {
        device.toDjlDevice(); // the GPU must be on this machine; cluster workers check their own
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage());
    }
    if (options.getBatchSize() < 1 || options.getMaxAttempts() < 1) {
      throw new ConfigurationException("--batchSize and --maxAttempts must be at least 1");
    }
    String template;
    try {
      template = Files.readString(Path.of(options.getPromptTemplate()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigurationException("prompt template not found or unreadable: " + options.getPromptTemplate());
    }
    if (!template.contains("{prompt}")) {
      throw new ConfigurationException("prompt template " + options.getPromptTemplate() + " has no {prompt}");
    }
    String briefSystem = readPromptFile(options.getBriefSystemPrompt(), "brief system prompt", null);
    String briefTemplate = readPromptFile(options.getBriefTemplate(), "brief template", "{brief}");
    Path modelDir;
    try {
      modelDir = HubModelResolver.resolveModel(options.getModel());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage());
    }
    if (!Files.isRegularFile(modelDir.resolve("config.json"))) {
      throw new ConfigurationException("model folder " + modelDir + " has no config.json");
    }
    GptNeoStoryModel model =
        new GptNeoStoryModel(
            options.getModel(), modelDir.toAbsolutePath().toString(), options.getDevice(),
            options.getDtype(), options.getBatchSize(), options.getBatchLingerMillis(), sampling, briefSystem);
    return new SeasonPipeline.StoryWriting(model, template).withBriefTemplate(briefTemplate);
  }

  private static String readPromptFile(String path, String what, String placeholder) throws ConfigurationException {
    String text;
    try {
      text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new ConfigurationException(what + " not found or unreadable: " + path);
    }
    if (placeholder != null && !text.contains(placeholder)) {
      throw new ConfigurationException(what + " " + path + " has no " + placeholder);
    }
    return text;
  }
}
