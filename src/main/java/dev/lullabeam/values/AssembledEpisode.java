package dev.lullabeam.values;

import dev.lullabeam.lib.audio.AudioClip;
import dev.lullabeam.lib.audio.SentenceTiming;
import dev.lullabeam.values.EpisodePlan;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** An episode's narration, joined from its sentences in order. */
public final class AssembledEpisode implements Serializable {
  private static final long serialVersionUID = 1L;

  public final EpisodePlan plan;
  public final AudioClip narration;
  /** Sentence times within the narration (before the lead-in). */
  public final List<SentenceTiming> sentences;
  /** Voice time summed over the sentences (they may have run in parallel). */
  public final double synthesisSeconds;
  public final double assemblySeconds;
  public final Map<String, Map<String, Integer>> modelLoads;

  public AssembledEpisode(
      EpisodePlan plan,
      AudioClip narration,
      List<SentenceTiming> sentences,
      double synthesisSeconds,
      double assemblySeconds,
      Map<String, Map<String, Integer>> modelLoads) {
    this.plan = plan;
    this.narration = narration;
    this.sentences = sentences;
    this.synthesisSeconds = synthesisSeconds;
    this.assemblySeconds = assemblySeconds;
    this.modelLoads = modelLoads;
  }
}
