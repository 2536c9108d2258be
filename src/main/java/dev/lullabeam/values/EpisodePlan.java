package dev.lullabeam.values;

import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * An episode whose story is split: what assembly needs to check, pace and label the audio.
 *
 * @param wordsPerMinute the episode's pace, pauses included; 0 keeps the default pauses
 */
@DefaultCoder(EpisodePlanCoder.class)
public record EpisodePlan(
    EpisodeRequest request, String voice, int sentenceCount, double wordsPerMinute) {

  /** An episode told at the voice's natural rate with the default pauses. */
  public EpisodePlan(EpisodeRequest request, String voice, int sentenceCount) {
    this(request, voice, sentenceCount, 0);
  }

  @Override
  public String toString() {
    return "EpisodePlan{" + request.id() + ", " + sentenceCount + " sentences}";
  }
}
