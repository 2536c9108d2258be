package dev.lullabeam.values;

import dev.lullabeam.lib.audio.AudioClip;
import dev.lullabeam.lib.audio.SentenceTiming;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * An episode's narration, joined from its sentences in order.
 *
 * @param sentences sentence times within the narration (before the lead-in)
 * @param synthesisSeconds voice time summed over the sentences (they may have run in parallel)
 */
@DefaultCoder(AssembledEpisodeCoder.class)
public record AssembledEpisode(
    EpisodePlan plan,
    AudioClip narration,
    List<SentenceTiming> sentences,
    double synthesisSeconds,
    double assemblySeconds) {

  public AssembledEpisode {
    sentences = List.copyOf(sentences);
  }

  @Override
  public String toString() {
    return "AssembledEpisode{" + plan.request().id() + ", " + narration + "}";
  }
}
