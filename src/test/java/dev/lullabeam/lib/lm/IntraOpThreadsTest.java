package dev.lullabeam.lib.lm;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

class IntraOpThreadsTest {

  @Test
  void aSingleRowStepRunsWithOneThreadAndTheCountIsRestored() {
    try (NDManager manager = NDManager.newBaseManager()) { // starts the engine
      int original = JniUtils.getNumThreads();
      JniUtils.setNumThreads(2); // the surefire configuration runs tests with one
      try {
        int inside = IntraOpThreads.run(Device.cpu(), true, JniUtils::getNumThreads);
        int wide = IntraOpThreads.run(Device.cpu(), false, JniUtils::getNumThreads);

        assertThat(inside, is(1));
        assertThat(wide, is(2));
        assertThat(JniUtils.getNumThreads(), is(2));
      } finally {
        JniUtils.setNumThreads(original);
      }
    }
  }
}
