package dev.lullabeam.lib.storage;

import java.io.IOException;

/** A write found the object in another state than its {@link WriteCondition}: nothing written. */
public class PreconditionFailedException extends IOException {
  private static final long serialVersionUID = 1L;

  public PreconditionFailedException(String location, WriteCondition condition, Throwable cause) {
    super(
        location + " was changed by someone else (the write expected it " + condition
            + "): not overwritten",
        cause);
  }
}
