package dev.lullabeam.lib.text;

import java.io.Serializable;
import java.util.Objects;

/**
 * One sentence of a story, ready for the voice.
 *
 * @param index        position within the story, from 0, without gaps
 * @param display      what a reader sees in the transcript: whitespace collapsed, markup, emoji,
 *                     links and e-mail addresses removed
 * @param spoken       what the narrator says: {@code display} normalised for speech
 * @param paragraphEnd whether this is the last sentence of its paragraph (a longer pause follows)
 */
public record StorySentence(int index, String display, String spoken, boolean paragraphEnd)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public StorySentence {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, was " + index);
    }
    Objects.requireNonNull(display, "display");
    Objects.requireNonNull(spoken, "spoken");
  }
}
