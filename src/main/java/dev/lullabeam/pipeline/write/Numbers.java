package dev.lullabeam.pipeline.write;

/** Rounding for the numbers lullabeam writes into JSON. */
public final class Numbers {

  private Numbers() {}

  /** {@code value} rounded to {@code places} decimals; infinities and NaN unchanged. */
  public static double round(double value, int places) {
    if (!Double.isFinite(value)) {
      return value;
    }
    double scale = Math.pow(10, places);
    return Math.round(value * scale) / scale;
  }
}
