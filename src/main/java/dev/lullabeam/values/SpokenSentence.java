package dev.lullabeam.values;

import dev.lullabeam.lib.audio.AudioClip;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One sentence of an episode, spoken: the unit that travels from the voice to assembly.
 *
 * @param text what a reader sees in the transcript
 * @param synthesisSeconds how long the voice took
 */
@DefaultCoder(SpokenSentenceCoder.class)
public record SpokenSentence(
    String episodeId,
    int index,
    String text,
    boolean paragraphEnd,
    AudioClip audio,
    double synthesisSeconds) {

  @Override
  public String toString() {
    return "SpokenSentence{" + episodeId + "#" + index + ", " + audio + "}";
  }
}
