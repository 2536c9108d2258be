package dev.lullabeam.lib.lm;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * Runs a single-row forward step (batch-1 decoding) with ONE PyTorch intra-op thread on the CPU.
 *
 * <p>Why: every op of a batch-1 step is tiny, and MKL's matrix–vector product runs on one core anyway
 * (profiled, docs/benchmarks-lm.md), so a second OpenMP thread only adds a fork/join to each of the
 * ≈650 ops of a step — and when other processes hold the cores, the whole team waits for it.
 * Measured on 2 cores (bench-lm batch 1, load ≈2): one intra-op thread 33 tokens/s, two 20–26.
 * Larger batches and prompt passes keep every thread (their GEMMs use them).
 *
 * <p>{@code JniUtils.setNumThreads} is {@code at::set_num_threads}: with PyTorch's OpenMP build it
 * sets the calling thread's OpenMP thread count, so it is set and restored around the step on the
 * model's own thread. {@code -Dlullabeam.lm.oneThreadBatch1=false} turns this off (to measure).
 */
final class IntraOpThreads {
  private static final boolean ENABLED =
      !"false".equalsIgnoreCase(System.getProperty("lullabeam.lm.oneThreadBatch1", ""));

  private IntraOpThreads() {}

  static <T> T run(Device device, boolean singleRow, Supplier<T> step) {
    if (!ENABLED || !singleRow || !Device.Type.CPU.equals(device.getDeviceType())) {
      return step.get();
    }
    int threads = JniUtils.getNumThreads();
    if (threads <= 1) {
      return step.get();
    }
    JniUtils.setNumThreads(1);
    try {
      return step.get();
    } finally {
      JniUtils.setNumThreads(threads);
    }
  }
}
