package dev.lullabeam.lib.models;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heavy resources (a voice, a language model) shared by every user in this JVM: one copy per key,
 * loaded lazily by the first user that needs it, closed when the last user lets go.
 *
 * <p>A pipeline worker runs many DoFn instances. Each {@link #acquire}s a {@link Lease} in its
 * {@code @Setup} (cheap: nothing is loaded), calls {@link Lease#get} when it has work (the first
 * call in the JVM loads; the others wait for that load and share it) and closes the lease in its
 * {@code @Teardown}. When the last lease of a key is closed the resource is closed too, so a Flink
 * session cluster that runs season after season does not pin memory, threads or the job's class
 * loader. A later lease loads it again, and that counts as another load.
 *
 * @param <K> what identifies one copy, e.g. a voice name or (model folder, device, precision)
 * @param <V> the resource; closed on last release when it is {@link AutoCloseable}
 */
public final class SharedModels<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(SharedModels.class);

  /** Loads the resource for a key; may take seconds. */
  @FunctionalInterface
  public interface Loader<K, V> {
    V load(K key) throws Exception;
  }

  private final class Entry {
    final K key;
    int users; // guarded by SharedModels.this
    V value; // guarded by this entry

    Entry(K key) {
      this.key = key;
    }
  }

  private final Loader<K, V> loader;
  private final Consumer<V> closer;
  private final Map<K, Entry> entries = new HashMap<>();
  private final Map<K, AtomicInteger> loads = new ConcurrentHashMap<>();

  /** Resources are closed with {@link AutoCloseable#close} when they implement it. */
  public SharedModels(Loader<K, V> loader) {
    this(loader, SharedModels::closeIfCloseable);
  }

  public SharedModels(Loader<K, V> loader, Consumer<V> closer) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.closer = Objects.requireNonNull(closer, "closer");
  }

  /** Registers one more user of {@code key}. Loads nothing: {@link Lease#get} does, once. */
  public synchronized Lease acquire(K key) {
    Entry entry = entries.computeIfAbsent(Objects.requireNonNull(key, "key"), Entry::new);
    entry.users++;
    return new Lease(entry);
  }

  /** How many times the resource for {@code key} was loaded in this JVM. */
  public int loadCount(K key) {
    AtomicInteger count = loads.get(key);
    return count == null ? 0 : count.get();
  }

  /** Whether a copy for {@code key} is loaded now. */
  public boolean isLoaded(K key) {
    Entry entry;
    synchronized (this) {
      entry = entries.get(key);
    }
    if (entry == null) {
      return false;
    }
    synchronized (entry) {
      return entry.value != null;
    }
  }

  private void release(Entry entry) {
    V toClose = null;
    synchronized (this) {
      if (--entry.users > 0) {
        return;
      }
      entries.remove(entry.key);
    }
    synchronized (entry) {
      toClose = entry.value;
      entry.value = null;
    }
    if (toClose != null) {
      try {
        closer.accept(toClose);
        LOG.info("Closed {} (no user left in this JVM)", entry.key);
      } catch (RuntimeException e) {
        LOG.warn("Closing {} failed", entry.key, e);
      }
    }
  }

  private static void closeIfCloseable(Object value) {
    if (value instanceof AutoCloseable) {
      try {
        ((AutoCloseable) value).close();
      } catch (Exception e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
  }

  /** One user's hold on a shared resource. Not for use after {@link #close}. */
  public final class Lease implements AutoCloseable {
    private final Entry entry;
    private boolean closed;

    private Lease(Entry entry) {
      this.entry = entry;
    }

    /** The resource, loading it if no copy is loaded in this JVM. */
    public V get() throws Exception {
      return get(() -> {});
    }

    /**
     * The resource; when this call is the one that loads it, {@code onLoad} runs afterwards in the
     * calling thread (where a pipeline can count the load with its metrics).
     */
    public V get(Runnable onLoad) throws Exception {
      if (closed) {
        throw new IllegalStateException("lease on " + entry.key + " used after close");
      }
      synchronized (entry) {
        if (entry.value == null) {
          long start = System.nanoTime();
          entry.value = loader.load(entry.key);
          loads.computeIfAbsent(entry.key, k -> new AtomicInteger()).incrementAndGet();
          LOG.info("Loaded {} in {} ms", entry.key, (System.nanoTime() - start) / 1_000_000);
          onLoad.run();
        }
        return entry.value;
      }
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        release(entry);
      }
    }
  }
}
