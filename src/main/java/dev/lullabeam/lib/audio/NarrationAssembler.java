package dev.lullabeam.lib.audio;

import dev.lullabeam.lib.pace.Pace;
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
    /** How much the default pauses were stretched to meet the pace (1 without a pace). */
    public final double pauseScale;

    Narration(AudioClip audio, List<SentenceTiming> sentences, double pauseScale) {
      this.audio = audio;
      this.sentences = sentences;
      this.pauseScale = pauseScale;
    }
  }

  public static final double SENTENCE_PAUSE_SECONDS = 0.45;
  public static final double PARAGRAPH_PAUSE_SECONDS = 1.1;
  /** Windows quieter than this are silence for trimming. */
  static final double SILENCE_DB = -48;
  /** Audio kept around the speech when trimming, so soft onsets and endings survive. */
  static final double MARGIN_SECONDS = 0.04;

  private NarrationAssembler() {}

  /** Parts must be in index order and share one sample rate; pauses at their default lengths. */
  public static Narration assemble(List<Part> parts) {
    return assemble(parts, 0);
  }

  /**
   * Parts must be in index order and share one sample rate. With a pace, the pauses are scaled
   * (within bounds, {@link Pace#pauseScale}) so that the words take the time the pace gives them
   * from the first word to the last, and the last paragraph's pauses are longer.
   *
   * @param wordsPerMinute the episode's target pace, pauses included; 0 keeps the default pauses
   */
  public static Narration assemble(List<Part> parts, double wordsPerMinute) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("an episode needs at least one sentence");
    }
    int rate = parts.get(0).audio.sampleRate();
    List<short[]> trimmed = new ArrayList<>();
    long speechSamples = 0;
    int words = 0;
    for (Part part : parts) {
      if (part.audio.sampleRate() != rate) {
        throw new IllegalArgumentException(
            "sentence " + part.index + " is at " + part.audio.sampleRate() + " Hz, expected " + rate);
      }
      short[] speech = trimSilence(part.audio.samples(), rate);
      trimmed.add(speech);
      speechSamples += speech.length;
      words += Pace.words(part.text);
    }
    boolean paced = wordsPerMinute > 0;
    int lastParagraphStart = paced ? lastParagraphStart(parts) : parts.size();
    double[] pauses = new double[parts.size()];
    double defaultPauses = 0;
    for (int i = 0; i < parts.size() - 1; i++) {
      pauses[i] = pauseSeconds(parts.get(i), i >= lastParagraphStart);
      defaultPauses += pauses[i];
    }
    double scale =
        Pace.pauseScale(words, speechSamples / (double) rate, defaultPauses, wordsPerMinute);
    int[] pauseSamples = new int[parts.size()];
    long total = speechSamples;
    for (int i = 0; i < parts.size() - 1; i++) {
      pauseSamples[i] = (int) Math.round(pauses[i] * scale * rate);
      total += pauseSamples[i];
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
      position += speech.length + pauseSamples[i];
    }
    return new Narration(new AudioClip(rate, out), timings, scale);
  }

  /**
   * Index of the first sentence of the last paragraph; {@code parts.size()} when the story is one
   * paragraph, which has no ending to tell slower.
   */
  static int lastParagraphStart(List<Part> parts) {
    for (int i = parts.size() - 2; i >= 0; i--) {
      if (parts.get(i).paragraphEnd) {
        return i + 1;
      }
    }
    return parts.size();
  }

  /** The pause after a sentence at scale 1. */
  private static double pauseSeconds(Part part, boolean inLastParagraph) {
    double seconds = part.paragraphEnd ? PARAGRAPH_PAUSE_SECONDS : SENTENCE_PAUSE_SECONDS;
    return inLastParagraph ? seconds * Pace.LAST_PARAGRAPH_PAUSE : seconds;
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
