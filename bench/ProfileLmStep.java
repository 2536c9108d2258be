// Where one decoding step's time goes, by PyTorch's own profiler (through DJL's JniUtils), for a
// random GPT-Neo-125M-shaped checkpoint (or --checkpoint DIR). Java 17 single-file program:
//
//   mvn -o -q compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
//   java -cp "target/classes:$(cat target/bench-classpath.txt)" bench/ProfileLmStep.java [BATCH ...]
//
// For each batch size it profiles a generation of 1 + STEPS new tokens and keeps the ops from the
// second forward pass on (each forward starts with two embedding lookups, aten::index), i.e. the
// STEPS decoding steps after the prompt pass: per step, the count and inclusive time of every
// top-level aten op DJL called (children such as addmm under linear are counted in their parent),
// plus the wall time of a step measured without the profiler. Options via -D:
// -Dsteps=8 -Dprompt=32 -Dthreads=N (PyTorch intra-op threads) -Dcheckpoint=DIR -Dtrace=DIR (keep the
// chrome traces), -Dpass=prompt (profile the prompt pass instead), -Dlookups=1 for Llama/Qwen2 checkpoints
// (aten::index calls that open a forward pass: GPT-Neo looks up tokens and positions, Llama tokens only).
import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.lib.lm.ComputeType;
import dev.lullabeam.lib.lm.GenerationRequest;
import dev.lullabeam.lib.lm.LanguageModel;
import dev.lullabeam.lib.lm.SamplingSettings;
import dev.lullabeam.lib.lm.checkpoint.CheckpointShape;
import dev.lullabeam.lib.lm.checkpoint.CheckpointWriter;
import dev.lullabeam.lib.lm.TensorDType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

public class ProfileLmStep {
  static final int STEPS = Integer.getInteger("steps", 8);
  static final int PROMPT = Integer.getInteger("prompt", 32);
  /** Embedding lookups (aten::index) that start a forward pass: 2 for GPT-Neo, 1 for Llama/Qwen2. */
  static final int LOOKUPS = Integer.getInteger("lookups", 2);
  /** -Dpass=prompt keeps the prompt pass (divided by nothing) instead of the decoding steps. */
  static final boolean PROMPT_PASS = "prompt".equals(System.getProperty("pass"));

