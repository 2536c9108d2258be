package dev.lullabeam.lib.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins the spoken sentences of an episode into one narration: the silence each clip starts and
 * ends with is trimmed, then sentences are separated by a short pause and paragraphs by a longer
 * one, so pacing does not depend on how much silence the voice happens to add.
 */
public final class NarrationAssembler {

  /** One sentence's audio in story order. */
  public record Part(int index, String text, boolean paragraphEnd, AudioClip audio) {}

  /** The joined narration and where each sentence is in it. */
  public static final class Narration {
    public final AudioClip audio;
    public final List<SentenceTiming> sentences;

    Narration(AudioClip audio, List<SentenceTiming> sentences) {
      this.audio = audio;
      this.sentences = sentences;
    }
  }

  public static final double SENTENCE_PAUSE_SECONDS = 0.45;
  public static final double PARAGRAPH_PAUSE_SECONDS = 1.1;
  /** Windows quieter than this are silence for trimming. */
  static final double SILENCE_DB = -48;
  /** Audio kept around the speech when trimming, so soft onsets and endings survive. */
  static final double MARGIN_SECONDS = 0.04;

  private NarrationAssembler() {}

  /** Parts must be in index order and share one sample rate. */
  public static Narration assemble(List<Part> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("an episode needs at least one sentence");
    }
    int rate = parts.get(0).audio.sampleRate();
    List<short[]> trimmed = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      if (part.audio.sampleRate() != rate) {
        throw new IllegalArgumentException(
            "sentence " + part.index + " is at " + part.audio.sampleRate() + " Hz, expected " + rate);
      }
      short[] speech = trimSilence(part.audio.samples(), rate);
      trimmed.add(speech);
      total += speech.length;
      if (i < parts.size() - 1) {
        total += pauseSamples(part, rate);
      }
    }
    short[] out = new short[Math.toIntExact(total)];
    List<SentenceTiming> timings = new ArrayList<>();
    int position = 0;
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      short[] speech = trimmed.get(i);
      System.arraycopy(speech, 0, out, position, speech.length);
      timings.add(
          new SentenceTiming(
              part.index, part.text, millis(position, rate), millis(position + speech.length, rate)));
      position += speech.length;
      if (i < parts.size() - 1) {
        position += pauseSamples(part, rate);
      }
    }
    return new Narration(new AudioClip(rate, out), timings);
  }

  private static int pauseSamples(Part part, int rate) {
    double seconds = part.paragraphEnd ? PARAGRAPH_PAUSE_SECONDS : SENTENCE_PAUSE_SECONDS;
    return (int) Math.round(seconds * rate);
  }

  private static long millis(long samples, int rate) {
    return Math.round(samples * 1000.0 / rate);
  }

  /** Cuts leading and trailing silence (10 ms windows under {@link #SILENCE_DB}), keeping a margin. */
  static short[] trimSilence(short[] samples, int rate) {
    int window = Math.max(1, rate / 100);
    double gate = Levels.fromDb(SILENCE_DB) * 32768;
    int first = -1;
    int last = -1;
    for (int start = 0; start < samples.length; start += window) {
      int end = Math.min(samples.length, start + window);
      double sum = 0;
      for (int i = start; i < end; i++) {
        sum += (double) samples[i] * samples[i];
      }
      if (Math.sqrt(sum / (end - start)) >= gate) {
        if (first < 0) {
          first = start;
        }
        last = end;
      }
    }
    if (first < 0) {
      return samples; // all quiet: keep as is rather than lose the sentence's duration
    }
    int margin = (int) Math.round(MARGIN_SECONDS * rate);
    int from = Math.max(0, first - margin);
    int to = Math.min(samples.length, last + margin);
    short[] out = new short[to - from];
    System.arraycopy(samples, from, out, 0, out.length);
    return out;
  }
}
