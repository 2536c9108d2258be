package dev.lullabeam.lib.lm;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With every layer local (window 4, 4 layers) the last token can be influenced only by the last
 * 4 × (4 − 1) + 1 = 13 tokens. Changing an earlier token must leave its logits untouched; an
 * implementation that ignored the window would let the change through.
 */
class LocalAttentionTest {
  private static final int WINDOW = 4;
  private static final int LENGTH = 24;

  @Test
  void tokensBeyondTheLocalReceptiveFieldDoNotChangeTheLogits(@TempDir Path dir) throws Exception {
    Path allLocal = withAttention(TestModels.writeTiny(dir.resolve("local"), 5), "local", WINDOW);
    Path allGlobal = withAttention(TestModels.writeTiny(dir.resolve("global"), 5), "global", WINDOW);
    int[] tokens = new int[LENGTH];
    Arrays.setAll(tokens, i -> 40 + 7 * i);
    int[] earlyChange = tokens.clone();
    earlyChange[2] = 300;          // 21 tokens before the last: outside the receptive field
    int[] lateChange = tokens.clone();
    lateChange[LENGTH - 5] = 300;  // inside it

    try (GptNeoModel local = GptNeoModel.load(allLocal, Device.cpu(), ComputeType.FLOAT32);
        GptNeoModel global = GptNeoModel.load(allGlobal, Device.cpu(), ComputeType.FLOAT32)) {
      float[] base = lastLogits(local, tokens);
      assertThat(maxDifference(base, lastLogits(local, earlyChange)), lessThan(1e-5));
      assertThat(maxDifference(base, lastLogits(local, lateChange)), greaterThan(1e-3));
      // The same weights with global attention do see the early token.
      float[] globalBase = lastLogits(global, tokens);
      assertThat(maxDifference(globalBase, lastLogits(global, earlyChange)), greaterThan(1e-3));
      // Within the window local and global attention are the same computation.
      int[] shortInput = Arrays.copyOf(tokens, WINDOW);
      assertThat(maxDifference(lastLogits(local, shortInput), lastLogits(global, shortInput)),
          lessThan(1e-4));
    }
  }

  private static Path withAttention(Path modelDir, String type, int window) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode config = (ObjectNode) json.readTree(modelDir.resolve("config.json").toFile());
    config.put("window_size", window);
    config.putArray("attention_types").addArray().add(json.createArrayNode().add(type))
        .add(config.get("num_layers").asInt());
    Files.writeString(modelDir.resolve("config.json"), json.writeValueAsString(config));
    return modelDir;
  }

  private static float[] lastLogits(GptNeoModel model, int[] tokens) {
    int[] positions = new int[tokens.length];
    Arrays.setAll(positions, i -> i);
    boolean[][] real = new boolean[1][tokens.length];
    Arrays.fill(real[0], true);
    return model.forward(new int[][] {tokens}, new int[][] {positions}, real, 0, null, false);
  }

  private static double maxDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
