package dev.lullabeam.lib.stories;

import java.io.Serializable;
import javax.annotation.Nullable;

/**
 * Why the model wrote nothing for a prompt (a prompt longer than its context, a model that would
 * not load, …): the exception's type and message.
 */
public record GenerationFailure(String error, @Nullable String message) implements Serializable {

  public static GenerationFailure of(Throwable e) {
    return new GenerationFailure(e.getClass().getSimpleName(), e.getMessage());
  }

  /** {@code IllegalStateException: prompt too long}, for reasons and reports. */
  public String describe() {
    return message == null ? error : error + ": " + message;
  }
}
