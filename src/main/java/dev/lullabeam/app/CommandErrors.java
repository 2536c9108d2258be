package dev.lullabeam.app;

import dev.lullabeam.lib.lm.GenerationException;
import dev.lullabeam.lib.lm.ModelFormatException;
import dev.lullabeam.lib.lm.hub.ModelUnavailableException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** The errors a user can cause or fix, reported as one line on stderr with exit code 2. */
final class CommandErrors {
  static final int USAGE_OR_INPUT_ERROR = 2;

  private CommandErrors() {}

  static boolean isUserError(Throwable e) {
    return e instanceof ModelUnavailableException || e instanceof ModelFormatException
        || e instanceof GenerationException || e instanceof IllegalArgumentException
        || e instanceof UncheckedIOException || e instanceof java.io.IOException;
  }

  static int report(PrintWriter err, Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    err.println("error: " + message.lines().findFirst().orElse(message));
    err.flush();
    return USAGE_OR_INPUT_ERROR;
  }

  /**
   * DJL logs its engine start-up at INFO and a harmless "Failed to detect GPU count" WARN on machines
   * without CUDA; keep stderr for our one-line errors unless the user configured logging.
   */
  static void quietenLibraryLogging() {
    if (System.getProperty("org.slf4j.simpleLogger.log.ai.djl") == null) {
      System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "error");
    }
  }
}
