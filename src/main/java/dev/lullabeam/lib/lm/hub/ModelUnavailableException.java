package dev.lullabeam.lib.lm.hub;

import java.util.List;

/**
 * A Hugging Face model that is neither in the local cache nor downloadable right now (offline,
 * network down, access denied, interrupted download). The message is one line naming the model
 * and the files that are missing.
 */
public class ModelUnavailableException extends RuntimeException {
  private final String modelId;
  private final List<String> missingFiles;

  public ModelUnavailableException(String modelId, List<String> missingFiles, String reason, Throwable cause) {
    super("model " + modelId + " is unavailable: " + reason + "; missing " + String.join(", ", missingFiles),
        cause);
    this.modelId = modelId;
    this.missingFiles = List.copyOf(missingFiles);
  }

  public String modelId() {
    return modelId;
  }

  public List<String> missingFiles() {
    return missingFiles;
  }
}
