package dev.lullabeam.lib.storage;

import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * google-cloud-nio's in-memory fake of Google Cloud Storage behind every {@code gs://} client of
 * this JVM, until closed. Every client shares one fake (closing a client does not empty it), and
 * {@link #refuse} makes every request fail the way GCS fails it (404 for a missing bucket, 403
 * without permission), which the fake itself never does: it has no buckets and no permissions.
 */
public final class FakeGcs implements AutoCloseable {

  private final Storage fake = LocalStorageHelper.getOptions().getService();
  private final AutoCloseable registration;
  private volatile StorageException refusal;
  private volatile String rivalTarget;
  private volatile Runnable rival;

  private FakeGcs() {
    Storage client =
        (Storage)
            Proxy.newProxyInstance(
                Storage.class.getClassLoader(),
                new Class<?>[] {Storage.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("close")) {
                    return null;
                  }
                  if (method.getName().equals("toString")) {
                    return "FakeGcs (LocalStorageHelper)";
                  }
                  if (refusal != null) {
                    throw refusal;
                  }
                  if (method.getName().equals("createFrom")
                      && args[0] instanceof BlobInfo info
                      && info.getName().equals(rivalTarget)) {
                    rivalTarget = null;
                    rival.run();
                  }
                  try {
                    return method.invoke(fake, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    registration = GcsClients.useFactoryInThisJvm((endpoint, failFast) -> client);
  }

  public static FakeGcs install() {
    return new FakeGcs();
  }

  /** The fake itself, to look at or change objects behind the season's back. */
  public Storage storage() {
    return fake;
  }

  /** From now on every request fails with this status code and message. */
  public void refuse(int code, String message) {
    refusal = new StorageException(code, message);
  }

  /**
   * The next upload of {@code objectName} first lets {@code rival} run, as if another run wrote
   * between this writer's look at the object and its upload.
   */
  public void beforeNextUpload(String objectName, Runnable rival) {
    this.rival = rival;
    this.rivalTarget = objectName;
  }

  @Override
  public void close() throws Exception {
    registration.close();
  }
}
