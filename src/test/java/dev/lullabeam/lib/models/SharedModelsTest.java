package dev.lullabeam.lib.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedModelsTest {

  /** A resource that knows whether it was closed. */
  static final class Resource implements AutoCloseable {
    final String key;
    volatile boolean closed;

    Resource(String key) {
      this.key = key;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void acquiringLoadsNothingAndTheFirstUseLoadsOnce() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    SharedModels<String, Resource> models =
        new SharedModels<>(key -> {
          loads.incrementAndGet();
          return new Resource(key);
        });
    try (SharedModels<String, Resource>.Lease a = models.acquire("voice");
        SharedModels<String, Resource>.Lease b = models.acquire("voice")) {
      assertThat(loads.get(), is(0));
      assertThat(models.isLoaded("voice"), is(false));
      AtomicInteger announced = new AtomicInteger();
      Resource first = a.get(announced::incrementAndGet);
      Resource second = b.get(announced::incrementAndGet);
      assertThat(second, sameInstance(first));
      assertThat(loads.get(), is(1));
      assertThat(announced.get(), is(1));
      assertThat(models.loadCount("voice"), is(1));
    }
  }

  @Test
  void manyThreadsAtOnceShareOneLoad() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    SharedModels<String, Resource> models =
        new SharedModels<>(key -> {
          loads.incrementAndGet();
          Thread.sleep(50); // a slow load that the others must wait for, not repeat
          return new Resource(key);
        });
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Resource>> got = new ArrayList<>();
      List<SharedModels<String, Resource>.Lease> leases = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        SharedModels<String, Resource>.Lease lease = models.acquire("lm");
        leases.add(lease);
        got.add(pool.submit(() -> {
          start.await();
          return lease.get();
        }));
      }
      start.countDown();
      Resource one = got.get(0).get();
      for (Future<Resource> f : got) {
        assertThat(f.get(), sameInstance(one));
      }
      assertThat(loads.get(), is(1));
      leases.forEach(SharedModels.Lease::close);
      assertThat(one.closed, is(true));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theLastReleaseClosesTheResourceAndALaterUseLoadsAgain() throws Exception {
    SharedModels<String, Resource> models = new SharedModels<>(Resource::new);
    SharedModels<String, Resource>.Lease a = models.acquire("lm");
    SharedModels<String, Resource>.Lease b = models.acquire("lm");
    Resource first = a.get();
    a.close();
    assertThat("another user still holds it", first.closed, is(false));
    b.close();
    assertThat(first.closed, is(true));
    assertThat(models.isLoaded("lm"), is(false));
    assertThrows(IllegalStateException.class, b::get);

    try (SharedModels<String, Resource>.Lease c = models.acquire("lm")) {
      Resource again = c.get();
      assertThat(again.closed, is(false));
      assertThat(models.loadCount("lm"), is(2));
    }
  }

  @Test
  void aFailedLoadReachesTheCallerAndIsTriedAgainNextTime() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    SharedModels<String, Resource> models =
        new SharedModels<>(key -> {
          if (tries.incrementAndGet() == 1) {
            throw new java.io.IOException("disk on fire");
          }
          return new Resource(key);
        });
    try (SharedModels<String, Resource>.Lease lease = models.acquire("x")) {
      Exception e = assertThrows(java.io.IOException.class, lease::get);
      assertThat(e.getMessage(), is("disk on fire"));
      assertThat(lease.get().key, is("x"));
      assertThat(models.loadCount("x"), is(1));
    }
  }
}
