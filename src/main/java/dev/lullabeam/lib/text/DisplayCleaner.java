package dev.lullabeam.lib.text;

import com.ibm.icu.text.UnicodeSet;
import java.util.regex.Pattern;

/**
 * Turns raw story text into transcript text: what a reader should see. Removes HTML and Markdown
 * markup, links, e-mail addresses, emoji and emoticons, and collapses whitespace. Numbers and
 * symbols stay as written; {@link SpeechNormalizer} decides how to say them.
 */
public final class DisplayCleaner {

  /** A Markdown header line ("# Chapter One"); the splitter makes it a paragraph of its own. */
  static final Pattern HEADER_LINE = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");

  private static final Pattern HORIZONTAL_RULE = Pattern.compile("^\\s*(?:[-*_]\\s*){3,}$");
  private static final Pattern LINE_PREFIX = Pattern.compile("^\\s*(?:>\\s*)*(?:[-*+•]\\s+)?");
  private static final Pattern HTML_COMMENT = Pattern.compile("<!--.*?(?:-->|$)", Pattern.DOTALL);
  private static final Pattern HTML_TAG = Pattern.compile("</?[A-Za-z][^<>]*>");
  private static final Pattern MARKDOWN_IMAGE = Pattern.compile("!\\[[^\\]]*]\\([^)]*\\)");
  private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern MARKDOWN_REFERENCE_LINK = Pattern.compile("\\[([^\\]]+)]\\[[^\\]]*]");
  private static final Pattern EMAIL =
      Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
  /** A link ends before trailing sentence punctuation, which belongs to the sentence. */
  private static final Pattern URL =
      Pattern.compile(
          "(?i)(?:\\b(?:https?|ftp|file):/*|\\bwww\\.)(?:[^\\s<>\"]*[^\\s<>\".,;:!?)\\]'”’])?");
  private static final Pattern BARE_DOMAIN =
      Pattern.compile(
          "(?i)\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:com|org|net|io|dev|edu|gov|info|biz|app|co|uk|de|fr|ly|me|tv)"
              + "\\b(?:/[^\\s<>\"]*[^\\s<>\".,;:!?)\\]'”’])?/?");
  private static final Pattern EMOTICON =
      Pattern.compile("(?<!\\S)(?:[:;=][-'^]?[)(\\]\\[DPpOo3/|*]+|[xX]D+|<3+|\\^_*\\^)(?!\\S)");
  /** Hashtag marks go; "#1" and the musical "C#" stay. */
  private static final Pattern HASHTAG_MARK = Pattern.compile("(?<!\\b[A-G])#+(?!\\d)");
  private static final Pattern UNDERSCORE_IN_WORD = Pattern.compile("(?<=[\\p{L}\\p{N}])_+(?=[\\p{L}\\p{N}])");
  private static final Pattern EMPHASIS_MARKS = Pattern.compile("[*_`]+|~~");
  private static final Pattern EMPTY_BRACKETS = Pattern.compile("\\(\\s*\\)|\\[\\s*]");
  private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("\\s+(?=[,.;:!?)\\]](?!\\d))");
  private static final Pattern SPACED_ELLIPSIS = Pattern.compile("\\.(?: \\.){2,}");
  /** Punctuation orphaned by a removal: "One. 🦊! Two." → "One. Two." */
  private static final Pattern ORPHAN_PUNCTUATION =
      Pattern.compile("(?<=[.!?…][\"'”’)]?)\\s+[.!?,;:]+(?=\\s|$)|^(?:[,;:!?]|\\.(?!\\.))+\\s*");
  private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");

  /** Emoji, their modifiers and joiners, flags and tag sequences. Digits, '#' and '*' are not. */
  private static final UnicodeSet EMOJI =
      new UnicodeSet(
              "[[:Extended_Pictographic:][:Emoji_Modifier:][:Regional_Indicator:]"
                  + "[\\uFE0E\\uFE0F\\u200D\\u20E3][\\U000E0020-\\U000E007F]]")
          .freeze();

  private DisplayCleaner() {}

  /** Cleans a whole text, all lines joined into one with single spaces. */
  public static String clean(String text) {
    StringBuilder joined = new StringBuilder();
    for (String line : text.split("\\R", -1)) {
      joined.append(cleanLine(line)).append(' ');
    }
    return finish(joined.toString());
  }

  /** Cleans one line: line-level Markdown (headers, quotes, bullets, rules) is recognised here. */
  static String cleanLine(String line) {
    var header = HEADER_LINE.matcher(line);
    if (header.matches()) {
      line = header.group(1);
    }
    if (HORIZONTAL_RULE.matcher(line).matches()) {
      return "";
    }
    line = LINE_PREFIX.matcher(line).replaceFirst("");
    return cleanInline(line);
  }

  private static String cleanInline(String text) {
    String s = HTML_COMMENT.matcher(text).replaceAll(" ");
    s = HTML_TAG.matcher(s).replaceAll(" ");
    s = decodeEntities(s);
    s = MARKDOWN_IMAGE.matcher(s).replaceAll(" ");
    s = MARKDOWN_LINK.matcher(s).replaceAll("$1");
    s = MARKDOWN_REFERENCE_LINK.matcher(s).replaceAll("$1");
    s = EMAIL.matcher(s).replaceAll(" ");
    s = URL.matcher(s).replaceAll(" ");
    s = BARE_DOMAIN.matcher(s).replaceAll(" ");
    s = removeEmoji(s);
    s = EMOTICON.matcher(s).replaceAll(" ");
    s = HASHTAG_MARK.matcher(s).replaceAll("");
    s = UNDERSCORE_IN_WORD.matcher(s).replaceAll(" ");
    s = EMPHASIS_MARKS.matcher(s).replaceAll("");
    return s;
  }

  /** Collapses whitespace and tidies what removals leave behind: "(see )" and "word ." */
  static String finish(String text) {
    String s = WHITESPACE.matcher(text).replaceAll(" ").strip();
    s = SPACED_ELLIPSIS.matcher(s).replaceAll("...");
    s = EMPTY_BRACKETS.matcher(s).replaceAll("");
    s = ORPHAN_PUNCTUATION.matcher(s).replaceAll("");
    s = SPACE_BEFORE_PUNCTUATION.matcher(s).replaceAll("");
    return WHITESPACE.matcher(s).replaceAll(" ").strip();
  }

  private static String removeEmoji(String s) {
    if (EMOJI.containsNone(s)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> out.appendCodePoint(EMOJI.contains(cp) ? ' ' : cp));
    return out.toString();
  }

  private static String decodeEntities(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    return s.replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&hellip;", "…")
        .replace("&mdash;", "—")
        .replace("&ndash;", "–")
        .replace("&amp;", "&");
  }
}
