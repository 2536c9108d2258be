package dev.lullabeam.lib.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.lib.lm.checkpoint.CheckpointShape;
import dev.lullabeam.lib.lm.checkpoint.CheckpointWriter;
import dev.lullabeam.lib.lm.SafetensorsWriter;
import dev.lullabeam.lib.lm.SafetensorsWriter.HostTensor;
import dev.lullabeam.lib.lm.TensorDType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small model directories for tests, written into a test's temporary directory. */
public final class TestModels {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestModels() {}

  /** The float64 reference vector (every weight, the logits and the greedy tokens), a test resource. */
  public static JsonNode reference() {
    try (InputStream in = TestModels.class.getResourceAsStream("gpt-neo-tiny.json")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the reference model (96-token vocabulary of single byte symbols, no merges) to {@code dir}. */
  public static Path writeReferenceModel(Path dir, TensorDType dtype) throws IOException {
    JsonNode reference = reference();
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("config.json"), JSON.writeValueAsString(reference.get("config")));
    Map<String, HostTensor> tensors = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = reference.get("weights").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode shape = entry.getValue().get("shape");
      JsonNode data = entry.getValue().get("data");
      long[] dims = new long[shape.size()];
      for (int i = 0; i < dims.length; i++) {
        dims[i] = shape.get(i).asLong();
      }
      float[] values = new float[data.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) data.get(i).asDouble();
      }
      tensors.put(entry.getKey(), new HostTensor(values, dims));
    }
    SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors, dtype, Map.of());
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (int id = 0; id < reference.get("config").get("vocab_size").asInt(); id++) {
      vocab.put(new String(Character.toChars('!' + id)), id);
    }
    Files.writeString(dir.resolve("vocab.json"), JSON.writeValueAsString(vocab));
    Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n");
    return dir;
  }

  /** A tiny random GPT-Neo whose predictions are decisive enough for exact token comparisons. */
  public static Path writeTiny(Path dir, long seed) throws IOException {
    return writeTiny(dir, CheckpointShape.TINY, TensorDType.F32, seed);
  }

  public static Path writeTiny(Path dir, CheckpointShape shape, TensorDType dtype, long seed)
      throws IOException {
    writer(shape, dtype, seed).write(dir);
    return dir;
  }

  public static CheckpointWriter writer(CheckpointShape shape, TensorDType dtype, long seed) {
    return new CheckpointWriter(shape, dtype, seed).initStd(0.3).randomNormParameters(true);
  }

  public static int[] ints(JsonNode array) {
    int[] values = new int[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asInt();
    }
    return values;
  }
}
