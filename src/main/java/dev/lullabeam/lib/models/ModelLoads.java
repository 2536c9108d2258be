package dev.lullabeam.lib.models;

import java.lang.management.ManagementFactory;

/**
 * This JVM's name, which the story model still puts on its load counts. Loads themselves are
 * counted with Beam metrics where they happen ({@code pipeline.metrics.ModelLoadMetrics}).
 */
public final class ModelLoads {

  private static final String JVM_ID = ManagementFactory.getRuntimeMXBean().getName();

  private ModelLoads() {}

  /** This JVM's name, {@code pid@host}. */
  public static String jvmId() {
    return JVM_ID;
  }
}
