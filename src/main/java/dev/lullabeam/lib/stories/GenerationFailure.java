package dev.lullabeam.lib.stories;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Why the model wrote nothing for a prompt (a prompt longer than its context, a model that would
 * not load, …): the exception's type and message, and where it was thrown (the first frames of
 * its stack, for the report).
 */
public record GenerationFailure(String error, @Nullable String message, List<String> stack)
    implements Serializable {
  static final int STACK_FRAMES = 8;

  public GenerationFailure {
    stack = List.copyOf(stack);
  }

  public GenerationFailure(String error, @Nullable String message) {
    this(error, message, List.of());
  }

  public static GenerationFailure of(Throwable e) {
    List<String> frames = new ArrayList<>();
    StackTraceElement[] trace = e.getStackTrace();
    for (int i = 0; i < Math.min(STACK_FRAMES, trace.length); i++) {
      frames.add(trace[i].toString());
    }
    return new GenerationFailure(e.getClass().getSimpleName(), e.getMessage(), frames);
  }

  /** {@code IllegalStateException: prompt too long}, for reasons and reports. */
  public String describe() {
    return message == null ? error : error + ": " + message;
  }
}
