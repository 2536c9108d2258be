package dev.lullabeam.values;

import org.apache.beam.sdk.coders.DefaultCoder;

/** An episode whose story is split: what assembly needs to check and label the audio. */
@DefaultCoder(EpisodePlanCoder.class)
public record EpisodePlan(EpisodeRequest request, String voice, int sentenceCount) {

  @Override
  public String toString() {
    return "EpisodePlan{" + request.id() + ", " + sentenceCount + " sentences}";
  }
}
