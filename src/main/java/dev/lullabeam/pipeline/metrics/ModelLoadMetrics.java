package dev.lullabeam.pipeline.metrics;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * Model and voice loads, counted with Beam metrics where the load happens: one counter per model
 * and JVM, named {@code <model>|<jvm>}. After the run the launcher reads them from the pipeline
 * result into the report's {@code model_loads_per_jvm} — the proof that every worker JVM loads
 * each model once and shares it.
 */
public final class ModelLoadMetrics {

  public static final String NAMESPACE = "lullabeam.model_loads";
  private static final String SEPARATOR = "|";
  private static final String JVM = ManagementFactory.getRuntimeMXBean().getName();

  private ModelLoadMetrics() {}

  /** This JVM's name, {@code pid@host}. */
  public static String jvm() {
    return JVM;
  }

  /**
   * The counter for loads of {@code model} (e.g. {@code voice:cmu-slt-hsmm}) in this JVM. Only
   * increments made while processing elements count: Beam collects none from {@code @Setup}.
   */
  public static Counter counter(String model) {
    return Metrics.counter(NAMESPACE, model + SEPARATOR + JVM);
  }

  /** model → (JVM → loads), from a finished pipeline's metrics. */
  public static Map<String, Map<String, Integer>> read(PipelineResult result) {
    Map<String, Map<String, Integer>> loads = new TreeMap<>();
    for (MetricResult<Long> counter :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(NAMESPACE)).build())
            .getCounters()) {
      String name = counter.getName().getName();
      int cut = name.lastIndexOf(SEPARATOR);
      if (cut < 0) {
        continue;
      }
      // Attempted, not committed: a load in a bundle that was retried still happened.
      long count = counter.getAttempted();
      if (count > 0) {
        loads
            .computeIfAbsent(name.substring(0, cut), m -> new TreeMap<>())
            .merge(name.substring(cut + 1), (int) count, Integer::sum);
      }
    }
    return loads;
  }
}
