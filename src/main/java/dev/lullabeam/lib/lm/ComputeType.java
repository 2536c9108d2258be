package dev.lullabeam.lib.lm;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * The element type weights and activations use on the device. Attention scores, softmax and the
 * logits handed to the sampler are always float32, as in Hugging Face's GPT-Neo.
 */
public enum ComputeType {
  FLOAT32(DataType.FLOAT32),
  FLOAT16(DataType.FLOAT16);

  private final DataType djlType;

  ComputeType(DataType djlType) {
    this.djlType = djlType;
  }

  DataType djlType() {
    return djlType;
  }

  /** Accepts "fp32"/"f32"/"float32" and "fp16"/"f16"/"float16". */
  public static ComputeType parse(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "fp32": case "f32": case "float32": return FLOAT32;
      case "fp16": case "f16": case "float16": return FLOAT16;
      default: throw new IllegalArgumentException("unknown compute type \"" + text
          + "\"; use fp32 or fp16");
    }
  }
}
