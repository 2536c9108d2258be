package dev.lullabeam.lib.text;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a story into paragraphs and sentences for the voice.
 *
 * <p>Paragraphs are separated by blank lines; a single line break inside a paragraph is a space,
 * and a Markdown header line is a paragraph of its own. Sentences come from ICU's English sentence
 * rules with the standard abbreviation suppressions ({@code en@ss=standard}: "Mr.", "U.S.A.",
 * "$3.50"), then three repairs ICU does not make:
 *
 * <ul>
 *   <li>a sentence followed by one that starts in lowercase continues: {@code "Is it raining?" she
 *       asked.} and {@code Well... maybe.} stay whole;
 *   <li>titles ICU breaks after ("Dr.", "St.", "Mt.", "e.g.") join the next sentence, except a road
 *       after a name ("Baker St.");
 *   <li>a sentence longer than the maximum length is cut at clause boundaries, so the voice never
 *       receives an unbounded input.
 * </ul>
 *
 * <p>Thread-safe: one instance can serve many threads.
 */
public final class SentenceSplitter {

  public static final int DEFAULT_MAX_LENGTH = 200;

  /** Below this even a single word might not fit. */
  public static final int MIN_MAX_LENGTH = 40;

  private static final ULocale ENGLISH_WITH_ABBREVIATIONS = new ULocale("en@ss=standard");

  private static final Pattern LINE_BREAK = Pattern.compile("\\R");
  private static final Pattern TITLE_AT_END =
      Pattern.compile("(?:^|[\\s(\"'“‘])(Dr|St|Mt|Mr|Mrs|Ms|Prof|Capt|Gen|Col|Lt|Sgt|Rev|Fr|Hon)\\.$");
  private static final Pattern CONTINUING_ABBREVIATION_AT_END =
      Pattern.compile("(?i)(?:^|[\\s(])(?:e\\.g|i\\.e|approx|vs|cf|viz)\\.$");
  private static final Pattern NUMBER_SIGN_AT_END = Pattern.compile("(?:^|\\s)No\\.$");
  private static final Pattern CAPITALISED = Pattern.compile("\\p{Lu}\\p{Ll}+");
  private static final Pattern QUOTED_QUESTION_OR_EXCLAMATION_AT_END =
      Pattern.compile("[?!][\"”’']\\s*$");
  /** A named speaker and a verb of speech: the attribution of the quote before it. */
  private static final Pattern SPEAKER_THEN_SPEECH_VERB =
      Pattern.compile(
          "(?:\\p{Lu}[\\p{L}'’-]*\\s+){1,3}(?:asked|said|cried|called|shouted|whispered|replied|"
              + "answered|wondered|exclaimed|laughed|sighed|yelled|murmured|added|begged|giggled|"
              + "squeaked|roared|sang|gasped)\\b");

  /** Cut points, best first: where a listener would hear a pause anyway. */
  private static final List<Pattern> CLAUSE_BOUNDARIES =
      List.of(
          Pattern.compile(";(?=\\s)"),
          Pattern.compile(":(?=\\s)"),
          Pattern.compile("(?<=\\s)[—–-](?=\\s)|(?<=\\p{L})—(?=\\p{L})"),
          Pattern.compile(
              ",(?=\\s+(?:and|but|or|so|yet|nor|because|while|when|then|although|though|until"
                  + "|unless|where|which|who|whose|after|before|since|as|if)\\b)"),
          Pattern.compile(",(?=\\s)"));
  private static final Pattern SPACE = Pattern.compile("\\s");

  private final int maxLength;

  public SentenceSplitter() {
    this(DEFAULT_MAX_LENGTH);
  }

  /**
   * @param maxLength longest display or spoken text of one sentence, in UTF-16 chars; at least
   *     {@value #MIN_MAX_LENGTH}
   */
  public SentenceSplitter(int maxLength) {
    if (maxLength < MIN_MAX_LENGTH) {
      throw new IllegalArgumentException(
          "maximum sentence length must be at least " + MIN_MAX_LENGTH + ", was " + maxLength);
    }
    this.maxLength = maxLength;
  }

  public int maxLength() {
    return maxLength;
  }

  /**
   * The sentences of {@code story}, indexed from 0. Sentences with nothing to say (a line that was
   * only a link or an emoji) are left out, without gaps in the index.
   */
  public List<StorySentence> split(String story) {
    Objects.requireNonNull(story, "story");
    List<StorySentence> sentences = new ArrayList<>();
    for (String paragraph : paragraphs(story)) {
      List<Piece> pieces = new ArrayList<>();
      for (String sentence : sentences(paragraph)) {
        cut(sentence, pieces);
      }
      for (int i = 0; i < pieces.size(); i++) {
        Piece piece = pieces.get(i);
        sentences.add(
            new StorySentence(sentences.size(), piece.display, piece.spoken, i == pieces.size() - 1));
      }
    }
    return sentences;
  }

