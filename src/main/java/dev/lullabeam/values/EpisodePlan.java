package dev.lullabeam.values;

import dev.lullabeam.values.EpisodeRequest;
import java.io.Serializable;

/** An episode whose story is split: what assembly needs to check and label the audio. */
public final class EpisodePlan implements Serializable {
  private static final long serialVersionUID = 1L;

  public final EpisodeRequest request;
  public final String voice;
  public final int sentenceCount;

  public EpisodePlan(EpisodeRequest request, String voice, int sentenceCount) {
    this.request = request;
    this.voice = voice;
    this.sentenceCount = sentenceCount;
  }

  @Override
  public String toString() {
    return "EpisodePlan{" + request.id() + ", " + sentenceCount + " sentences}";
  }
}
