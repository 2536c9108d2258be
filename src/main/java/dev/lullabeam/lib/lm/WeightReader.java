package dev.lullabeam.lib.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.lib.lm.SafetensorsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Finds a model's tensors in {@code model.safetensors} or in the shards listed by
 * {@code model.safetensors.index.json}, and checks each tensor's shape before it is used.
 */
final class WeightReader {
  static final String SINGLE_FILE = "model.safetensors";
  static final String INDEX_FILE = "model.safetensors.index.json";

  private final Path modelDir;
  private final Map<String, SafetensorsFile> fileByTensor = new HashMap<>();

  private WeightReader(Path modelDir) {
    this.modelDir = modelDir;
  }

  static WeightReader open(Path modelDir) {
    WeightReader reader = new WeightReader(modelDir);
    Path single = modelDir.resolve(SINGLE_FILE);
    Path index = modelDir.resolve(INDEX_FILE);
    if (Files.isRegularFile(single)) {
      SafetensorsFile file = SafetensorsFile.open(single);
      file.tensors().keySet().forEach(name -> reader.fileByTensor.put(name, file));
    } else if (Files.isRegularFile(index)) {
      reader.readIndex(index);
    } else {
      throw new ModelFormatException(modelDir + ": no " + SINGLE_FILE + " or " + INDEX_FILE
          + " (only safetensors weights are supported)");
    }
    return reader;
  }

  private void readIndex(Path index) {
    JsonNode weightMap;
    try {
      weightMap = new ObjectMapper().readTree(index.toFile()).path("weight_map");
    } catch (IOException e) {
      throw new ModelFormatException(index + ": not valid JSON (" + e.getMessage().lines().findFirst()
          .orElse("") + ")", e);
    }
    if (!weightMap.isObject() || weightMap.isEmpty()) {
      throw new ModelFormatException(index + ": has no weight_map");
    }
    Map<String, SafetensorsFile> shards = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = weightMap.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String shardName = entry.getValue().asText();
      SafetensorsFile shard = shards.get(shardName);
      if (shard == null) {
        Path shardPath = modelDir.resolve(shardName);
        if (!Files.isRegularFile(shardPath)) {
          throw new ModelFormatException(shardPath + ": missing (listed in " + INDEX_FILE
              + " for tensor " + entry.getKey() + ")");
        }
        shard = SafetensorsFile.open(shardPath);
        shards.put(shardName, shard);
      }
      if (!shard.tensors().containsKey(entry.getKey())) {
        throw new ModelFormatException(shard.file() + ": tensor " + entry.getKey()
            + " is missing (listed in " + INDEX_FILE + ")");
      }
      fileByTensor.put(entry.getKey(), shard);
    }
  }

  /** The weights file (or index) of the model directory, for messages. */
  Path describe() {
    return modelDir.resolve(Files.isRegularFile(modelDir.resolve(SINGLE_FILE)) ? SINGLE_FILE : INDEX_FILE);
  }

  boolean has(String name) {
    return resolveName(name) != null;
  }

  /** Reads a tensor as float32, accepting names with or without the {@code transformer.} prefix. */
  float[] read(String name, long... expectedShape) {
    String stored = resolveName(name);
    if (stored == null) {
      Path where = modelDir.resolve(Files.isRegularFile(modelDir.resolve(SINGLE_FILE)) ? SINGLE_FILE
          : INDEX_FILE);
      throw new ModelFormatException(where + ": tensor " + name + " is missing");
    }
    SafetensorsFile file = fileByTensor.get(stored);
    long[] shape = file.info(stored).shape();
    if (!Arrays.equals(shape, expectedShape)) {
      throw new ModelFormatException(file.file() + ": tensor " + stored + " has shape "
          + Arrays.toString(shape) + " but config.json implies " + Arrays.toString(expectedShape));
    }
    return file.readFloats(stored);
  }

  private String resolveName(String name) {
    if (fileByTensor.containsKey(name)) {
      return name;
    }
    // Checkpoints saved from GPTNeoModel (without the LM head wrapper) lack the prefix.
    String bare = name.startsWith("transformer.") ? name.substring("transformer.".length()) : name;
    return fileByTensor.containsKey(bare) ? bare : null;
  }
}
