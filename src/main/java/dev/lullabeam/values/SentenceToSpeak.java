package dev.lullabeam.values;

import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One sentence waiting for the voice. Sentences of an episode are spoken on any worker.
 *
 * @param wordsPerMinute the pace this sentence is told at, pauses included (the last paragraph's
 *     a little slower); 0 speaks at the voice's natural rate
 */
@DefaultCoder(SentenceToSpeakCoder.class)
public record SentenceToSpeak(
    String episodeId,
    int index,
    String display,
    String spoken,
    boolean paragraphEnd,
    String voice,
    double wordsPerMinute) {

  /** A sentence spoken at the voice's natural rate. */
  public SentenceToSpeak(
      String episodeId, int index, String display, String spoken, boolean paragraphEnd, String voice) {
    this(episodeId, index, display, spoken, paragraphEnd, voice, 0);
  }

  @Override
  public String toString() {
    return episodeId + "#" + index + " " + spoken;
  }
}
