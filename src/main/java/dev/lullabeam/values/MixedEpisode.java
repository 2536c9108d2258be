package dev.lullabeam.values;

import dev.lullabeam.lib.audio.Loudness;
import dev.lullabeam.lib.audio.SentenceTiming;
import dev.lullabeam.values.EpisodePlan;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** A finished episode's MP3 and everything its JSON and transcript say about it. */
public final class MixedEpisode implements Serializable {
  private static final long serialVersionUID = 1L;

  public final EpisodePlan plan;
  public final byte[] mp3;
  public final String backgroundFile;
  public final int sampleRate;
  /** Sentence times in the final MP3, lead-in included. */
  public final List<SentenceTiming> sentences;
  public final double durationSeconds;
  public final Loudness loudness;
  public final double synthesisSeconds;
  public final double assemblySeconds;
  public final double mixSeconds;
  public final Map<String, Map<String, Integer>> modelLoads;

  public MixedEpisode(
      EpisodePlan plan,
      byte[] mp3,
      String backgroundFile,
      int sampleRate,
      List<SentenceTiming> sentences,
      double durationSeconds,
      Loudness loudness,
      double synthesisSeconds,
      double assemblySeconds,
      double mixSeconds,
      Map<String, Map<String, Integer>> modelLoads) {
    this.plan = plan;
    this.mp3 = mp3;
    this.backgroundFile = backgroundFile;
    this.sampleRate = sampleRate;
    this.sentences = sentences;
    this.durationSeconds = durationSeconds;
    this.loudness = loudness;
    this.synthesisSeconds = synthesisSeconds;
    this.assemblySeconds = assemblySeconds;
    this.mixSeconds = mixSeconds;
    this.modelLoads = modelLoads;
  }
}
