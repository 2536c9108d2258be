package dev.lullabeam.lib.lm;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lullabeam.lib.models.SharedModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanguageModelsTest {
  @TempDir Path tempDir;

  private static final GenerationRequest HELLO =
      GenerationRequest.ofText("Hello", SamplingSettings.greedy(3), 0);

  @Test
  void concurrentUsersShareOneLoadPerKey() throws Exception {
    Path dir = TestModels.writeTiny(tempDir.resolve("tiny-model"), 31);
    ModelKey key = ModelKey.cpu(dir);
    ModelKey sameThroughOtherPath = ModelKey.cpu(dir.resolve("../tiny-model"));
    ModelKey halfPrecision = new ModelKey(dir, DeviceSpec.CPU, ComputeType.FLOAT16);
    List<SharedModels<ModelKey, BatchingGenerator>.Lease> leases = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      List<Callable<BatchingGenerator>> lookups = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        var lease = LanguageModels.acquire(i % 2 == 0 ? key : sameThroughOtherPath);
        leases.add(lease);
        lookups.add(lease::get);
      }
      List<Future<BatchingGenerator>> results = threads.invokeAll(lookups);
      BatchingGenerator first = results.get(0).get();
      for (Future<BatchingGenerator> result : results) {
        assertThat(result.get(), sameInstance(first));
      }
      assertThat(LanguageModels.loadCount(key), is(1));
      assertThat(LanguageModels.loadCount(halfPrecision), is(0));
      var half = LanguageModels.acquire(halfPrecision);
      leases.add(half);
      half.get().generate(HELLO, BatchingOptions.DEFAULT);
      assertThat(LanguageModels.loadCount(halfPrecision), is(1));
      assertThat(LanguageModels.loadCount(key), is(1));
    } finally {
      threads.shutdownNow();
      leases.forEach(lease -> lease.close());
    }
  }

  @Test
  void theLastReleaseClosesTheModelAndLeavesNoThreadOfOurs() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    ModelKey key = ModelKey.cpu(TestModels.writeTiny(tempDir.resolve("lifecycle"), 32));
    var firstUser = LanguageModels.acquire(key);
    var secondUser = LanguageModels.acquire(key);
    BatchingGenerator generator = firstUser.get();
    assertThat(generator.generate(HELLO, BatchingOptions.DEFAULT).generatedIds().length, is(3));
    assertThat(secondUser.get(), sameInstance(generator));

    firstUser.close();
    assertThat("one user is left", LanguageModels.isLoaded(key), is(true));
    secondUser.close();

    assertThat(LanguageModels.isLoaded(key), is(false));
    CompletableFuture<GenerationResult> refused = generator.submit(HELLO);
    ExecutionException error = assertThrows(ExecutionException.class, refused::get);
    assertThat(error.getCause().getMessage(), containsString("closed"));
    assertThat(newThreadsRunningOurCode(before), is(empty()));

    // A later user loads it again.
    try (var thirdUser = LanguageModels.acquire(key)) {
      thirdUser.get().generate(HELLO, BatchingOptions.DEFAULT);
    }
    assertThat(LanguageModels.loadCount(key), is(2));
  }

  /** Threads started since {@code before} with a frame of this project's code on their stack. */
  private static List<String> newThreadsRunningOurCode(Set<Thread> before) {
    List<String> ours = new ArrayList<>();
    Thread.getAllStackTraces().forEach((thread, stack) -> {
      if (!before.contains(thread)
          && Arrays.stream(stack).anyMatch(frame -> frame.getClassName().startsWith("dev.lullabeam."))) {
        ours.add(thread.getName());
      }
    });
    return ours;
  }

  @Test
  void aFailedLoadIsNotCountedAndNamesTheProblem() {
    ModelKey key = ModelKey.cpu(tempDir.resolve("does-not-exist"));
    try (var lease = LanguageModels.acquire(key)) {
      ModelFormatException error = assertThrows(ModelFormatException.class, lease::get);
      assertThat(error.getMessage(), containsString("does-not-exist: model directory does not exist"));
    }
    assertThat(LanguageModels.loadCount(key), is(0));
  }
}
