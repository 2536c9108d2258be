package dev.lullabeam.lib.lm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread-safe front door to a {@link LanguageModel}. Any number of threads (Beam DoFn threads)
 * submit requests; one owner thread collects up to {@code maxBatchSize} of them, waiting at most
 * {@code linger} after the first, and runs them as one batch. Only the owner thread touches the
 * model, because DJL's NDManager and NDArrays are not thread-safe.
 */
public final class BatchingGenerator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchingGenerator.class);

  private interface Job {}

  private record Single(GenerationRequest request, CompletableFuture<GenerationResult> result) implements Job {}

  private record WholeBatch(List<GenerationRequest> requests, CompletableFuture<List<GenerationResult>> result)
      implements Job {}

  private enum Stop implements Job { INSTANCE }

  /** Counters for reports: how well requests were batched. */
  public record Stats(long batches, long requests, long generatedTokens, long largestBatch) {
    public double averageBatchSize() {
      return batches == 0 ? 0 : (double) requests / batches;
    }
  }

  private final LanguageModel model;
  private final BatchingOptions options;
  private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  private final Thread owner;
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong generatedTokens = new AtomicLong();
  private final AtomicLong largestBatch = new AtomicLong();
  private volatile boolean closed;

  public BatchingGenerator(LanguageModel model, BatchingOptions options) {
    this.model = Objects.requireNonNull(model, "model");
    this.options = Objects.requireNonNull(options, "options");
    this.owner = new Thread(this::ownerLoop, "lm-batcher");
    // A daemon, so a JVM whose pipeline never closes the shared model can still exit.
    owner.setDaemon(true);
    owner.start();
  }

  public BatchingOptions options() {
    return options;
  }

  public GptNeoConfig config() {
    return model.config();
  }

  /** Queues one request; the future fails with {@link GenerationException} for an invalid request. */
  public CompletableFuture<GenerationResult> submit(GenerationRequest request) {
    CompletableFuture<GenerationResult> result = new CompletableFuture<>();
    enqueue(new Single(Objects.requireNonNull(request, "request"), result), result);
    return result;
  }

  /** Submits and waits. */
  public GenerationResult generate(GenerationRequest request) {
    return await(submit(request));
  }

  /**
   * Runs exactly these requests together as one batch, whatever {@code maxBatchSize} says (the CLI
   * promises that all prompts run as one batch). Fails if any request is invalid.
   */
  public List<GenerationResult> generateBatch(List<GenerationRequest> batch) {
    CompletableFuture<List<GenerationResult>> result = new CompletableFuture<>();
    enqueue(new WholeBatch(List.copyOf(batch), result), result);
    return await(result);
  }

  public Stats stats() {
    return new Stats(batches.get(), requests.get(), generatedTokens.get(), largestBatch.get());
  }

  private void enqueue(Job job, CompletableFuture<?> result) {
    if (closed) {
      result.completeExceptionally(new IllegalStateException("the language model has been closed"));
      return;
    }
    queue.add(job);
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for the language model");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new CompletionException(cause);
    }
  }

  private void ownerLoop() {
    Job carried = null;
    while (true) {
      Job first;
      try {
        first = carried != null ? carried : queue.take();
      } catch (InterruptedException e) {
        break;
      }
      carried = null;
      if (first == Stop.INSTANCE) {
        break;
      }
      if (first instanceof WholeBatch) {
        runWholeBatch((WholeBatch) first);
        continue;
      }
      List<Single> batch = new ArrayList<>();
      batch.add((Single) first);
      long deadline = System.nanoTime() + options.linger().toNanos();
      while (batch.size() < options.maxBatchSize()) {
        Job next;
        try {
          next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          next = Stop.INSTANCE;
        }
        if (next == null) {
          break;
        }
        if (!(next instanceof Single)) {
          carried = next; // run the batch collected so far first
          break;
        }
        batch.add((Single) next);
      }
      runSingles(batch);
    }
    failPending();
  }

  private void runSingles(List<Single> batch) {
    List<LanguageModel.PreparedRequest> prepared = new ArrayList<>();
    List<Single> valid = new ArrayList<>();
    for (Single single : batch) {
      try {
        prepared.add(model.prepare(single.request()));
        valid.add(single);
      } catch (RuntimeException e) {
        single.result().completeExceptionally(e);
      }
    }
    if (valid.isEmpty()) {
      return;
    }
    try {
      List<GenerationResult> results = run(prepared);
      for (int i = 0; i < valid.size(); i++) {
        valid.get(i).result().complete(results.get(i));
      }
    } catch (RuntimeException | Error e) {
      LOG.error("Batch of {} requests failed", valid.size(), e);
      valid.forEach(single -> single.result().completeExceptionally(e));
    }
  }

  private void runWholeBatch(WholeBatch job) {
    try {
      List<LanguageModel.PreparedRequest> prepared = new ArrayList<>();
      for (GenerationRequest request : job.requests()) {
        prepared.add(model.prepare(request));
      }
      job.result().complete(run(prepared));
    } catch (RuntimeException | Error e) {
      job.result().completeExceptionally(e);
    }
  }

  private List<GenerationResult> run(List<LanguageModel.PreparedRequest> prepared) {
    List<GenerationResult> results = model.generate(prepared);
    batches.incrementAndGet();
    requests.addAndGet(prepared.size());
    largestBatch.accumulateAndGet(prepared.size(), Math::max);
    generatedTokens.addAndGet(results.stream().mapToLong(r -> r.generatedIds().length).sum());
    return results;
  }

  private void failPending() {
    Job job;
    while ((job = queue.poll()) != null) {
      IllegalStateException closedError = new IllegalStateException("the language model has been closed");
      if (job instanceof Single) {
        ((Single) job).result().completeExceptionally(closedError);
      } else if (job instanceof WholeBatch) {
        ((WholeBatch) job).result().completeExceptionally(closedError);
      }
    }
  }

  /** Finishes the requests already queued, stops the owner thread and frees the model. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(Stop.INSTANCE);
    try {
      owner.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failPending(); // anything that raced past the closed check after the owner stopped
    model.close();
  }
}
