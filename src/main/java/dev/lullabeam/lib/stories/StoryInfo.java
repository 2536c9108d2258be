package dev.lullabeam.lib.stories;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.lullabeam.lib.quality.GateResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * How an episode's story came to be: written in the catalogue and reviewed by the quality gate,
 * or written by the language model, attempt by attempt. The episode's JSON carries it as {@code
 * story_info}, with {@code source} saying which.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "source")
@JsonSubTypes({
  @JsonSubTypes.Type(value = StoryInfo.Reviewed.class, name = "catalogue"),
  @JsonSubTypes.Type(value = StoryInfo.Generated.class, name = "language_model")
})
public sealed interface StoryInfo extends Serializable {

  /** How many stories the language model wrote for the episode. */
  @JsonIgnore
  int storyAttempts();

  /** A story from the catalogue, narrated as written whatever the gate says. */
  record Reviewed(GateResult quality) implements StoryInfo {
    @Override
    public int storyAttempts() {
      return 0;
    }
  }

  /**
   * A story the language model wrote: the model and its settings, the prompt, and every attempt
   * with the gate's verdict; {@code seed} is the accepted attempt's.
   *
   * @param modelSettings the model's own description (device, sampling, …), inlined in the JSON
   * @param rewrittenBecause why the story was written once more after the season was compared, or null
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"model_name", "prompt", "episode_seed", "status", "attempts"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Generated(
      String modelName,
      @JsonIgnore Map<String, Object> modelSettings,
      String prompt,
      long episodeSeed,
      GatedStoryWriter.Status status,
      List<GatedStoryWriter.Attempt> attempts,
      long seed,
      @Nullable String rewrittenBecause)
      implements StoryInfo {

    public Generated {
      modelSettings = Collections.unmodifiableMap(new LinkedHashMap<>(modelSettings)); // keeps the order
      attempts = List.copyOf(attempts);
    }

    /** The accepted story's info; the outcome must be accepted. */
    public static Generated of(
        StoryModel model, String prompt, GatedStoryWriter.Outcome outcome) {
      GatedStoryWriter.Attempt accepted =
          outcome.attempts().stream()
              .filter(GatedStoryWriter.Attempt::accepted)
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("no attempt was accepted"));
      return new Generated(
          model.name(), model.describe(), prompt, outcome.episodeSeed(), outcome.status(),
          outcome.attempts(), accepted.seed(), null);
    }

    /** With one more attempt, made because the story nearly copied another episode's. */
    public Generated rewritten(GatedStoryWriter.Attempt attempt, String because) {
      List<GatedStoryWriter.Attempt> all = new ArrayList<>(attempts);
      all.add(attempt);
      return new Generated(
          modelName, modelSettings, prompt, episodeSeed, status, all,
          attempt.accepted() ? attempt.seed() : seed, because);
    }

    @JsonAnyGetter
    Map<String, Object> settingsInline() {
      return modelSettings;
    }

    @JsonProperty("tokens_generated")
    public int tokensGenerated() {
      return attempts.stream().mapToInt(GatedStoryWriter.Attempt::tokensGenerated).sum();
    }

    @JsonProperty("generation_seconds")
    public double generationSeconds() {
      return attempts.stream().mapToDouble(GatedStoryWriter.Attempt::seconds).sum();
    }

    @Override
    public int storyAttempts() {
      return attempts.size();
    }
  }
}
