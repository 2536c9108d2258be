package dev.lullabeam.lib.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/** Reads a model's {@code config.json}, every failure a {@link ModelFormatException} naming the file. */
final class ConfigFiles {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigFiles() {}

  /**
   * @param parse turns the JSON into the config; its {@link IllegalArgumentException} says what is
   *     wrong, and is reported with the file's name
   */
  static <T> T read(Path file, Function<JsonNode, T> parse) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new ModelFormatException(
          file + ": cannot read (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
    }
    try {
      return parse.apply(root);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file + ": " + e.getMessage(), e);
    }
  }

  /** A config field that must be a positive integer; an {@link IllegalArgumentException} if not. */
  static int requiredPositiveInt(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || !node.canConvertToInt() || node.asInt() <= 0) {
      throw new IllegalArgumentException("field " + field + " is missing or not a positive integer");
    }
    return node.asInt();
  }
}
