package dev.lullabeam.lib.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Weights and constants as arrays on a model's device, in its compute type (GPT-Neo, Llama). */
final class DeviceArrays {

  private DeviceArrays() {}

  /** The named weight, read as F32 (BF16/F16 converted in Java) and put on the device. */
  static NDArray load(
      NDManager manager, ComputeType computeType, WeightReader weights, String name, long... shape) {
    return create(manager, computeType, weights.read(name, shape), new Shape(shape));
  }

  /** {@code values} on the manager's device, converted to the compute type. */
  static NDArray create(NDManager manager, ComputeType computeType, float[] values, Shape shape) {
    NDArray array = manager.create(values, shape);
    if (computeType.djlType() != DataType.FLOAT32) {
      NDArray converted = array.toType(computeType.djlType(), false);
      array.close();
      return converted;
    }
    return array;
  }
}
