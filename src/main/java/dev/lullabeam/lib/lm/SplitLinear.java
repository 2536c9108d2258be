package dev.lullabeam.lib.lm;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.core.Linear;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code x·Wᵀ + b} that, for a single input row on the CPU, computes the two halves of W's output rows
 * on two threads at once.
 *
 * <p>Why: at batch 1 every linear layer is a matrix–vector product, and PyTorch 2.7.1's CPU build
 * (DJL 0.36) runs it as MKL {@code sgemv} on ONE core whatever the intra-op thread setting (profiled on
 * 2 cores: the second OpenMP worker spins), so a decoding step streams its 0.5 GB of weights with half
 * the machine. Two Java threads, each running the product for half the rows (a view of W, no copy),
 * stream with both cores; the halves are concatenated (a copy of one row of outputs). Each output is
 * still the dot product of one weight row with x, computed by the same kernel. Inputs of two or more
 * rows go to one {@code linear} call as before: MKL's {@code sgemm} uses every intra-op thread there.
 *
 * <p>The helper thread only ever runs DJL operations handed to it by the model's own thread, which
 * waits for them, so the model stays single-threaded from the caller's point of view.
 */
final class SplitLinear implements AutoCloseable {
  /** A weight [out, in] with an optional bias [out], and views of both halves along out. */
  record Weight(NDArray weight, NDArray bias, NDArray firstWeight, NDArray firstBias, NDArray secondWeight,
      NDArray secondBias) {}

  static final long SPLIT_ALIGNMENT = 128;

  private final ExecutorService helper;

  /** @param enabled false: every call is one plain {@code linear} (e.g. on a GPU, or on one core) */
  SplitLinear(boolean enabled) {
    this.helper = enabled ? Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "lullabeam-lm-linear");
      thread.setDaemon(true);
      return thread;
    }) : null;
  }

  /**
   * Whether splitting pays on this device: a CPU with at least two cores for this JVM, unless PyTorch
   * was limited to one intra-op thread.
   */
  static boolean worthwhile(Device device) {
    // -Dai.djl.pytorch.num_threads=1 (bench-lm --threads 1) asks for one core: keep to it.
    // -Dlullabeam.lm.splitLinear=false turns it off, =true on even with one intra-op thread (to measure).
    String setting = System.getProperty("lullabeam.lm.splitLinear", "");
    if (setting.equalsIgnoreCase("false") || !Device.Type.CPU.equals(device.getDeviceType())) {
      return false;
    }
    String threads = System.getProperty("ai.djl.pytorch.num_threads");
    return setting.equalsIgnoreCase("true") || (Runtime.getRuntime().availableProcessors() >= 2
        && (threads == null || !threads.trim().equals("1")));
  }

  /** The weight with its halves as views (no copy), for {@link #apply}. */
  static Weight split(NDArray weight, NDArray bias) {
    long rows = weight.getShape().get(0);
    // Split at a multiple of SPLIT_ALIGNMENT rows: MKL's sgemv treats rows in blocks and a tail, and
    // with the first half a whole number of blocks and the second half ending where W ends, every row
    // lands in the same kind of block as in one call over W, so the results are bit for bit the
    // same (checked by SplitLinearTest; with a split at rows/2 some outputs differed in the last bit).
    long half = (rows / 2 + SPLIT_ALIGNMENT - 1) / SPLIT_ALIGNMENT * SPLIT_ALIGNMENT;
    if (half >= rows) {
      return new Weight(weight, bias, null, null, null, null);
    }
    return new Weight(weight, bias, weight.get(new NDIndex("0:{}", half)),
        bias == null ? null : bias.get(new NDIndex("0:{}", half)),
        weight.get(new NDIndex("{}:", half)), bias == null ? null : bias.get(new NDIndex("{}:", half)));
  }

  NDArray apply(NDArray x, Weight w) {
    long inputRows = x.getShape().size() / x.getShape().tail();
    if (helper == null || inputRows != 1 || w.firstWeight() == null) {
      return linear(x, w.weight(), w.bias());
    }
    Future<NDArray> first = helper.submit(() -> linear(x, w.firstWeight(), w.firstBias()));
    NDArray second = linear(x, w.secondWeight(), w.secondBias());
    NDArray firstHalf;
    try {
      firstHalf = first.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during a linear layer", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
    NDArray joined = NDArrays.concat(new NDList(firstHalf, second), -1);
    firstHalf.close();
    second.close();
    return joined;
  }

  private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return (bias == null ? Linear.linear(x, weight) : Linear.linear(x, weight, bias)).singletonOrThrow();
  }

  @Override
  public void close() {
    if (helper != null) {
      helper.shutdownNow();
    }
  }
}