  /** Paragraphs as display text, in order; empty ones are dropped. */
  static List<String> paragraphs(String story) {
    List<String> paragraphs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : LINE_BREAK.split(DisplayCleaner.removeInvisible(story), -1)) {
      if (line.isBlank()) {
        flush(current, paragraphs);
      } else if (DisplayCleaner.HEADER_LINE.matcher(line).matches()) {
        flush(current, paragraphs);
        current.append(DisplayCleaner.cleanLine(line));
        flush(current, paragraphs);
      } else {
        current.append(DisplayCleaner.cleanLine(line)).append(' ');
      }
    }
    flush(current, paragraphs);
    return paragraphs;
  }

  private static void flush(StringBuilder current, List<String> paragraphs) {
    String paragraph = DisplayCleaner.finish(current.toString());
    if (!paragraph.isEmpty()) {
      paragraphs.add(paragraph);
    }
    current.setLength(0);
  }

  /** Sentences of one paragraph: ICU's breaks, then the repairs described on the class. */
  static List<String> sentences(String paragraph) {
    BreakIterator breaks = BreakIterator.getSentenceInstance(ENGLISH_WITH_ABBREVIATIONS);
    breaks.setText(paragraph);
    List<String> sentences = new ArrayList<>();
    int start = breaks.first();
    for (int end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
      String sentence = paragraph.substring(start, end).strip();
      if (sentence.isEmpty()) {
        continue;
      }
      int last = sentences.size() - 1;
      if (last >= 0 && continues(sentences.get(last), sentence)) {
        sentences.set(last, sentences.get(last) + " " + sentence);
      } else {
        sentences.add(sentence);
      }
    }
    return sentences;
  }

  /** Whether {@code next} is the rest of {@code previous} rather than a new sentence. */
  static boolean continues(String previous, String next) {
    int first = next.codePointAt(0);
    if (Character.isLowerCase(first)) {
      return true; // "Is it raining?" she asked. / Well... maybe.
    }
    if (CONTINUING_ABBREVIATION_AT_END.matcher(previous).find()) {
      return true;
    }
    if (QUOTED_QUESTION_OR_EXCLAMATION_AT_END.matcher(previous).find()
        && SPEAKER_THEN_SPEECH_VERB.matcher(next).lookingAt()) {
      return true; // "Is it singing?" Pip asked the oak.
    }
    if (NUMBER_SIGN_AT_END.matcher(previous).find()) {
      return Character.isDigit(first);
    }
    Matcher title = TITLE_AT_END.matcher(previous);
    if (title.find() && (Character.isUpperCase(first) || Character.isDigit(first))) {
      return !isRoad(previous, title.group(1));
    }
    return false;
  }

  /** "on Baker St." and "at Elm Dr." name roads, which can end a sentence. */
  private static boolean isRoad(String sentence, String abbreviation) {
    if (!abbreviation.equals("St") && !abbreviation.equals("Dr")) {
      return false;
    }
    String[] words = sentence.split("\\s+");
    return words.length >= 3 && CAPITALISED.matcher(words[words.length - 2]).matches();
  }

  /** Adds {@code sentence} to {@code pieces}, cut into pieces that fit when it is too long. */
  private void cut(String sentence, List<Piece> pieces) {
    String spoken = SpeechNormalizer.normalize(sentence);
    if (sentence.length() <= maxLength && spoken.length() <= maxLength
        || sentence.codePointCount(0, sentence.length()) == 1) {
      if (!spoken.isEmpty()) {
        pieces.add(new Piece(sentence, spoken));
      }
      return;
    }
    int at = cutPoint(sentence);
    cut(sentence.substring(0, at).strip(), pieces);
    cut(sentence.substring(at).strip(), pieces);
  }

  /**
   * Where to cut a stripped text of at least two code points: after the best clause boundary near
   * the middle, else after any clause boundary, else at the space nearest the middle, else (one
   * enormous word) in the middle. Both sides are never empty.
   */
  static int cutPoint(String text) {
    int middle = text.length() / 2;
    int quarter = text.length() / 4;
    for (Pattern boundary : CLAUSE_BOUNDARIES) {
      int at = nearest(boundary, text, middle, quarter);
      if (at > 0) {
        return at;
      }
    }
    for (Pattern boundary : CLAUSE_BOUNDARIES) {
      int at = nearest(boundary, text, middle, text.length());
      if (at > 0) {
        return at;
      }
    }
    int space = nearest(SPACE, text, middle, text.length());
    if (space > 0) {
      return space;
    }
    return text.offsetByCodePoints(0, text.codePointCount(0, text.length()) / 2);
  }

  /** The end of the match of {@code p} nearest {@code middle}, within {@code reach}; -1 if none. */
  private static int nearest(Pattern p, String text, int middle, int reach) {
    Matcher m = p.matcher(text);
    int best = -1;
    while (m.find()) {
      int at = m.end();
      if (at > 0 && at < text.length() && Math.abs(at - middle) <= reach
          && (best < 0 || Math.abs(at - middle) < Math.abs(best - middle))) {
        best = at;
      }
    }
    return best;
  }

  private record Piece(String display, String spoken) {}
}
