package dev.lullabeam.lib.quality;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The units the quality checks count: paragraphs, lines, tokens, words and sentences. */
final class TextUnits {
  private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\n{2,}");
  private static final Pattern LINE_BREAKS = Pattern.compile("\n+");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /**
   * Words (letters and digits, with inner apostrophes or hyphens) and single punctuation marks, the
   * way a word tokenizer such as spaCy's or NLTK's splits English for the Gopher repetition rules.
   */
  private static final Pattern TOKEN =
      Pattern.compile("[\\p{L}\\p{N}]+(?:['’\\-][\\p{L}\\p{N}]+)*|[^\\s\\p{L}\\p{N}]");

  private static final Pattern LOWER_WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");

  /** ICU's "standard" sentence suppressions keep "Mr." or "Dr." inside a sentence. */
  private static final ULocale SENTENCE_LOCALE = new ULocale("en@ss=standard");

  private TextUnits() {}

  /** Line endings as {@code \n}, so that paragraphs and lines split the same on every platform. */
  static String normaliseNewlines(String text) {
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }

  /** Paragraphs as datatrove's GopherRepetitionFilter splits them: on two or more newlines. */
  static List<String> paragraphs(String text) {
    return List.of(PARAGRAPH_BREAK.split(text.strip(), -1));
  }

  /** Lines as datatrove's GopherRepetitionFilter splits them: on runs of newlines. */
  static List<String> lines(String text) {
    return List.of(LINE_BREAKS.split(text, -1));
  }

  /** Word and punctuation tokens for the n-gram repetition rules. */
  static List<String> tokens(String text) {
    return findAll(TOKEN, text);
  }

  /** White-space separated words, as the Gopher quality rules count them. */
  static List<String> whitespaceWords(String text) {
    String stripped = text.strip();
    return stripped.isEmpty() ? List.of() : List.of(WHITESPACE.split(stripped));
  }

  /** Lower-cased words without punctuation, for comparing sentences and stories. */
  static List<String> lowerWords(String text) {
    return findAll(LOWER_WORD, text.toLowerCase(Locale.ROOT));
  }

  /** Sentences by ICU's English sentence rules; a line break also ends a sentence. */
  static List<String> sentences(String text) {
    BreakIterator it = BreakIterator.getSentenceInstance(SENTENCE_LOCALE);
    it.setText(text);
    List<String> sentences = new ArrayList<>();
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
      String sentence = text.substring(start, end).strip();
      if (!sentence.isEmpty()) {
        sentences.add(sentence);
      }
    }
    return sentences;
  }

  private static List<String> findAll(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }
}
