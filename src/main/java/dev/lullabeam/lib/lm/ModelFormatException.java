package dev.lullabeam.lib.lm;

/**
 * A model directory that cannot be used: unsupported architecture, a missing or corrupt file, a tensor
 * with the wrong shape. The message is one line that names the file and, where there is one, the tensor.
 */
public class ModelFormatException extends RuntimeException {
  public ModelFormatException(String message) {
    super(message);
  }

  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
