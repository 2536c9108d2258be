package dev.lullabeam.lib.audio;

import java.io.Serializable;

/** Where one sentence sits in an episode's audio, in milliseconds. */
public record SentenceTiming(int index, String text, long startMs, long endMs)
    implements Serializable {

  public SentenceTiming shiftedBy(long ms) {
    return new SentenceTiming(index, text, startMs + ms, endMs + ms);
  }

  @Override
  public String toString() {
    return index + " [" + startMs + "-" + endMs + "] " + text;
  }
}
