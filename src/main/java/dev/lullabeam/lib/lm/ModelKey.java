package dev.lullabeam.lib.lm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Identifies one loaded copy of a model: the model directory, the device and the compute type. */
public record ModelKey(Path modelDir, DeviceSpec device, ComputeType computeType) {

  public ModelKey {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(computeType, "computeType");
    modelDir = canonical(Objects.requireNonNull(modelDir, "modelDir"));
  }

  public static ModelKey cpu(Path modelDir) {
    return new ModelKey(modelDir, DeviceSpec.CPU, ComputeType.FLOAT32);
  }

  /** The same directory reached through a symlink or a relative path is the same model. */
  private static Path canonical(Path dir) {
    try {
      return Files.exists(dir) ? dir.toRealPath() : dir.toAbsolutePath().normalize();
    } catch (IOException e) {
      return dir.toAbsolutePath().normalize();
    }
  }

  @Override
  public String toString() {
    return modelDir + " on " + device + " (" + computeType.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
