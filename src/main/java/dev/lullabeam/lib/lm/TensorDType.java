package dev.lullabeam.lib.lm;

import java.util.Locale;

/** The safetensors element types this project reads and writes. */
public enum TensorDType {
  F32(4),
  F16(2),
  BF16(2);

  private final int bytesPerElement;

  TensorDType(int bytesPerElement) {
    this.bytesPerElement = bytesPerElement;
  }

  public int bytesPerElement() {
    return bytesPerElement;
  }

  /** Parses "f32", "F16", "bf16", …; returns null for a type this project does not support. */
  public static TensorDType fromName(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
