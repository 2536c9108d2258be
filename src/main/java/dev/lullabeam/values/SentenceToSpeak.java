package dev.lullabeam.values;

import org.apache.beam.sdk.coders.DefaultCoder;

/** One sentence waiting for the voice. Sentences of an episode are spoken on any worker. */
@DefaultCoder(SentenceToSpeakCoder.class)
public record SentenceToSpeak(
    String episodeId,
    int index,
    String display,
    String spoken,
    boolean paragraphEnd,
    String voice) {

  @Override
  public String toString() {
    return episodeId + "#" + index + " " + spoken;
  }
}
