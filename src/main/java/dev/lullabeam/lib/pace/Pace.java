package dev.lullabeam.lib.pace;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The narration's pace in words per minute, pauses included: how fast a voice is asked to speak,
 * and how long the pauses between sentences and paragraphs become so that the episode lands on
 * its target.
 *
 * <p>Two steps. Before speaking, each sentence gets a speed relative to the voice's natural rate,
 * chosen from the target and the share of time a bedtime narration spends speaking ({@link
 * #SPEECH_SHARE}); a voice reaches it only roughly (MaryTTS's prosody rate is not linear, and a
 * stretched voice's natural rate is a guess). After speaking, the real lengths of the spoken
 * sentences are known, and the pauses are scaled ({@link #pauseScale}) so that words ÷ time from
 * the first word to the last matches the target; the scale is bounded so that pauses stay natural,
 * which is the only way the achieved rate can miss.
 *
 * <p>The last paragraph is told a little slower: its sentences at {@link #LAST_PARAGRAPH_SPEED} of
 * the speed and its pauses {@link #LAST_PARAGRAPH_PAUSE} times as long.
 */
public final class Pace {

  /** Bedtime default: children of 3-7 follow best at about 120-130 words per minute. */
  public static final double DEFAULT_WORDS_PER_MINUTE = 125;
  public static final double MIN_WORDS_PER_MINUTE = 60;
  public static final double MAX_WORDS_PER_MINUTE = 240;

  /**
   * The share of an episode's narration spent speaking rather than pausing, at the default pauses:
   * measured on the sample stories (twelve-word sentences, a paragraph every four sentences).
   */
  public static final double SPEECH_SHARE = 0.88;
  public static final double LAST_PARAGRAPH_SPEED = 0.92;
  public static final double LAST_PARAGRAPH_PAUSE = 1.3;
  /** Pauses never shrink below half or grow beyond three times the default. */
  public static final double MIN_PAUSE_SCALE = 0.5;
  public static final double MAX_PAUSE_SCALE = 3.0;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’\\-.][\\p{L}\\p{N}]+)*");

  private Pace() {}

  /** Written words of a sentence as a listener counts them ("Mr. Fox's hat" is three). */
  public static int words(String text) {
    Matcher m = WORD.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /**
   * The speed to ask a voice for, relative to its natural rate, rounded to hundredths so that the
   * speech store's keys stay few.
   *
   * @param wordsPerMinute the sentence's target, pauses included; 0 speaks at the natural rate
   * @param naturalWordsPerMinute the voice's rate of speech alone at speed 1
   */
  public static double speed(double wordsPerMinute, double naturalWordsPerMinute) {
    if (wordsPerMinute <= 0) {
      return 1.0;
    }
    double speechOnly = wordsPerMinute / SPEECH_SHARE;
    return Math.round(speechOnly / naturalWordsPerMinute * 100) / 100.0;
  }

  /**
   * How much to stretch the default pauses so that the narration's words take {@code words * 60 /
   * wordsPerMinute} seconds from the first word to the last.
   *
   * @param speechSeconds the trimmed sentences' total length
   * @param defaultPauseSeconds the pauses between them at scale 1
   */
  public static double pauseScale(
      int words, double speechSeconds, double defaultPauseSeconds, double wordsPerMinute) {
    if (wordsPerMinute <= 0 || defaultPauseSeconds <= 0) {
      return 1.0;
    }
    double span = words * 60.0 / wordsPerMinute;
    double scale = (span - speechSeconds) / defaultPauseSeconds;
    return Math.max(MIN_PAUSE_SCALE, Math.min(MAX_PAUSE_SCALE, scale));
  }

  /** Words ÷ minutes from the start of the first sentence to the end of the last; 0 if unknown. */
  public static double achievedWordsPerMinute(List<String> sentences, long firstStartMs, long lastEndMs) {
    long span = lastEndMs - firstStartMs;
    if (span <= 0) {
      return 0;
    }
    int words = 0;
    for (String s : sentences) {
      words += words(s);
    }
    return words * 60_000.0 / span;
  }

  /** Longest episode a target may ask for, in minutes of narration. */
  public static final double MAX_MINUTES = 120;

  /** A written story more than this far from its target length (as a share) gets a warning. */
  public static final double LENGTH_TOLERANCE = 0.25;

  /** Words a story needs to last {@code minutes} at {@code wordsPerMinute}. */
  public static int targetWords(double minutes, double wordsPerMinute) {
    return (int) Math.round(minutes * wordsPerMinute);
  }

  /** Why a story of {@code words} is far from its target length, if it is. */
  public static Optional<String> lengthWarning(int words, double minutes, double wordsPerMinute) {
    int target = targetWords(minutes, wordsPerMinute);
    if (target <= 0 || Math.abs(words - target) <= LENGTH_TOLERANCE * target) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "the story has %d words, about %.1f minutes at %.0f words per minute; the target is"
                + " %.1f minutes (%d words)",
            words, words / wordsPerMinute, wordsPerMinute, minutes, target));
  }

  /** A target length checked: a readable reason, or null when it is fine. */
  public static String checkMinutes(double minutes) {
    if (!(minutes > 0 && minutes <= MAX_MINUTES)) {
      return "minutes must be more than 0 and at most " + (int) MAX_MINUTES + ", was " + minutes;
    }
    return null;
  }

  /** The catalogue's or the options' value checked: a readable reason, or null when it is fine. */
  public static String checkWordsPerMinute(double wordsPerMinute) {
    if (!(wordsPerMinute >= MIN_WORDS_PER_MINUTE && wordsPerMinute <= MAX_WORDS_PER_MINUTE)) {
      return "words per minute must be between "
          + (int) MIN_WORDS_PER_MINUTE
          + " and "
          + (int) MAX_WORDS_PER_MINUTE
          + ", was "
          + wordsPerMinute;
    }
    return null;
  }
}
