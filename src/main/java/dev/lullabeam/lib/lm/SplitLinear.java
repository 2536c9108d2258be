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
 * <p>The idea did not pay in the measurements of 2026-11-30 (see {@link #worthwhile}): it is off by
 * default, a switch for measuring on a quiet machine.
 *
 * <p>The helper thread only ever runs DJL operations handed to it by the model's own thread, which
 * waits for them, so the model stays single-threaded from the caller's point of view.
 */
final class SplitLinear implements AutoCloseable {
  /** A weight [out, in] with an optional bias [out], and views of both halves along out. */
  record Weight(NDArray weight, NDArray bias, NDArray firstWeight, NDArray firstBias, NDArray secondWeight,
      NDArray secondBias) {}

  static final long SPLIT_ALIGNMENT = 128;
  /**
   * Only weights at least this large are split (GPT-Neo's and SmolLM2's output heads; not the 2–9 MB
   * layer weights, where the hand-off to the helper thread costs more than the product saves);
   * {@code -Dlullabeam.lm.splitMinElements=0} splits every linear.
   */
  static final long MIN_SPLIT_ELEMENTS = Long.getLong("lullabeam.lm.splitMinElements", 8L << 20);

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
   * Off unless {@code -Dlullabeam.lm.splitLinear=true}, and never on a GPU: measured on this 2-core
   * machine (bench-lm batch 1, load ≈1.8, pairs interleaved), splitting every linear made decoding
   * 20 % slower (20.4–20.8 vs 25.4–25.9 tokens/s) and splitting only the output head was a wash
   * (25.0 / 23.5 vs 22.7 / 24.0). Kept, tested bit-exact, so a quiet machine can settle it.
   */
  static boolean worthwhile(Device device) {
    return Device.Type.CPU.equals(device.getDeviceType())
        && "true".equalsIgnoreCase(System.getProperty("lullabeam.lm.splitLinear", ""));
  }

  /** The weight with its halves as views (no copy), for {@link #apply}. */
  static Weight split(NDArray weight, NDArray bias) {
    return split(weight, bias, MIN_SPLIT_ELEMENTS);
  }

  /** As {@link #split(NDArray, NDArray)}, splitting weights of at least {@code minElements}. */
  static Weight split(NDArray weight, NDArray bias, long minElements) {
    long rows = weight.getShape().get(0);
    // Split at a multiple of SPLIT_ALIGNMENT rows: MKL's sgemv treats rows in blocks and a tail, and
    // with the first half a whole number of blocks and the second half ending where W ends, every row
    // lands in the same kind of block as in one call over W, so the results are bit for bit the
    // same (checked by SplitLinearTest; with a split at rows/2 some outputs differed in the last bit).
    long half = (rows / 2 + SPLIT_ALIGNMENT - 1) / SPLIT_ALIGNMENT * SPLIT_ALIGNMENT;
    if (half >= rows || weight.getShape().size() < minElements) {
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
