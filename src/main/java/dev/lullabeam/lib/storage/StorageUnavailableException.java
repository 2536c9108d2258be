package dev.lullabeam.lib.storage;

import java.io.IOException;

/** The storage cannot be used at all; the message is one line saying why. */
public class StorageUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
