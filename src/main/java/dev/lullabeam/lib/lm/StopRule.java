package dev.lullabeam.lib.lm;

import java.io.Serializable;

/**
 * A request's own reason to stop before its max new tokens: asked after each new token that ends a
 * sentence (its text holds {@code .}, {@code !} or {@code ?}), with everything generated so far
 * decoded. A story with a target length stops at the first sentence end past its target, so its
 * length follows the text actually written rather than a token count guessed in advance.
 */
@FunctionalInterface
public interface StopRule extends Serializable {

  /** Whether generation ends here, after the sentence that {@code generatedText} ends with. */
  boolean stopAfter(String generatedText);

  /** Whether a new token's text can end a sentence, so that the rule is worth asking. */
  static boolean endsSentence(String tokenText) {
    for (int i = 0; i < tokenText.length(); i++) {
      char c = tokenText.charAt(i);
      if (c == '.' || c == '!' || c == '?') {
        return true;
      }
    }
    return false;
  }
}
