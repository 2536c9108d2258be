package dev.lullabeam.lib.lm;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {
  @Test
  void bfloat16KnownBitPatterns() {
    assertThat(HalfFloats.bf16ToFloat((short) 0x3f80), is(1.0f));
    assertThat(HalfFloats.bf16ToFloat((short) 0xc040), is(-3.0f));
    assertThat(HalfFloats.bf16ToFloat((short) 0x3e80), is(0.25f));
    assertThat(HalfFloats.floatToBf16(1.0f), is((short) 0x3f80));
    // 1 + 2^-8 lies exactly between two bfloat16 values: ties go to the even one (1.0).
    assertThat(HalfFloats.floatToBf16(1.0f + 0x1p-8f), is((short) 0x3f80));
    assertThat(HalfFloats.floatToBf16(1.0f + 0x1p-8f + 0x1p-12f), is((short) 0x3f81));
  }

  @Test
  void float16KnownBitPatterns() {
    assertThat(HalfFloats.f16ToFloat((short) 0x3c00), is(1.0f));
    assertThat(HalfFloats.f16ToFloat((short) 0xc000), is(-2.0f));
    assertThat(HalfFloats.f16ToFloat((short) 0x7bff), is(65504f));
    assertThat(HalfFloats.f16ToFloat((short) 0x0001), is(0x1p-24f));
    assertThat(HalfFloats.f16ToFloat((short) 0x7c00), is(Float.POSITIVE_INFINITY));
    assertThat(HalfFloats.floatToF16(1.0f), is((short) 0x3c00));
    assertThat(HalfFloats.floatToF16(65504f), is((short) 0x7bff));
    assertThat(HalfFloats.floatToF16(1e6f), is((short) 0x7c00));
    assertThat(HalfFloats.floatToF16(0x1p-24f), is((short) 0x0001));
    assertThat(HalfFloats.floatToF16(1.0f + 0x1p-11f), is((short) 0x3c00)); // tie to even
  }

  @Test
  void float16RoundTripsEveryFiniteValue() {
    for (int bits = 0; bits < 0x10000; bits++) {
      short half = (short) bits;
      float value = HalfFloats.f16ToFloat(half);
      if (Float.isNaN(value)) {
        continue;
      }
      assertThat(Integer.toHexString(bits), HalfFloats.floatToF16(value), is(half));
    }
  }
}
