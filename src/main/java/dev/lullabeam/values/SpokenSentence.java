package dev.lullabeam.values;

import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One sentence of an episode, spoken: the unit that travels from the voice to assembly. Its audio
 * stays in the speech store; only the reference travels.
 *
 * @param text what a reader sees in the transcript
 * @param speech where the audio is stored
 * @param synthesisSeconds how long the voice took (0 when reused)
 * @param reused whether the store already held this audio, so the voice was not asked
 */
@DefaultCoder(SpokenSentenceCoder.class)
public record SpokenSentence(
    String episodeId,
    int index,
    String text,
    boolean paragraphEnd,
    StoredSpeech speech,
    double synthesisSeconds,
    boolean reused) {

  @Override
  public String toString() {
    return "SpokenSentence{" + episodeId + "#" + index + ", " + speech.key() + (reused ? ", reused" : "") + "}";
  }
}
