package dev.lullabeam.lib.lm;

/** A request that cannot be run (empty prompt, prompt longer than the model's context, …). */
public class GenerationException extends RuntimeException {
  public GenerationException(String message) {
    super(message);
  }

  public GenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
