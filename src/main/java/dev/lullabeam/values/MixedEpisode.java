package dev.lullabeam.values;

import dev.lullabeam.lib.audio.EpisodeMixer;
import dev.lullabeam.lib.audio.Loudness;
import dev.lullabeam.lib.audio.SentenceTiming;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A finished episode: where its MP3 waits in the work folder, and everything its JSON and
 * transcript say about it. The MP3 itself stays on disk, so finished episodes waiting for their
 * writer (the DirectRunner may mix a whole season before it writes) hold no audio in memory.
 *
 * @param mp3File the MP3 in the work folder, moved into the output by the writer
 * @param sentences sentence times in the final MP3, lead-in included
 * @param loudness measured on the final MP3
 * @param loudnessWarning why the MP3 is off the loudness target, or null when it is on target
 * @param sentencesSpoken sentences the voice spoke for this episode in this run
 * @param sentencesReused sentences whose audio the speech store already held
 * @param narrationLoudness measured on the final MP3 from the first word to the last, or null
 * @param tailSeconds ambience after the last word (the wind-down, when there is one)
 */
@DefaultCoder(MixedEpisodeCoder.class)
public record MixedEpisode(
    EpisodePlan plan,
    String mp3File,
    String backgroundFile,
    int sampleRate,
    List<SentenceTiming> sentences,
    double durationSeconds,
    Loudness loudness,
    double synthesisSeconds,
    double assemblySeconds,
    double mixSeconds,
    @Nullable String loudnessWarning,
    int sentencesSpoken,
    int sentencesReused,
    @Nullable Loudness narrationLoudness,
    double tailSeconds) {

  public MixedEpisode {
    sentences = List.copyOf(sentences);
  }

  /** An episode with the usual tail and no separate measure of its narration. */
  public MixedEpisode(
      EpisodePlan plan,
      String mp3File,
      String backgroundFile,
      int sampleRate,
      List<SentenceTiming> sentences,
      double durationSeconds,
      Loudness loudness,
      double synthesisSeconds,
      double assemblySeconds,
      double mixSeconds,
      @Nullable String loudnessWarning,
      int sentencesSpoken,
      int sentencesReused) {
    this(
        plan, mp3File, backgroundFile, sampleRate, sentences, durationSeconds, loudness,
        synthesisSeconds, assemblySeconds, mixSeconds, loudnessWarning, sentencesSpoken,
        sentencesReused, null, EpisodeMixer.TAIL_SECONDS);
  }

  @Override
  public String toString() {
    return "MixedEpisode{" + plan.request().id() + ", " + mp3File + ", " + loudness + "}";
  }
}
