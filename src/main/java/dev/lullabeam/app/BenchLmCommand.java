package dev.lullabeam.app;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.lullabeam.lib.lm.ComputeType;
import dev.lullabeam.lib.lm.DeviceSpec;
import dev.lullabeam.lib.lm.GenerationRequest;
import dev.lullabeam.lib.lm.GenerationResult;
import dev.lullabeam.lib.lm.CausalLmConfig;
import dev.lullabeam.lib.lm.LanguageModel;
import dev.lullabeam.lib.lm.LanguageModel.Decoding;
import dev.lullabeam.lib.lm.SamplingSettings;
import dev.lullabeam.lib.lm.checkpoint.CheckpointShape;
import dev.lullabeam.lib.lm.checkpoint.CheckpointWriter;
import dev.lullabeam.lib.lm.checkpoint.LlamaCheckpointWriter;
import dev.lullabeam.lib.lm.checkpoint.LlamaShape;
import dev.lullabeam.lib.lm.TensorDType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures GPT-Neo generation on a gpt-neo-125m-shaped random checkpoint in fp32: tokens per second
 * per batch size, the FLOP rate that implies (≈ 2 × parameters per token) against a matmul ceiling
 * measured in the same run, and KV-cache decoding against full recomputation.
 */
@Command(name = "bench-lm", mixinStandardHelpOptions = true,
    description = "Benchmark language-model generation (random gpt-neo-125m-, smollm2-135m- or "
        + "qwen2.5-0.5b-shaped weights, fp32).",
    defaultValueProvider = PipelineOptionDefaults.class)
