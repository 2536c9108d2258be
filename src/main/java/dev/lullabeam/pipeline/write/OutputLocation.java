package dev.lullabeam.pipeline.write;

import dev.lullabeam.lib.storage.GcsLocation;
import dev.lullabeam.lib.storage.GcsSeasonStorage;
import dev.lullabeam.lib.storage.SeasonStorage;
import dev.lullabeam.lib.storage.StorageUnavailableException;
import java.io.Serializable;

/**
 * Where a season's outputs go, as every worker can rebuild it: the {@code --output} folder or
 * {@code gs://bucket/prefix}, and {@code --gcsEndpoint}. Workers {@linkplain #open open} their own
 * {@link SeasonStorage} from it (in a DoFn's {@code @Setup}); storages themselves are not
 * serializable.
 */
public record OutputLocation(String output, String gcsEndpoint) implements Serializable {

  /** The name of an episode's file with this extension, relative to the output. */
  public static String episodeFile(String id, String extension) {
    return OutputFiles.EPISODES + "/" + id + "." + extension;
  }

  /** report.json, relative to the output. */
  public static final String REPORT = OutputFiles.REPORT;

  public static OutputLocation of(OutputOptions options) {
    return new OutputLocation(options.getOutput(), options.getGcsEndpoint());
  }

  /** A local folder (or a folder of any Beam file system), no bucket endpoint. */
  public static OutputLocation of(String output) {
    return new OutputLocation(output, null);
  }

  public boolean isGcs() {
    return GcsLocation.isGcs(output);
  }

  /**
   * Opens the storage.
   *
   * @throws StorageUnavailableException when no client can be made (a malformed gs:// URI, no
   *     credentials)
   */
  public SeasonStorage open() throws StorageUnavailableException {
    return open(false);
  }

  /** Opens the storage for a check before any work: requests are not retried. */
  public SeasonStorage openForCheck() throws StorageUnavailableException {
    return open(true);
  }

  private SeasonStorage open(boolean failFast) throws StorageUnavailableException {
    if (!isGcs()) {
      return new FileSystemsStorage(output);
    }
    GcsLocation location;
    try {
      location = GcsLocation.parse(output);
    } catch (IllegalArgumentException e) {
      throw new StorageUnavailableException(e.getMessage(), e);
    }
    return GcsSeasonStorage.open(location, gcsEndpoint, failFast);
  }

  @Override
  public String toString() {
    return output;
  }
}
