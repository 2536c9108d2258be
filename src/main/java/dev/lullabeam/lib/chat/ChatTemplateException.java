package dev.lullabeam.lib.chat;

/** A chat template that cannot be parsed or rendered, or that called {@code raise_exception}. */
public final class ChatTemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ChatTemplateException(String message) {
    super(message);
  }
}
