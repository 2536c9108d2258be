package dev.lullabeam.lib.lm;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import org.junit.jupiter.api.Test;

class SplitLinearTest {

  @Test
  void oneRowSplitOverTwoThreadsGivesExactlyThePlainLinear() {
    // GPT-Neo's qkv, MLP and (narrowed) output-head shapes; 50257 rows split into 25216 + 25041.
    int[][] shapes = {{2304, 768}, {768, 3072}, {3072, 768}, {50257, 64}, {37, 16}};
    try (NDManager manager = NDManager.newBaseManager(); SplitLinear linears = new SplitLinear(true)) {
      for (int[] shape : shapes) {
        NDArray weight = manager.randomNormal(new Shape(shape[0], shape[1]));
        NDArray bias = manager.randomNormal(new Shape(shape[0]));
        NDArray x = manager.randomNormal(new Shape(1, 1, shape[1]));

        NDArray plain = Linear.linear(x, weight, bias).singletonOrThrow();
        NDArray halves = linears.apply(x, SplitLinear.split(weight, bias, 0));

        assertThat(halves.getShape(), equalTo(new Shape(1, 1, shape[0])));
        assertThat(halves.toFloatArray(), equalTo(plain.toFloatArray()));
        NDArray noBias = linears.apply(x, SplitLinear.split(weight, null, 0));
        assertThat(noBias.toFloatArray(), equalTo(Linear.linear(x, weight).singletonOrThrow().toFloatArray()));
      }
    }
  }

  @Test
  void onlyLargeWeightsAreSplit() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray head = manager.zeros(new Shape(50257, 768));
      NDArray layer = manager.zeros(new Shape(3072, 768));

      assertThat(SplitLinear.split(head, null).firstWeight() != null, equalTo(true));
      assertThat(SplitLinear.split(layer, null).firstWeight() == null, equalTo(true));
    }
  }

  @Test
  void severalRowsGoToOnePlainLinear() {
    try (NDManager manager = NDManager.newBaseManager(); SplitLinear linears = new SplitLinear(true)) {
      NDArray weight = manager.randomNormal(new Shape(10, 8));
      NDArray x = manager.randomNormal(new Shape(3, 2, 8));

      NDArray result = linears.apply(x, SplitLinear.split(weight, null));

      assertThat(result.getShape(), equalTo(new Shape(3, 2, 10)));
      assertThat(result.toFloatArray(), equalTo(Linear.linear(x, weight).singletonOrThrow().toFloatArray()));
    }
  }
}
