package dev.lullabeam.lib.publish;

/** Publishing cannot start: no finished season, a cover that breaks the rules, a bad setting. */
public class PublishException extends Exception {
  private static final long serialVersionUID = 1L;

  public PublishException(String message) {
    super(message);
  }
}
