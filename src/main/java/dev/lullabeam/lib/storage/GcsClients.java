package dev.lullabeam.lib.storage;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the Google Cloud Storage clients of this JVM.
 *
 * <p>Credentials are found the standard way, Application Default Credentials ({@code
 * GOOGLE_APPLICATION_CREDENTIALS}, {@code gcloud auth application-default login}, or the metadata
 * server on Google Cloud). With an endpoint ({@code --gcsEndpoint}, for an emulator or a private
 * endpoint) and no Application Default Credentials, requests go unauthenticated ({@link
 * NoCredentials}): emulators want none, and a private endpoint that wants some answers 401, which
 * the check before any work reports. Without an endpoint, missing credentials are an error.
 *
 * <p>Tests replace the factory with {@link #useFactoryInThisJvm} to put an in-memory fake
 * (google-cloud-nio's LocalStorageHelper) behind {@code gs://}: a documented hook that lasts until
 * the returned handle is closed, is logged when used, and only reaches code running in this JVM
 * (the DirectRunner's workers; never a Flink TaskManager).
 */
public final class GcsClients {

  /** Builds a client for an endpoint. */
  @FunctionalInterface
  public interface Factory {
    /**
     * @param endpoint the JSON API's root (e.g. {@code http://localhost:4443}), or null for
     *     Google's
     * @param failFast a client for a check before any work: one attempt, no retries
     */
    Storage create(String endpoint, boolean failFast) throws IOException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(GcsClients.class);
  private static final Factory STANDARD = GcsClients::standard;
  private static volatile Factory factory = STANDARD;

  private GcsClients() {}

  /** A client from this JVM's factory (the standard one unless a test replaced it). */
  public static Storage create(String endpoint, boolean failFast) throws IOException {
    return factory.create(endpoint, failFast);
  }

  /**
   * Makes every {@code gs://} client of this JVM come from {@code replacement} until the handle
   * is closed. For tests only.
   */
  public static AutoCloseable useFactoryInThisJvm(Factory replacement) {
    LOG.warn("gs:// storage in this JVM now comes from {} (a test's fake), not Google", replacement);
    factory = replacement;
    return () -> factory = STANDARD;
  }

  /** The real client: HTTP (JSON API), Application Default Credentials, the given endpoint. */
  static Storage standard(String endpoint, boolean failFast) throws IOException {
    StorageOptions.Builder options = StorageOptions.http();
    if (endpoint != null && !endpoint.isBlank()) {
      options.setHost(endpoint);
    }
    options.setCredentials(credentials(endpoint));
    if (failFast) {
      options.setRetrySettings(
          StorageOptions.getDefaultRetrySettings().toBuilder().setMaxAttempts(1).build());
    }
    return options.build().getService();
  }

  private static Credentials credentials(String endpoint) throws IOException {
    try {
      return GoogleCredentials.getApplicationDefault();
    } catch (IOException none) {
      if (endpoint != null && !endpoint.isBlank()) {
        LOG.info("No Application Default Credentials: requests to {} go unauthenticated", endpoint);
        return NoCredentials.getInstance();
      }
      throw new IOException(
          "no Google credentials (Application Default Credentials): set"
              + " GOOGLE_APPLICATION_CREDENTIALS or run 'gcloud auth application-default login'",
          none);
    }
  }
}
