package dev.lullabeam.lib.lm;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lullabeam.lib.lm.checkpoint.CheckpointShape;
import dev.lullabeam.lib.lm.SafetensorsFile;
import dev.lullabeam.lib.lm.TensorDType;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoadingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shardedCheckpointLoadsToTheSameModelAsASingleFile(@TempDir Path dir) throws Exception {
    Path single = TestModels.writeTiny(dir.resolve("single"), 3);
    Path sharded = dir.resolve("sharded");
    TestModels.writer(CheckpointShape.TINY, TensorDType.F32, 3).maxShardBytes(200_000).write(sharded);
    try (Stream<Path> files = Files.list(sharded)) {
      List<String> shards = files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("model-")).sorted().collect(Collectors.toList());
      assertThat(shards.size() > 1, equalTo(true));
    }
    assertThat(Files.exists(sharded.resolve("model.safetensors")), equalTo(false));
    List<String> expected = greedy(single);
    assertThat(greedy(sharded), equalTo(expected));
  }

  private static List<String> greedy(Path dir) {
    try (LanguageModel model = LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT32)) {
      return model.generate(List.of(model.prepare(
          GenerationRequest.ofText("Once upon a time", SamplingSettings.greedy(8), 0))))
          .stream().map(r -> Arrays.toString(r.generatedIds())).collect(Collectors.toList());
    }
  }

  @Test
  void truncatedWeightsNameTheFileAndTheTensor(@TempDir Path dir) throws Exception {
    Path model = TestModels.writeTiny(dir.resolve("m"), 3);
    Path weights = model.resolve("model.safetensors");
    try (FileChannel channel = FileChannel.open(weights, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - 100); // part of the last tensor, ln_f.bias
    }
    ModelFormatException error = assertThrows(ModelFormatException.class,
        () -> LanguageModel.load(model, Device.cpu(), ComputeType.FLOAT32));
    assertThat(error.getMessage(), containsString(weights.toString()));
    assertThat(error.getMessage(), containsString("tensor transformer.ln_f.bias"));
    assertThat(error.getMessage(), containsString("truncated"));
    assertThat(error.getMessage().lines().count(), equalTo(1L));
  }

  @Test
  void garbageHeaderIsReportedWithTheFileName(@TempDir Path dir) throws Exception {
    Path model = TestModels.writeTiny(dir.resolve("m"), 3);
    Path weights = model.resolve("model.safetensors");
    byte[] bytes = Files.readAllBytes(weights);
    bytes[8] = '#';  // the header's opening brace
    Files.write(weights, bytes);
    ModelFormatException error = assertThrows(ModelFormatException.class,
        () -> LanguageModel.load(model, Device.cpu(), ComputeType.FLOAT32));
    assertThat(error.getMessage(), containsString(weights.toString()));
    assertThat(error.getMessage(), containsString("not valid JSON"));
  }

  @Test
  void shapeThatDisagreesWithConfigNamesTheTensor(@TempDir Path dir) throws Exception {
    Path model = TestModels.writeTiny(dir.resolve("m"), 3);
    ObjectNode config = (ObjectNode) JSON.readTree(model.resolve("config.json").toFile());
    config.put("max_position_embeddings", 256);
    Files.writeString(model.resolve("config.json"), JSON.writeValueAsString(config));
    ModelFormatException error = assertThrows(ModelFormatException.class,
        () -> LanguageModel.load(model, Device.cpu(), ComputeType.FLOAT32));
    assertThat(error.getMessage(), containsString("model.safetensors: tensor transformer.wpe.weight has "
        + "shape [128, 64] but config.json implies [256, 64]"));
  }

  @Test
  void otherArchitecturesAreRejectedNamingConfigJson(@TempDir Path dir) throws Exception {
    Path model = TestModels.writeTiny(dir.resolve("m"), 3);
    Files.writeString(model.resolve("config.json"),
        "{\"architectures\":[\"GPT2LMHeadModel\"],\"model_type\":\"gpt2\",\"n_embd\":64}");
    ModelFormatException error = assertThrows(ModelFormatException.class,
        () -> LanguageModel.load(model, Device.cpu(), ComputeType.FLOAT32));
    assertThat(error.getMessage(), containsString(model.resolve("config.json").toString()));
    assertThat(error.getMessage(), containsString("unsupported architecture"));
  }

  @Test
  void missingShardIsNamed(@TempDir Path dir) throws Exception {
    Path sharded = dir.resolve("sharded");
    TestModels.writer(CheckpointShape.TINY, TensorDType.F32, 3).maxShardBytes(200_000).write(sharded);
    String second;
    try (Stream<Path> files = Files.list(sharded)) {
      second = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("model-00002-of-"))
          .findFirst().orElseThrow();
    }
    Files.delete(sharded.resolve(second));
    ModelFormatException error = assertThrows(ModelFormatException.class,
        () -> LanguageModel.load(sharded, Device.cpu(), ComputeType.FLOAT32));
    assertThat(error.getMessage(), containsString(second + ": missing (listed in "
        + "model.safetensors.index.json for tensor "));
  }

  @Test
  void attentionTypesExpandToAlternatingLayers() throws Exception {
    GptNeoConfig config = GptNeoConfig.fromJson(JSON.readTree("{\"model_type\":\"gpt_neo\","
        + "\"vocab_size\":50257,\"max_position_embeddings\":2048,\"hidden_size\":768,\"num_layers\":12,"
        + "\"num_heads\":12,\"window_size\":256,\"attention_types\":[[[\"global\",\"local\"],6]]}"));
    assertThat(config.layerIsLocal(), equalTo(List.of(false, true, false, true, false, true, false, true,
        false, true, false, true)));
    assertThat(config.intermediateSize(), equalTo(3072));
    // 125,198,592 is the parameter count Hugging Face reports for gpt-neo-125m.
    assertThat(config.parameterCount(), equalTo(125_198_592L));
    assertThat(config.layerIsLocal(), not(equalTo(List.of())));
  }

  @Test
  void bf16FileHoldsTheSourceValuesRoundedToBf16(@TempDir Path dir) throws Exception {
    Path f32 = TestModels.writeTiny(dir.resolve("f32"), CheckpointShape.TINY, TensorDType.F32, 4);
    Path bf16 = TestModels.writeTiny(dir.resolve("bf16"), CheckpointShape.TINY, TensorDType.BF16, 4);
    float[] source = SafetensorsFile.open(f32.resolve("model.safetensors")).readFloats("transformer.wte.weight");
    float[] rounded = SafetensorsFile.open(bf16.resolve("model.safetensors")).readFloats("transformer.wte.weight");
    for (int i = 0; i < source.length; i++) {
      assertThat(Math.abs(source[i] - rounded[i]) <= Math.abs(source[i]) / 256, equalTo(true));
    }
    assertThat(Arrays.equals(source, rounded), equalTo(false));
  }
}
