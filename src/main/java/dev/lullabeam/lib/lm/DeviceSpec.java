package dev.lullabeam.lib.lm;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a model runs, as written on the command line: {@code cpu} (default), {@code gpu} (the first
 * GPU) or {@code gpu:N}. {@code cuda} and {@code cuda:N} are accepted as synonyms.
 */
public record DeviceSpec(boolean gpu, int index) {
  public static final DeviceSpec CPU = new DeviceSpec(false, -1);
  private static final Pattern GPU = Pattern.compile("(?:gpu|cuda)(?::(\\d+))?");

  public DeviceSpec {
    if (gpu && index < 0) {
      throw new IllegalArgumentException("GPU index must be ≥ 0, got " + index);
    }
    if (!gpu) {
      index = -1;
    }
  }

  public static DeviceSpec parse(String text) {
    String normalised = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (normalised.equals("cpu")) {
      return CPU;
    }
    Matcher matcher = GPU.matcher(normalised);
    if (matcher.matches()) {
      return new DeviceSpec(true, matcher.group(1) == null ? 0 : Integer.parseInt(matcher.group(1)));
    }
    throw new IllegalArgumentException("unknown device \"" + text + "\"; use cpu, gpu or gpu:N");
  }

  /** The DJL device, after checking that the GPU asked for exists among {@code availableGpus}. */
  public Device toDjlDevice(int availableGpus) {
    if (!gpu) {
      return Device.cpu();
    }
    if (index >= availableGpus) {
      throw new IllegalArgumentException("device " + this + " was requested but PyTorch sees "
          + (availableGpus == 0 ? "no GPU" : availableGpus + " GPU(s), gpu:0..gpu:" + (availableGpus - 1))
          + " on this machine");
    }
    return Device.gpu(index);
  }

  /** The DJL device on this machine; fails with a clear message when the GPU is absent. */
  public Device toDjlDevice() {
    prepareEngine(this);
    return toDjlDevice(gpu ? Engine.getEngine("PyTorch").getGpuCount() : 0);
  }

  /**
   * The CPU natives ship in the PyTorch native jar, so a CPU run never needs DJL's network lookups;
   * make that the default before the engine starts. GPU runs keep DJL's default so it can fetch the
   * CUDA natives where the network allows.
   */
  static void prepareEngine(DeviceSpec device) {
    if (!device.gpu() && System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
  }

  @Override
  public String toString() {
    return gpu ? "gpu:" + index : "cpu";
  }
}
