package dev.lullabeam.values;

import java.io.Serializable;

/** One sentence waiting for the voice. Sentences of an episode are spoken on any worker. */
public final class SentenceToSpeak implements Serializable {
  private static final long serialVersionUID = 1L;

  public final String episodeId;
  public final int index;
  public final String display;
  public final String spoken;
  public final boolean paragraphEnd;
  public final String voice;

  public SentenceToSpeak(
      String episodeId, int index, String display, String spoken, boolean paragraphEnd, String voice) {
    this.episodeId = episodeId;
    this.index = index;
    this.display = display;
    this.spoken = spoken;
    this.paragraphEnd = paragraphEnd;
    this.voice = voice;
  }

  @Override
  public String toString() {
    return episodeId + "#" + index + " " + spoken;
  }
}
