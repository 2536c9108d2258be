package dev.lullabeam.lib.storage;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A folder of season outputs in a Google Cloud Storage bucket, on google-cloud-storage's HTTP
 * (JSON API) client.
 *
 * <p>A write is one upload ({@code createFrom}): GCS makes an object visible only once its upload
 * has completed, so there is never a temporary name and never a rename. The {@link
 * WriteCondition} becomes the upload's precondition: {@code ifGenerationMatch=0} (GCS's
 * "does not exist") or {@code ifGenerationMatch=<the generation read>}. GCS answers 412 when it
 * does not hold; a fake that answers otherwise (LocalStorageHelper says 404 or gives no code) is
 * recognised by reading the object's state again after the failure.
 */
public final class GcsSeasonStorage implements SeasonStorage {

  /** Where anyone may fetch an object of a public bucket. */
  static final String PUBLIC_HOST = "storage.googleapis.com";

  private final GcsLocation location;
  private final String endpoint;
  private final Storage storage;

  private GcsSeasonStorage(GcsLocation location, String endpoint, Storage storage) {
    this.location = location;
    this.endpoint = endpoint;
    this.storage = storage;
  }

  /**
   * Opens the folder with a client from {@link GcsClients}.
   *
   * @param endpoint the JSON API's root for an emulator or private endpoint, or null for Google's
   * @param failFast one attempt per request, for checks before any work
   * @throws StorageUnavailableException when no client can be made (no credentials)
   */
  public static GcsSeasonStorage open(GcsLocation location, String endpoint, boolean failFast)
      throws StorageUnavailableException {
    try {
      return new GcsSeasonStorage(location, endpoint, GcsClients.create(endpoint, failFast));
    } catch (IOException | RuntimeException e) {
      throw new StorageUnavailableException(
          "cannot use " + location + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String location(String name) {
    return GcsLocation.SCHEME + location.bucket() + "/" + location.objectName(name);
  }

  private BlobId id(String name) {
    return BlobId.of(location.bucket(), location.objectName(name));
  }

  @Override
  public Optional<StoredObject> stat(String name) throws IOException {
    try {
      Blob blob = storage.get(id(name));
      if (blob == null) {
        return Optional.empty();
      }
      if (blob.getGeneration() == null) { // GCS always sets one; only a fake may not
        throw new IOException(location(name) + " has no generation: it cannot be replaced safely");
      }
      return Optional.of(new StoredObject(name, blob.getSize(), Long.toString(blob.getGeneration())));
    } catch (StorageException e) {
      throw new IOException("cannot look up " + location(name) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] read(String name) throws IOException {
    try {
      return storage.readAllBytes(id(name));
    } catch (StorageException e) {
      if (e.getCode() == 404 || stat(name).isEmpty()) {
        throw new NoSuchFileException(location(name));
      }
      throw new IOException("cannot read " + location(name) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public StoredObject write(
      String name, byte[] content, String contentType, WriteCondition condition)
      throws IOException {
    BlobId target =
        condition.requiresAbsent()
            ? id(name)
            : BlobId.of(location.bucket(), location.objectName(name), Long.parseLong(condition.version()));
    BlobInfo info = BlobInfo.newBuilder(target).setContentType(contentType).build();
    Storage.BlobWriteOption precondition =
        condition.requiresAbsent()
            ? Storage.BlobWriteOption.doesNotExist()
            : Storage.BlobWriteOption.generationMatch();
    try {
      Blob blob = storage.createFrom(info, new ByteArrayInputStream(content), precondition);
      return new StoredObject(name, content.length, Long.toString(blob.getGeneration()));
    } catch (StorageException e) {
      if (e.getCode() == 412 || !condition.isMetBy(stat(name))) {
        throw new PreconditionFailedException(location(name), condition, e);
      }
      throw new IOException("cannot write " + location(name) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    String root = location.objectName("");
    List<String> names = new ArrayList<>();
    try {
      for (Blob blob :
          storage
              .list(location.bucket(), Storage.BlobListOption.prefix(location.objectName(prefix)))
              .iterateAll()) {
        names.add(blob.getName().substring(root.length()));
      }
    } catch (StorageException e) {
      throw new IOException("cannot list " + location(prefix) + "*: " + e.getMessage(), e);
    }
    Collections.sort(names);
    return names;
  }

  @Override
  public boolean delete(String name) throws IOException {
    try {
      return storage.delete(id(name));
    } catch (StorageException e) {
      throw new IOException("cannot delete " + location(name) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<String> publicUrl(String name) {
    try {
      String path = "/" + location.bucket() + "/" + location.objectName(name);
      return Optional.of(new URI("https", PUBLIC_HOST, path, null).toASCIIString());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("no URL for object " + name, e);
    }
  }

  /**
   * Writes a probe object (if absent), reads it back, lists it and deletes it: the permissions a
   * season needs ({@code storage.objects.create}, {@code get}, {@code list}, {@code delete}), and
   * proof that the endpoint answers and the bucket exists. Each failure becomes one line.
   */
  @Override
  public void checkAccess(String name) throws StorageUnavailableException {
    try {
      StoredObject probe = write(name, new byte[0], "application/octet-stream", WriteCondition.absent());
      read(name);
      if (!list(name).contains(name)) {
        throw new IOException("the probe object " + location(name) + " was written but not listed");
      }
      if (!delete(name) && stat(name).isPresent()) {
        throw new IOException("the probe object " + location(name) + " could not be deleted");
      }
      if (probe.size() != 0) {
        throw new IOException("the probe object " + location(name) + " did not come back empty");
      }
    } catch (IOException | RuntimeException e) {
      throw new StorageUnavailableException(why(e), e);
    }
  }

  /** One line for a failed check: unreachable, no bucket, no permission, or what GCS said. */
  private String why(Throwable failure) {
    StorageException gcs = null;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StorageException e && gcs == null) {
        gcs = e;
      }
      if (cause instanceof ConnectException
          || cause instanceof UnknownHostException
          || cause instanceof NoRouteToHostException
          || cause instanceof SocketTimeoutException) {
        return "cannot reach Google Cloud Storage at "
            + (endpoint == null ? "its default endpoint" : endpoint) + " for " + location + " ("
            + cause + ")";
      }
    }
    int code = gcs == null ? 0 : gcs.getCode();
    String message = gcs == null ? failure.getMessage() : gcs.getMessage();
    if (code == 404) {
      return "bucket gs://" + location.bucket() + " does not exist (" + message + ")";
    }
    if (code == 401 || code == 403) {
      return "no permission to create, read, list and delete objects in " + location + " (" + message + ")";
    }
    return "cannot use " + location + ": " + message;
  }

  @Override
  public void close() {
    try {
      storage.close();
    } catch (Exception e) {
      // Nothing left to release that matters: the HTTP client holds no open uploads here.
    }
  }
}
