package dev.lullabeam.values;

import dev.lullabeam.lib.audio.AudioClip;
import java.io.Serializable;
import java.util.Map;

/** One sentence of an episode, spoken: the unit that travels from the voice to assembly. */
public final class SpokenSentence implements Serializable {
  private static final long serialVersionUID = 1L;

  public final String episodeId;
  public final int index;
  /** What a reader sees in the transcript. */
  public final String text;
  public final boolean paragraphEnd;
  public final AudioClip audio;
  public final double synthesisSeconds;
  /** model → (JVM → loads) in the JVM that spoke this sentence. */
  public final Map<String, Map<String, Integer>> modelLoads;

  public SpokenSentence(
      String episodeId,
      int index,
      String text,
      boolean paragraphEnd,
      AudioClip audio,
      double synthesisSeconds,
      Map<String, Map<String, Integer>> modelLoads) {
    this.episodeId = episodeId;
    this.index = index;
    this.text = text;
    this.paragraphEnd = paragraphEnd;
    this.audio = audio;
    this.synthesisSeconds = synthesisSeconds;
    this.modelLoads = modelLoads;
  }

  @Override
  public String toString() {
    return "SpokenSentence{" + episodeId + "#" + index + ", " + audio + "}";
  }
}