public final class BenchLmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--checkpoint", paramLabel = "DIR",
      description = "Model to measure; default: a random gpt-neo-125m-shaped checkpoint written to a temporary directory.")
  Path checkpoint;

  @Option(names = "--shape", defaultValue = "gpt-neo-125m", paramLabel = "SHAPE",
      description = "Shape of the random checkpoint written when no --checkpoint is given: gpt-neo-125m (default), "
          + "smollm2-135m or qwen2.5-0.5b.")
  String shape;

  @Option(names = "--batch-sizes", split = ",", defaultValue = "1,4,16,32", paramLabel = "N,N,…",
      description = "Batch sizes for the throughput table (default ${DEFAULT-VALUE}).")
  List<Integer> batchSizes;

  @Option(names = "--prompt-tokens", defaultValue = "32", paramLabel = "N",
      description = "Prompt length for the throughput table (default ${DEFAULT-VALUE}).")
  int promptTokens;

  @Option(names = "--new-tokens", defaultValue = "32", paramLabel = "N",
      description = "New tokens per sequence for the throughput table (default ${DEFAULT-VALUE}).")
  int newTokens;

  @Option(names = "--kv-lengths", split = ",", defaultValue = "256,512", paramLabel = "N,N,…",
      description = "New-token counts for KV cache vs full recomputation, batch 1 (default ${DEFAULT-VALUE}); "
          + "full recomputation costs O(N²): 512 takes minutes.")
  List<Integer> kvLengths;

  @Option(names = "--skip-kv", description = "Skip the KV cache vs recomputation comparison.")
  boolean skipKv;

  @Option(names = "--exhaustive-recompute",
      description = "Time full recomputation by really running it for every token (O(N²): about 10 minutes for "
          + "512 tokens on 2 cores) instead of timing sampled steps and summing.")
  boolean exhaustiveRecompute;

  @Option(names = "--recompute-samples", defaultValue = "12", paramLabel = "N",
      description = "Steps timed to estimate full recomputation (default ${DEFAULT-VALUE}).")
  int recomputeSamples;

  @Option(names = "--threads", paramLabel = "N",
      description = "PyTorch intra-op threads (default: one per core). Must be set before the engine starts, "
          + "so it applies only when nothing in this JVM has used DJL yet.")
  Integer threads;

  @Option(names = "--device", paramLabel = "D", description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
  String device;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CommandErrors.quietenLibraryLogging();
    if (threads != null) {
      System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
    }
    Path temporary = null;
    try {
      Device djlDevice = DeviceSpec.parse(device).toDjlDevice();
      Path modelDir = checkpoint;
      if (modelDir == null) {
        temporary = Files.createTempDirectory("bench-lm-");
        modelDir = temporary;
        long start = System.nanoTime();
        LlamaShape llamaShape = LlamaShape.named(shape);
        if (llamaShape != null) {
          new LlamaCheckpointWriter(llamaShape, TensorDType.F32, 0).write(modelDir);
        } else {
          new CheckpointWriter(CheckpointShape.named(shape), TensorDType.F32, 0).write(modelDir);
        }
        out.printf(Locale.ROOT, "Wrote a random %s-shaped checkpoint in %.1f s%n", shape, seconds(start));
      }
      out.printf(Locale.ROOT, "Machine: %d cores visible to the JVM, %s, DJL PyTorch intra-op threads %s%n",
          Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"),
          System.getProperty("ai.djl.pytorch.num_threads", "default (cores)"));
      out.flush();

      try (LanguageModel model = LanguageModel.load(modelDir, djlDevice, ComputeType.FLOAT32)) {
        CausalLmConfig config = model.config();
        double flopsPerToken = 2.0 * config.parameterCount();
        out.printf(Locale.ROOT, "Model: %,d parameters, %s; %.0f MFLOP per token%n%n",
            config.parameterCount(), config.describe(), flopsPerToken / 1e6);
        generate(model, 1, 8, 4, Decoding.KV_CACHE); // warm-up: first calls allocate and pick kernels

        double squareCeiling = matmulGflops(djlDevice, 768, 768, 768);
        out.printf(Locale.ROOT, "Matmul ceiling (fp32 768×768 · 768×768 in DJL, this run): %.1f GFLOP/s%n%n",
            squareCeiling);
        double copyBandwidth = copyGigabytesPerSecond(djlDevice);
        double weightGigabytes = 4.0 * config.parameterCount() / 1e9;
        out.printf(Locale.ROOT, "Memory stream ceiling (in-place add over a 256 MB fp32 array in DJL, read + write): %.1f GB/s;"
            + " every decoding step reads all %.2f GB of weights%n%n", copyBandwidth, weightGigabytes);
        out.println("| batch | prompt s | decode tokens/s | decode GFLOP/s | of square ceiling | batch-shaped "
            + "matmul GFLOP/s ([B," + config.hiddenSize() + "]·[" + config.hiddenSize() + "," + config.intermediateSize()
            + "]) | of that | weight reads GB/s | of stream ceiling | end-to-end new tokens/s |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        out.flush();
        StringBuilder result = new StringBuilder("RESULT lullabeam");
        for (int batch : batchSizes) {
          double shaped = matmulGflops(djlDevice, batch, config.hiddenSize(), config.intermediateSize());
          generate(model, batch, promptTokens, 2, Decoding.KV_CACHE); // warm-up at this batch shape
          long start = System.nanoTime();
          List<GenerationResult> results = generate(model, batch, promptTokens, newTokens, Decoding.KV_CACHE);
          double totalSeconds = seconds(start);
          LanguageModel.BatchTimings timings = model.lastBatchTimings();
          double promptSeconds = timings.promptNanos() / 1e9;
          long tokens = results.stream().mapToLong(r -> r.generatedIds().length).sum();
          double decodeTokensPerSecond = timings.decodeTokens() / (timings.decodeNanos() / 1e9);
          double gflops = decodeTokensPerSecond * flopsPerToken / 1e9;
          double weightReads = decodeTokensPerSecond / batch * weightGigabytes;
          out.printf(Locale.ROOT, "| %d | %.2f | %.1f | %.1f | %.0f%% | %.1f | %.0f%% | %.1f | %.0f%% | %.1f |%n", batch,
              promptSeconds, decodeTokensPerSecond, gflops, 100 * gflops / squareCeiling, shaped,
              100 * gflops / shaped, weightReads, 100 * weightReads / copyBandwidth, tokens / totalSeconds);
          out.flush();
          result.append(String.format(Locale.ROOT, " batch%d_tokens_per_s=%.1f batch%d_of_square_ceiling=%.3f",
              batch, decodeTokensPerSecond, batch, gflops / squareCeiling));
        }
        out.printf(Locale.ROOT, "%n(prompt %d tokens and %d new tokens per sequence, greedy; decode = the steps after the prompt pass, timed inside generation; "
            + "FLOP per token ≈ 2 × parameters)%n%n",
            promptTokens, newTokens);
        // One machine-readable line for scripts (bench/jlama.sh computes the same-run ratios from it).
        out.println(result);
        out.println();

        if (!skipKv) {
          compareKvCacheWithRecomputation(model, out);
        }
      }
      return 0;
    } catch (IllegalArgumentException e) {
      return CommandErrors.report(err, e);
    } finally {
      if (temporary != null) {
        deleteRecursively(temporary);
      }
    }
  }

  private void compareKvCacheWithRecomputation(LanguageModel model, PrintWriter out) {
    out.println(exhaustiveRecompute
        ? "| new tokens (batch 1) | KV cache s | tokens/s | full recomputation s (run) | tokens/s | speed-up | same tokens |"
        : "| new tokens (batch 1) | KV cache s | tokens/s | full recomputation s (estimated from "
            + recomputeSamples + " timed steps) | tokens/s | speed-up | same tokens at timed steps |");
    out.println("|---:|---:|---:|---:|---:|---:|:---:|");
    out.flush();
    int promptLength = 8;
    for (int length : kvLengths) {
      long start = System.nanoTime();
      GenerationResult cached = generate(model, 1, promptLength, length, Decoding.KV_CACHE).get(0);
      double cachedSeconds = seconds(start);
      double recomputedSeconds;
      boolean same;
      if (exhaustiveRecompute) {
        start = System.nanoTime();
        GenerationResult recomputed = generate(model, 1, promptLength, length, Decoding.FULL_RECOMPUTE).get(0);
        recomputedSeconds = seconds(start);
        same = Arrays.equals(cached.generatedIds(), recomputed.generatedIds());
      } else {
        double[] estimate = estimateRecomputation(model, cached, length);
        recomputedSeconds = estimate[0];
        same = estimate[1] == 1;
      }
      out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.1f | %.1f× | %s |%n", length, cachedSeconds,
          length / cachedSeconds, recomputedSeconds, length / recomputedSeconds, recomputedSeconds / cachedSeconds,
          same ? "yes" : "no");
      out.flush();
    }
  }

  /**
   * Without a cache, step t runs the model over all t tokens so far. Time that step at evenly spaced
   * t (one full forward over the first t tokens, as {@link Decoding#FULL_RECOMPUTE} does), check it
   * predicts the token the cached run chose, and sum the interpolated step times over all steps.
   *
   * @return {estimated seconds, 1 if every timed step agreed with the cached run else 0}
   */
  private double[] estimateRecomputation(LanguageModel model, GenerationResult cached, int length) {
    int[] sequence = new int[cached.promptIds().length + cached.generatedIds().length];
    System.arraycopy(cached.promptIds(), 0, sequence, 0, cached.promptIds().length);
    System.arraycopy(cached.generatedIds(), 0, sequence, cached.promptIds().length, cached.generatedIds().length);
    int first = cached.promptIds().length;
    int last = sequence.length - 1; // the last step sees every token but the final one
    int samples = Math.max(2, Math.min(recomputeSamples, last - first + 1));
    int[] points = new int[samples];
    double[] stepSeconds = new double[samples];
    boolean agree = true;
    SamplingSettings oneToken = SamplingSettings.greedy(1).withMinNewTokens(1);
    for (int j = 0; j < samples; j++) {
      points[j] = first + (int) Math.round((double) j * (last - first) / (samples - 1));
      int[] prefix = Arrays.copyOf(sequence, points[j]);
      var request = model.prepare(GenerationRequest.ofTokens(prefix, oneToken, 0));
      long start = System.nanoTime();
      int token = model.generate(List.of(request), Decoding.FULL_RECOMPUTE).get(0).generatedIds()[0];
      stepSeconds[j] = seconds(start);
      agree &= token == sequence[points[j]];
    }
    double total = 0;
    for (int t = first; t < first + length; t++) {
      int j = 1;
      while (j < samples - 1 && points[j] < t) {
        j++;
      }
      double span = Math.max(1, points[j] - points[j - 1]);
      double weight = Math.min(1, Math.max(0, (t - points[j - 1]) / span));
      total += stepSeconds[j - 1] + weight * (stepSeconds[j] - stepSeconds[j - 1]);
    }
    return new double[] {total, agree ? 1 : 0};
  }

  /** Random prompts of equal length; greedy with min = max new tokens so every row runs to the end. */
  private static List<GenerationResult> generate(LanguageModel model, int batch, int promptLength, int newTokens,
      Decoding decoding) {
    SplittableRandom random = new SplittableRandom(batch * 1000L + promptLength);
    SamplingSettings sampling = SamplingSettings.greedy(newTokens).withMinNewTokens(newTokens);
    List<LanguageModel.PreparedRequest> requests = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      int[] prompt = new int[promptLength];
      for (int t = 0; t < promptLength; t++) {
        prompt[t] = random.nextInt(Math.min(50000, model.config().vocabSize() - 1));
      }
      requests.add(model.prepare(GenerationRequest.ofTokens(prompt, sampling, i)));
    }
    return model.generate(requests, decoding);
  }

  /** fp32 matmul [m,k]·[k,n] repeated for about a second; the best of three rounds. */
  static double matmulGflops(Device device, int m, int k, int n) {
    try (NDManager manager = NDManager.newBaseManager(device)) {
      NDArray a = manager.randomNormal(new Shape(m, k));
      NDArray b = manager.randomNormal(new Shape(k, n));
      for (int i = 0; i < 3; i++) {
        a.matMul(b).close();
      }
      double flopsPerCall = 2.0 * m * k * n;
      int calls = Math.max(1, (int) (2e9 / flopsPerCall)); // roughly 2 GFLOP per round
      double best = 0;
      for (int round = 0; round < 3; round++) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
          a.matMul(b).close();
        }
        best = Math.max(best, calls * flopsPerCall / seconds(start) / 1e9);
      }
      return best;
    }
  }

  /**
   * Bytes read plus bytes written per second by an in-place add over a 256 MB fp32 array (a stream
   * through memory, like reading weights); best of five after a warm-up that faults the pages in.
   */
  static double copyGigabytesPerSecond(Device device) {
    try (NDManager manager = NDManager.newBaseManager(device)) {
      NDArray array = manager.ones(new Shape(64L * 1024 * 1024));
      array.addi(1f);
      double best = 0;
      for (int round = 0; round < 5; round++) {
        long start = System.nanoTime();
        array.addi(1f);
        best = Math.max(best, 2.0 * 4 * array.size() / seconds(start) / 1e9);
      }
      return best;
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toArray(Path[]::new)) {
        Files.deleteIfExists(path);
      }
    }
  }
}
