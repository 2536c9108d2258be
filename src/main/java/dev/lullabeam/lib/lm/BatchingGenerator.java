package dev.lullabeam.lib.lm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread-safe front door to a language model, batching the requests of every thread that uses
 * it, with no thread of its own ("flat combining"). Callers {@link #submit} requests to a queue
 * and then {@link #await} their results; whichever waiting caller holds the model's lock takes up
 * to {@code maxBatchSize} queued requests (waiting at most {@code linger} for more), runs them as
 * one batch on its own thread and completes every waiter's future. The others block on the lock
 * and leave as soon as their results are in. Only the lock holder touches the model, because DJL's
 * NDManager and NDArrays are not thread-safe; and since there is no owner thread, closing is just
 * closing the model.
 */
public final class BatchingGenerator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchingGenerator.class);

  /** What runs the batches: {@link LanguageModel}, or a fake in tests. Used by one thread at a time. */
  public interface BatchModel extends AutoCloseable {
    /** Validates one request; throws {@link GenerationException} when it cannot run. */
    LanguageModel.PreparedRequest prepare(GenerationRequest request);

    /** Runs the requests as one batch; results in the same order. */
    List<GenerationResult> generate(List<LanguageModel.PreparedRequest> batch);

    @Override
    void close();
  }

  private record Pending(GenerationRequest request, CompletableFuture<GenerationResult> result) {}

  private final BatchModel model;
  private final ReentrantLock modelLock = new ReentrantLock();
  private final Queue<Pending> queue = new ArrayDeque<>(); // guarded by itself
  private boolean closed; // guarded by queue

  public BatchingGenerator(BatchModel model) {
    this.model = Objects.requireNonNull(model, "model");
  }

  /**
   * Queues one request without running anything: the result comes once some caller {@link
   * #await}s. The future fails with {@link GenerationException} for an invalid request.
   */
  public CompletableFuture<GenerationResult> submit(GenerationRequest request) {
    Pending pending = new Pending(Objects.requireNonNull(request, "request"), new CompletableFuture<>());
    synchronized (queue) {
      if (closed) {
        pending.result().completeExceptionally(new IllegalStateException("the language model has been closed"));
      } else {
        queue.add(pending);
        queue.notifyAll(); // a caller lingering for a fuller batch
      }
    }
    return pending.result();
  }

  /**
   * Returns once every one of {@code results} (futures from {@link #submit}) is complete, running
   * batches of queued requests, anyone's, whenever this thread gets the model.
   */
  public void await(Collection<CompletableFuture<GenerationResult>> results, BatchingOptions options)
      throws InterruptedException {
    for (CompletableFuture<GenerationResult> result : results) {
      while (!result.isDone()) {
        modelLock.lockInterruptibly();
        try {
          // Whoever held the lock before may have run this request already.
          if (!result.isDone()) {
            runBatch(takeBatch(options));
          }
        } finally {
          modelLock.unlock();
        }
      }
    }
  }

  /**
   * Tokenizes and checks a request without running it (e.g. to measure a prompt's tokens and the
   * room the context leaves); throws {@link GenerationException} when it cannot run.
   */
  public LanguageModel.PreparedRequest prepare(GenerationRequest request) throws InterruptedException {
    modelLock.lockInterruptibly();
    try {
      return model.prepare(request);
    } finally {
      modelLock.unlock();
    }
  }

  /** Submits one request and waits for it; a failure is rethrown as it was raised. */
  public GenerationResult generate(GenerationRequest request, BatchingOptions options)
      throws InterruptedException {
    CompletableFuture<GenerationResult> result = submit(request);
    await(List.of(result), options);
    try {
      return result.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
    }
  }

  /**
   * Up to {@code maxBatchSize} queued requests, waiting at most the linger for the queue to fill.
   * Called with the model lock held by a caller whose own request is queued, so never empty.
   */
  private List<Pending> takeBatch(BatchingOptions options) throws InterruptedException {
    synchronized (queue) {
      long deadline = System.nanoTime() + options.linger().toNanos();
      long left;
      while (queue.size() < options.maxBatchSize() && (left = deadline - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(queue, left);
      }
      List<Pending> batch = new ArrayList<>();
      while (batch.size() < options.maxBatchSize() && !queue.isEmpty()) {
        batch.add(queue.remove());
      }
      return batch;
    }
  }

  private void runBatch(List<Pending> batch) {
    List<LanguageModel.PreparedRequest> prepared = new ArrayList<>();
    List<Pending> valid = new ArrayList<>();
    for (Pending pending : batch) {
      try {
        prepared.add(model.prepare(pending.request()));
        valid.add(pending);
      } catch (RuntimeException e) {
        pending.result().completeExceptionally(e); // an invalid request fails alone
      }
    }
    if (valid.isEmpty()) {
      return;
    }
    try {
      List<GenerationResult> results = model.generate(prepared);
      for (int i = 0; i < valid.size(); i++) {
        valid.get(i).result().complete(results.get(i));
      }
    } catch (RuntimeException | Error e) {
      LOG.error("Batch of {} requests failed", valid.size(), e);
      valid.forEach(pending -> pending.result().completeExceptionally(e));
    }
  }

  /** Fails what is still queued and frees the model; waits for a batch that is running. */
  @Override
  public void close() {
    List<Pending> orphans;
    synchronized (queue) {
      if (closed) {
        return;
      }
      closed = true;
      orphans = new ArrayList<>(queue);
      queue.clear();
    }
    orphans.forEach(
        pending -> pending.result().completeExceptionally(new IllegalStateException("the language model has been closed")));
    modelLock.lock();
    try {
      model.close();
    } finally {
      modelLock.unlock();
    }
  }
}
