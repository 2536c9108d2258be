package dev.lullabeam.lib.models;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts how often each model or voice was loaded in this JVM. The counts travel with the data
 * to the season report, which shows loads per JVM: the proof that workers share one copy.
 */
public final class ModelLoads {

  private static final Map<String, AtomicInteger> LOADS = new ConcurrentHashMap<>();
  private static final String JVM_ID = ManagementFactory.getRuntimeMXBean().getName();

  private ModelLoads() {}

  /** Records one load of the named model, e.g. {@code voice:cmu-slt-hsmm}. */
  public static void recordLoad(String model) {
    LOADS.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet();
  }

  public static int loads(String model) {
    AtomicInteger count = LOADS.get(model);
    return count == null ? 0 : count.get();
  }

  /** This JVM's name, {@code pid@host}. */
  public static String jvmId() {
    return JVM_ID;
  }

  /** model → (this JVM → loads), for the named models only. */
  public static Map<String, Map<String, Integer>> snapshot(String... models) {
    Map<String, Map<String, Integer>> out = new TreeMap<>();
    for (String model : models) {
      out.put(model, new TreeMap<>(Map.of(JVM_ID, loads(model))));
    }
    return out;
  }

  /** Merges per-JVM load counts, keeping the highest count seen for each (model, JVM). */
  public static void merge(
      Map<String, Map<String, Integer>> into, Map<String, Map<String, Integer>> from) {
    from.forEach(
        (model, perJvm) -> {
          Map<String, Integer> target = into.computeIfAbsent(model, m -> new TreeMap<>());
          perJvm.forEach((jvm, count) -> target.merge(jvm, count, Math::max));
        });
  }
}
