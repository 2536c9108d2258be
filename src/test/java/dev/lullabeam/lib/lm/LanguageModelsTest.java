package dev.lullabeam.lib.lm;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanguageModelsTest {
  @TempDir Path tempDir;

  @Test
  void concurrentCallersShareOneLoadPerKey() throws Exception {
    Path dir = TestModels.writeTiny(tempDir.resolve("shared"), 31);
    ModelKey key = ModelKey.cpu(dir);
    ModelKey sameThroughOtherPath = ModelKey.cpu(dir.resolve("../shared"));
    ModelKey halfPrecision = new ModelKey(dir, DeviceSpec.CPU, ComputeType.FLOAT16);
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      List<Callable<BatchingGenerator>> lookups = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        ModelKey k = i % 2 == 0 ? key : sameThroughOtherPath;
        lookups.add(() -> LanguageModels.generator(k));
      }
      List<Future<BatchingGenerator>> results = threads.invokeAll(lookups);
      BatchingGenerator first = results.get(0).get();
      for (Future<BatchingGenerator> result : results) {
        assertThat(result.get(), sameInstance(first));
      }
      assertThat(LanguageModels.loadCount(key), is(1));
      assertThat(LanguageModels.loadCount(halfPrecision), is(0));
      LanguageModels.generator(halfPrecision).generate(
          GenerationRequest.ofText("Hello", SamplingSettings.greedy(3), 0));
      assertThat(LanguageModels.loadCount(halfPrecision), is(1));
      assertThat(LanguageModels.loadCounts().get(key), is(1));
      assertThat(LanguageModels.loadCount(key), is(1));
    } finally {
      threads.shutdownNow();
      LanguageModels.close(key);
      LanguageModels.close(halfPrecision);
    }
  }

  @Test
  void conflictingBatchingOptionsAreAConfigurationError() throws Exception {
    ModelKey key = ModelKey.cpu(TestModels.writeTiny(tempDir.resolve("opts"), 32));
    try {
      LanguageModels.generator(key, new BatchingOptions(4, Duration.ofMillis(5)));
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
          () -> LanguageModels.generator(key, new BatchingOptions(16, Duration.ofMillis(5))));
      assertThat(error.getMessage(), containsString("already running"));
    } finally {
      LanguageModels.close(key);
    }
  }

  @Test
  void aFailedLoadIsNotCountedAndNamesTheProblem() {
    ModelKey key = ModelKey.cpu(tempDir.resolve("does-not-exist"));
    ModelFormatException error = assertThrows(ModelFormatException.class, () -> LanguageModels.generator(key));
    assertThat(error.getMessage(), containsString("does-not-exist: model directory does not exist"));
    assertThat(LanguageModels.loadCount(key), is(0));
  }
}