  public static void main(String[] args) throws Exception {
    if (System.getProperty("threads") != null) {
      System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("threads"));
    }
    List<Integer> batches = new ArrayList<>();
    for (String arg : args) {
      batches.add(Integer.parseInt(arg));
    }
    if (batches.isEmpty()) {
      batches = List.of(1, 32);
    }
    Path dir = System.getProperty("checkpoint") != null ? Path.of(System.getProperty("checkpoint")) : null;
    Path temporary = null;
    if (dir == null) {
      temporary = Files.createTempDirectory("profile-lm-");
      dir = temporary;
      new CheckpointWriter(CheckpointShape.GPT_NEO_125M, TensorDType.F32, 0).write(dir);
    }
    Path traces = System.getProperty("trace") != null ? Path.of(System.getProperty("trace"))
        : Files.createTempDirectory("profile-lm-traces-");
    System.out.printf(Locale.ROOT, "load average %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    try (LanguageModel model = LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT32)) {
      generate(model, 1, 4); // warm-up
      for (int batch : batches) {
        generate(model, batch, 1 + STEPS); // warm-up at this shape
        double wallMs = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
          generate(model, batch, 1 + STEPS);
          LanguageModel.BatchTimings t = model.lastBatchTimings();
          wallMs = Math.min(wallMs, t.decodeNanos() / 1e6 / STEPS);
        }
        Path fullTrace = traces.resolve("b" + batch + "-steps.json");
        JniUtils.startProfile(false, true, false);
        generate(model, batch, 1 + STEPS);
        JniUtils.stopProfile(fullTrace.toString());
        Map<String, double[]> step = topLevel(fullTrace);
        step.values().forEach(v -> {
          v[0] /= PROMPT_PASS ? 1 : STEPS;
          v[1] /= PROMPT_PASS ? 1 : STEPS;
        });
        double ops = step.values().stream().mapToDouble(v -> v[0]).sum();
        double micros = step.values().stream().mapToDouble(v -> v[1]).sum();
        if (PROMPT_PASS) {
          System.out.printf(Locale.ROOT, "%nbatch %d: the prompt pass (%d tokens per row): %.0f top-level aten ops, "
              + "%.2f ms inside them (profiled)%n", batch, PROMPT, ops, micros / 1000);
        } else {
          System.out.printf(Locale.ROOT, "%nbatch %d: one decoding step %.2f ms wall without the profiler; "
              + "%.0f top-level aten ops per step, %.2f ms inside them (profiled)%n", batch, wallMs, ops, micros / 1000);
        }
        System.out.println("| op | calls per step | ms per step | share of op time |");
        System.out.println("|---|---:|---:|---:|");
        step.entrySet().stream().filter(e -> e.getValue()[0] > 0.01)
            .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[1]))
            .forEach(e -> System.out.printf(Locale.ROOT, "| %s | %.1f | %.3f | %.1f%% |%n", e.getKey(),
                e.getValue()[0], e.getValue()[1] / 1000, 100 * e.getValue()[1] / micros));
      }
    } finally {
      if (temporary != null) {
        try (var paths = Files.walk(temporary)) {
          paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    System.out.println("\nchrome traces (chrome://tracing, ui.perfetto.dev): " + traces);
  }

  /** Calls and inclusive microseconds of the decoding steps' ops not nested inside another op on the same thread. */
  static Map<String, double[]> topLevel(Path trace) throws Exception {
    JsonNode root = new ObjectMapper().readTree(trace.toFile());
    JsonNode events = root.isArray() ? root : root.path("traceEvents");
    List<JsonNode> ops = new ArrayList<>();
    for (JsonNode e : events) {
      if ("X".equals(e.path("ph").asText()) && e.path("name").asText().startsWith("aten::")) {
        ops.add(e);
      }
    }
    ops.sort(Comparator.comparingDouble((JsonNode e) -> e.path("ts").asDouble())
        .thenComparingDouble(e -> -e.path("dur").asDouble()));
    Map<String, double[]> result = new HashMap<>();
    Map<String, Deque<Double>> openEnds = new HashMap<>();
    int lookups = 0;
    boolean decoding = false;
    for (JsonNode e : ops) {
      String thread = e.path("tid").asText();
      Deque<Double> stack = openEnds.computeIfAbsent(thread, k -> new ArrayDeque<>());
      double start = e.path("ts").asDouble();
      double end = start + e.path("dur").asDouble();
      while (!stack.isEmpty() && stack.peek() <= start) {
        stack.pop();
      }
      if (stack.isEmpty() && e.path("name").asText().equals("aten::index") && ++lookups == LOOKUPS + 1) {
        decoding = true; // the first forward pass after the prompt pass
      }
      if (stack.isEmpty() && decoding != PROMPT_PASS) {
        double[] v = result.computeIfAbsent(e.path("name").asText(), k -> new double[2]);
        v[0]++;
        v[1] += e.path("dur").asDouble();
      }
      stack.push(end);
    }
    return result;
  }

  static void generate(LanguageModel model, int batch, int newTokens) {
    SplittableRandom random = new SplittableRandom(batch * 1000L + PROMPT);
    SamplingSettings sampling = SamplingSettings.greedy(newTokens).withMinNewTokens(newTokens);
    List<LanguageModel.PreparedRequest> requests = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      int[] prompt = new int[PROMPT];
      for (int t = 0; t < PROMPT; t++) {
        prompt[t] = random.nextInt(Math.min(50000, model.config().vocabSize() - 1));
      }
      requests.add(model.prepare(GenerationRequest.ofTokens(prompt, sampling, i)));
    }
    model.generate(requests);
  }
}
