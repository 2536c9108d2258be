package dev.lullabeam.lib.lm;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DeviceSpecTest {
  @Test
  void parsesCpuGpuAndIndexedGpu() {
    assertThat(DeviceSpec.parse("cpu"), is(DeviceSpec.CPU));
    assertThat(DeviceSpec.parse(" CPU "), is(DeviceSpec.CPU));
    assertThat(DeviceSpec.parse("gpu"), is(new DeviceSpec(true, 0)));
    assertThat(DeviceSpec.parse("gpu:3"), is(new DeviceSpec(true, 3)));
    assertThat(DeviceSpec.parse("cuda:1"), is(new DeviceSpec(true, 1)));
    assertThat(DeviceSpec.parse("gpu:2").toString(), equalTo("gpu:2"));
  }

  @Test
  void rejectsUnknownDevices() {
    for (String text : new String[] {"tpu", "gpu:", "gpu:-1", "gpu:x", ""}) {
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> DeviceSpec.parse(text));
      assertThat(error.getMessage(), containsString("use cpu, gpu or gpu:N"));
    }
  }

  @Test
  void mapsToDjlDevicesWhenTheGpuExists() {
    assertThat(DeviceSpec.CPU.toDjlDevice(0), is(Device.cpu()));
    assertThat(DeviceSpec.parse("gpu:1").toDjlDevice(2), is(Device.gpu(1)));
  }

  @Test
  void askingForAnAbsentGpuIsAClearError() {
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> DeviceSpec.parse("gpu").toDjlDevice(0));
    assertThat(none.getMessage(), equalTo("device gpu:0 was requested but PyTorch sees no GPU on this machine"));
    IllegalArgumentException tooHigh = assertThrows(IllegalArgumentException.class,
        () -> DeviceSpec.parse("gpu:2").toDjlDevice(2));
    assertThat(tooHigh.getMessage(), containsString("sees 2 GPU(s), gpu:0..gpu:1"));
  }

  @Test
  void thisMachineHasNoGpuSoAskingTheEngineFails() {
    // The test machines have no GPU; on one with a GPU this check says nothing useful.
    org.junit.jupiter.api.Assumptions.assumeTrue(
        ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() == 0);
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> DeviceSpec.parse("gpu").toDjlDevice());
    assertThat(error.getMessage(), containsString("no GPU"));
  }
}
