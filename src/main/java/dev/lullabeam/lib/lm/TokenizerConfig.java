package dev.lullabeam.lib.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a model directory says about its special tokens and chat format, from
 * {@code tokenizer_config.json} ({@code bos_token}, {@code eos_token}, {@code chat_template}) and the
 * end ids that stop generation: {@code generation_config.json}'s {@code eos_token_id} (an id or a list,
 * as transformers' generate uses it), else config.json's, else the tokenizer's EOS token.
 *
 * @param bosToken the BOS token's text ("" when none), as chat templates use it
 * @param eosToken the EOS token's text ("" when none)
 * @param chatTemplate the Jinja chat template, or null when the model has none
 * @param stopIds the ids that end generation
 */
public record TokenizerConfig(String bosToken, String eosToken, String chatTemplate, int[] stopIds) {
  public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
  public static final String GENERATION_CONFIG = "generation_config.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public boolean hasChatTemplate() {
    return chatTemplate != null && !chatTemplate.isBlank();
  }

  /**
   * @param configEosIds eos_token_id of config.json
   * @param vocabSize ids at or above it are ignored (a config may name an id the head lacks)
   */
  public static TokenizerConfig read(Path modelDir, List<Integer> configEosIds, Gpt2Tokenizer tokenizer,
      int vocabSize) {
    JsonNode tokenizerConfig = readOptional(modelDir.resolve(TOKENIZER_CONFIG));
    JsonNode generationConfig = readOptional(modelDir.resolve(GENERATION_CONFIG));
    String bos = tokenText(tokenizerConfig.path("bos_token"));
    String eos = tokenText(tokenizerConfig.path("eos_token"));
    String template = chatTemplate(tokenizerConfig.path("chat_template"));
    Path jinja = modelDir.resolve("chat_template.jinja");
    if (template == null && Files.isRegularFile(jinja)) {
      try {
        template = Files.readString(jinja);
      } catch (IOException e) {
        throw new ModelFormatException(jinja + ": cannot read (" + e.getMessage() + ")", e);
      }
    }
    Set<Integer> stops = new LinkedHashSet<>(LlamaConfig.tokenIds(generationConfig.path("eos_token_id")));
    if (stops.isEmpty()) {
      stops.addAll(configEosIds);
    }
    if (stops.isEmpty() && !eos.isEmpty() && tokenizer.addedTokenId(eos) != null) {
      stops.add(tokenizer.addedTokenId(eos));
    }
    return new TokenizerConfig(bos, eos, template,
        stops.stream().filter(id -> id >= 0 && id < vocabSize).mapToInt(Integer::intValue).toArray());
  }

  private static JsonNode readOptional(Path file) {
    if (!Files.isRegularFile(file)) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(file.toFile());
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      throw new ModelFormatException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
          + ")", e);
    }
  }

  /** A token is written as a string or as an AddedToken object {"content": …}. */
  private static String tokenText(JsonNode token) {
    if (token.isTextual()) {
      return token.asText();
    }
    return token.path("content").asText("");
  }

  /** A string, or a list of named templates of which "default" is the one for chat. */
  private static String chatTemplate(JsonNode template) {
    if (template.isTextual()) {
      return template.asText();
    }
    for (JsonNode named : template) {
      if (named.path("name").asText().equals("default")) {
        return named.path("template").asText();
      }
    }
    return null;
  }
}
