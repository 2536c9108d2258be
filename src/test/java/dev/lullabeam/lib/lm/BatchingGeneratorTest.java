package dev.lullabeam.lib.lm;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BatchingGeneratorTest {
  @TempDir Path tempDir;

  /**
   * Records the prompts of every batch and answers "<prompt>!" for each. An empty prompt is
   * invalid; a batch with "explode" in it fails; the first batch can be held inside the model
   * until the test lets it go.
   */
  private static final class RecordingModel implements BatchingGenerator.BatchModel {
    final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch firstBatchRunning = new CountDownLatch(1);
    final CountDownLatch releaseFirstBatch;
    volatile boolean closed;

    RecordingModel(boolean holdFirstBatch) {
      releaseFirstBatch = new CountDownLatch(holdFirstBatch ? 1 : 0);
    }

    @Override
    public LanguageModel.PreparedRequest prepare(GenerationRequest request) {
      if (request.prompt().isEmpty()) {
        throw new GenerationException("the prompt is empty");
      }
      return new LanguageModel.PreparedRequest(request, request.prompt(), new int[] {1}, 1, false);
    }

    @Override
    public List<GenerationResult> generate(List<LanguageModel.PreparedRequest> batch) {
      List<String> prompts = batch.stream().map(LanguageModel.PreparedRequest::prompt).toList();
      batches.add(prompts);
      firstBatchRunning.countDown();
      try {
        releaseFirstBatch.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      if (prompts.contains("explode")) {
        throw new IllegalStateException("out of memory");
      }
      return prompts.stream()
          .map(p -> new GenerationResult(p, new int[] {1}, new int[] {2}, p + "!",
              GenerationResult.FinishReason.MAX_NEW_TOKENS))
          .toList();
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static GenerationRequest request(String prompt) {
    return GenerationRequest.ofText(prompt, SamplingSettings.greedy(1), 0);
  }

  private static List<String> texts(List<CompletableFuture<GenerationResult>> results) {
    return results.stream().map(r -> r.join().text()).toList();
  }

  @Test
  void aWaitingCallerRunsEveryonesQueuedRequestsInBatchesOfAtMostTheMaximum() throws Exception {
    RecordingModel model = new RecordingModel(true);
    BatchingGenerator generator = new BatchingGenerator(model);
    BatchingOptions upToFour = new BatchingOptions(4, Duration.ZERO);
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try {
      Future<GenerationResult> first = callers.submit(() -> generator.generate(request("a0"), upToFour));
      model.firstBatchRunning.await();
      // Queued while the first caller holds the model: nothing runs them yet.
      List<CompletableFuture<GenerationResult>> queued = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        queued.add(generator.submit(request("b" + i)));
      }
      Future<?> second = callers.submit(() -> {
        generator.await(queued, upToFour);
        return null;
      });
      model.releaseFirstBatch.countDown();

      assertThat(first.get().text(), is("a0!"));
      second.get();
      assertThat(texts(queued), is(List.of("b1!", "b2!", "b3!", "b4!", "b5!")));
      assertThat(
          model.batches,
          is(List.of(List.of("a0"), List.of("b1", "b2", "b3", "b4"), List.of("b5"))));
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void theCallerRunningABatchLingersUntilItIsFull() throws Exception {
    RecordingModel model = new RecordingModel(false);
    BatchingGenerator generator = new BatchingGenerator(model);
    // A linger far longer than the test: only a full queue can start the batch.
    BatchingOptions threeOrAnHour = new BatchingOptions(3, Duration.ofHours(1));
    ExecutorService callers = Executors.newSingleThreadExecutor();
    try {
      Future<GenerationResult> lingering = callers.submit(() -> generator.generate(request("a"), threeOrAnHour));
      List<CompletableFuture<GenerationResult>> later = List.of(generator.submit(request("b")), generator.submit(request("c")));
      generator.await(later, threeOrAnHour);

      assertThat(lingering.get().text(), is("a!"));
      assertThat(texts(later), is(List.of("b!", "c!")));
      assertThat(model.batches.size(), is(1));
      assertThat(model.batches.get(0), containsInAnyOrder("a", "b", "c"));
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void anInvalidRequestFailsAloneAndAFailedBatchFailsItsRequests() throws Exception {
    RecordingModel model = new RecordingModel(false);
    BatchingGenerator generator = new BatchingGenerator(model);
    BatchingOptions options = new BatchingOptions(8, Duration.ZERO);
    List<CompletableFuture<GenerationResult>> results =
        List.of(generator.submit(request("good")), generator.submit(request("")));
    generator.await(results, options);
    assertThat(results.get(0).join().text(), is("good!"));
    ExecutionException invalid = assertThrows(ExecutionException.class, results.get(1)::get);
    assertThat(invalid.getCause(), instanceOf(GenerationException.class));
    assertThat(model.batches, is(List.of(List.of("good"))));

    // The blocking call rethrows the exception itself.
    GenerationException direct =
        assertThrows(GenerationException.class, () -> generator.generate(request(""), options));
    assertThat(direct.getMessage(), containsString("empty"));

    List<CompletableFuture<GenerationResult>> doomed =
        List.of(generator.submit(request("explode")), generator.submit(request("innocent")));
    generator.await(doomed, options);
    for (CompletableFuture<GenerationResult> result : doomed) {
      ExecutionException error = assertThrows(ExecutionException.class, result::get);
      assertThat(error.getCause().getMessage(), is("out of memory"));
    }
  }

  @Test
  void closingFailsWhatIsQueuedClosesTheModelAndRefusesNewWork() throws Exception {
    RecordingModel model = new RecordingModel(false);
    BatchingGenerator generator = new BatchingGenerator(model);
    CompletableFuture<GenerationResult> queued = generator.submit(request("never run"));
    generator.close();

    assertThat(model.closed, is(true));
    assertThat(model.batches, is(List.of()));
    ExecutionException dropped = assertThrows(ExecutionException.class, queued::get);
    assertThat(dropped.getCause().getMessage(), containsString("closed"));
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> generator.generate(request("Hi"), BatchingOptions.DEFAULT));
    assertThat(refused.getMessage(), containsString("closed"));
  }

  @Test
  void manyThreadsGetTheSameTokensAsEachRequestAlone() throws Exception {
    Path dir = TestModels.writeTiny(tempDir.resolve("m"), 21);
    List<GenerationRequest> requests = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      SamplingSettings sampling = i % 2 == 0 ? SamplingSettings.greedy(6 + i % 5)
          : new SamplingSettings(0.9, 40, 0.95, 1.2, 3, 0, 6 + i % 5);
      requests.add(GenerationRequest.ofText("Story " + i + ":" + " once".repeat(i % 4), sampling, i));
    }
    List<String> expected = new ArrayList<>();
    try (LanguageModel single = LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT32)) {
      for (GenerationRequest request : requests) {
        expected.add(Arrays.toString(single.generate(List.of(single.prepare(request))).get(0).generatedIds()));
      }
    }
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try (BatchingGenerator generator =
        new BatchingGenerator(LanguageModel.load(dir, Device.cpu(), ComputeType.FLOAT32))) {
      BatchingOptions options = new BatchingOptions(4, Duration.ofMillis(50));
      List<Future<GenerationResult>> futures = new ArrayList<>();
      for (GenerationRequest request : requests) {
        futures.add(callers.submit(() -> generator.generate(request, options)));
      }
      for (int i = 0; i < requests.size(); i++) {
        assertThat("request " + i, Arrays.toString(futures.get(i).get().generatedIds()), equalTo(expected.get(i)));
      }
    } finally {
      callers.shutdownNow();
    }
  }
}
