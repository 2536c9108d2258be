package dev.lullabeam.lib.audio;

import java.io.Serializable;

/** Where one sentence sits in an episode's audio, in milliseconds. */
public final class SentenceTiming implements Serializable {
  private static final long serialVersionUID = 1L;

  public final int index;
  public final String text;
  public final long startMs;
  public final long endMs;

  public SentenceTiming(int index, String text, long startMs, long endMs) {
    this.index = index;
    this.text = text;
    this.startMs = startMs;
    this.endMs = endMs;
  }

  public SentenceTiming shiftedBy(long ms) {
    return new SentenceTiming(index, text, startMs + ms, endMs + ms);
  }

  @Override
  public String toString() {
    return index + " [" + startMs + "-" + endMs + "] " + text;
  }
}
