package dev.lullabeam.values;

import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * An episode whose every sentence has been spoken, in story order: the plan and references to
 * the stored audio. Small whatever the episode's length; the audio is read back only where the
 * episode is assembled and mixed.
 */
@DefaultCoder(SpokenEpisodeCoder.class)
public record SpokenEpisode(EpisodePlan plan, List<SpokenSentence> sentences) {

  public SpokenEpisode {
    sentences = List.copyOf(sentences);
  }

  /** Voice time summed over the sentences (they may have run in parallel). */
  public double synthesisSeconds() {
    return sentences.stream().mapToDouble(SpokenSentence::synthesisSeconds).sum();
  }

  /** Sentences the voice spoke in this run. */
  public int sentencesSpoken() {
    return sentences.size() - sentencesReused();
  }

  /** Sentences whose audio an earlier run had already stored. */
  public int sentencesReused() {
    return (int) sentences.stream().filter(SpokenSentence::reused).count();
  }

  @Override
  public String toString() {
    return "SpokenEpisode{" + plan.request().id() + ", " + sentences.size() + " sentences}";
  }
}
