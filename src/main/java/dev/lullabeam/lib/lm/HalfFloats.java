package dev.lullabeam.lib.lm;

/**
 * Conversions between float32 and the two 16-bit float formats, done in Java because handing BF16
 * data to DJL 0.36's PyTorch engine (or converting to BFLOAT16 there) aborts the whole JVM with a
 * native crash no Java code can catch. Java 17 has no Float.float16ToFloat.
 */
public final class HalfFloats {
  private HalfFloats() {}

  /** bfloat16 is the upper half of a float32, so widening is a shift. */
  public static float bf16ToFloat(short bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }

  /** Round to nearest even, as PyTorch does when casting to bfloat16; NaN stays NaN. */
  public static short floatToBf16(float value) {
    int bits = Float.floatToRawIntBits(value);
    if (Float.isNaN(value)) {
      return (short) ((bits >>> 16) | 0x40);
    }
    int roundingBias = 0x7fff + ((bits >>> 16) & 1);
    return (short) ((bits + roundingBias) >>> 16);
  }

  public static float f16ToFloat(short half) {
    int h = half & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      if (mantissa == 0) {
        return Float.intBitsToFloat(sign);
      }
      // Subnormal half: value = mantissa * 2^-24.
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  /** Round to nearest even, saturating to infinity beyond the half range. */
  public static short floatToF16(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    float abs = Math.abs(value);
    if (Float.isNaN(value)) {
      return (short) (sign | 0x7e00);
    }
    if (abs >= 65520f) { // rounds to infinity in IEEE half
      return (short) (sign | 0x7c00);
    }
    if (abs < 0x1p-14f) {
      // Subnormal or zero: quantise to multiples of 2^-24 with round-half-even.
      float scaled = abs * 0x1p24f;
      int q = (int) Math.rint(scaled);
      return (short) (sign | q);
    }
    int absBits = bits & 0x7fffffff;
    int exponent = (absBits >>> 23) - 127 + 15;
    int mantissa = absBits & 0x7fffff;
    int half = (exponent << 10) | (mantissa >>> 13);
    int remainder = mantissa & 0x1fff;
    if (remainder > 0x1000 || (remainder == 0x1000 && (half & 1) == 1)) {
      half++; // may carry into the exponent, which is the correct rounding
    }
    return (short) (sign | half);
  }
}
