package dev.lullabeam.lib.lm;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchingGeneratorTest {
  @TempDir Path tempDir;

  private static List<GenerationRequest> requests(int count) {
    List<GenerationRequest> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SamplingSettings sampling = i % 2 == 0 ? SamplingSettings.greedy(6 + i % 5)
          : new SamplingSettings(0.9, 40, 0.95, 1.2, 3, 0, 6 + i % 5);
      requests.add(GenerationRequest.ofText("Story " + i + ":" + " once".repeat(i % 4), sampling, i));
    }
    return requests;
  }

  @Test
  void manyThreadsGetTheirOwnResultsBatchedTogether() throws Exception {
    Path dir = TestModels.writeTiny(tempDir.resolve("m"), 21);
    List<GenerationRequest> requests = requests(24);
    List<String> expected = new ArrayList<>();
    try (LanguageModel single = LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT32)) {
      for (GenerationRequest request : requests) {
        expected.add(Arrays.toString(single.generate(List.of(single.prepare(request))).get(0).generatedIds()));
      }
    }
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try (BatchingGenerator generator = new BatchingGenerator(
        LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT32),
        new BatchingOptions(4, Duration.ofMillis(200)))) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<GenerationResult>> futures = new ArrayList<>();
      for (GenerationRequest request : requests) {
        futures.add(callers.submit(() -> {
          start.await();
          return generator.generate(request);
        }));
      }
      start.countDown();
      for (int i = 0; i < requests.size(); i++) {
        assertThat("request " + i, Arrays.toString(futures.get(i).get().generatedIds()), equalTo(expected.get(i)));
      }
      BatchingGenerator.Stats stats = generator.stats();
      assertThat(stats.requests(), is(24L));
      assertThat(stats.largestBatch(), lessThanOrEqualTo(4L));
      assertThat("requests from different threads shared batches", stats.averageBatchSize(), greaterThan(1.5));
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void anInvalidRequestFailsAloneAndTheOthersSucceed() throws Exception {
    Path dir = TestModels.writeTiny(tempDir.resolve("m"), 21);
    try (BatchingGenerator generator = new BatchingGenerator(
        LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT32),
        new BatchingOptions(8, Duration.ofMillis(300)))) {
      CompletableFuture<GenerationResult> good = generator.submit(
          GenerationRequest.ofText("Once upon a time", SamplingSettings.greedy(5), 1));
      CompletableFuture<GenerationResult> tooLong = generator.submit(
          GenerationRequest.ofTokens(new int[200], SamplingSettings.greedy(5), 1));
      assertThat(good.get().generatedIds().length, greaterThan(0));
      ExecutionException error = assertThrows(ExecutionException.class, tooLong::get);
      assertThat(error.getCause(), instanceOf(GenerationException.class));
      assertThat(error.getCause().getMessage(), containsString("200 tokens"));
      assertThat(generator.stats().batches(), is(1L));
      // The blocking call rethrows the same exception directly.
      GenerationException direct = assertThrows(GenerationException.class,
          () -> generator.generate(GenerationRequest.ofText("", SamplingSettings.greedy(5), 1)));
      assertThat(direct.getMessage(), containsString("empty"));
    }
  }

  @Test
  void anExplicitBatchRunsAsOneBatchEvenWhenLargerThanTheBatchSize() throws Exception {
    Path dir = TestModels.writeTiny(tempDir.resolve("m"), 21);
    try (BatchingGenerator generator = new BatchingGenerator(
        LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT32), new BatchingOptions(2, Duration.ZERO))) {
      List<GenerationResult> results = generator.generateBatch(requests(5));
      assertThat(results.size(), is(5));
      assertThat(generator.stats().batches(), is(1L));
      assertThat(generator.stats().largestBatch(), is(5L));
    }
  }

  @Test
  void closedGeneratorRefusesNewWork() throws Exception {
    Path dir = TestModels.writeTiny(tempDir.resolve("m"), 21);
    BatchingGenerator generator = new BatchingGenerator(
        LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT32), BatchingOptions.DEFAULT);
    generator.close();
    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> generator.generate(GenerationRequest.ofText("Hi", SamplingSettings.greedy(2), 1)));
    assertThat(error.getMessage(), containsString("closed"));
  }
}
