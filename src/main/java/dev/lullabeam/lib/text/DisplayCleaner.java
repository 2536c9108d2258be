package dev.lullabeam.lib.text;

import com.ibm.icu.text.UnicodeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.StringEscapeUtils;

/**
 * Turns raw story text into transcript text: what a reader should see. Removes terminal escape
 * sequences, control and invisible formatting characters (zero-width, bidi overrides), HTML (with
 * the contents of scripts and styles) and Markdown markup, emoji and emoticons, and collapses
 * whitespace. Links and e-mail addresses stay as written, like numbers and symbols: removing them
 * left broken sentences ("Visit for more."); {@link SpeechNormalizer} decides how to say them.
 */
public final class DisplayCleaner {

  /** A Markdown header line ("# Chapter One"); the splitter makes it a paragraph of its own. */
  static final Pattern HEADER_LINE = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");

  /** ANSI/VT100 escape sequences: CSI ("ESC[31m"), OSC (terminal titles) and two-byte escapes. */
  private static final Pattern ANSI_ESCAPE =
      Pattern.compile("\\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\\u0007\\u001B]*(?:\\u0007|\\u001B\\\\)?|[@-Z\\\\-_])");
  /** Control characters other than tab and line breaks; C1 controls too. */
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");
  /** Invisible formatting: zero-width spaces and joiners, bidi marks and overrides, soft hyphens, BOMs. */
  private static final Pattern INVISIBLE_FORMAT = Pattern.compile("\\p{Cf}");
  /** Script and style elements: their contents are code, never story. */
  private static final Pattern SCRIPT_OR_STYLE =
      Pattern.compile("(?is)<(script|style)\\b[^>]*>.*?(?:</\\1\\s*>|$)");
  /** "1. Brush your teeth." and "2) Read a book." at the start of a line: list numbers, not words. */
  private static final Pattern LIST_NUMBER = Pattern.compile("^\\s*\\d{1,2}[.)]\\s+(?=[\\p{L}\"'“‘])");

  private static final Pattern HORIZONTAL_RULE = Pattern.compile("^\\s*(?:[-*_]\\s*){3,}$");
  private static final Pattern LINE_PREFIX = Pattern.compile("^\\s*(?:>\\s*)*(?:[-*+•]\\s+)?");
  private static final Pattern HTML_COMMENT = Pattern.compile("<!--.*?(?:-->|$)", Pattern.DOTALL);
  private static final Pattern HTML_TAG = Pattern.compile("</?[A-Za-z][^<>]*>");
  private static final Pattern MARKDOWN_IMAGE = Pattern.compile("!\\[[^\\]]*]\\([^)]*\\)");
  private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern MARKDOWN_REFERENCE_LINK = Pattern.compile("\\[([^\\]]+)]\\[[^\\]]*]");
  static final Pattern EMAIL =
      Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
  /** A link ends before trailing sentence punctuation, which belongs to the sentence. */
  static final Pattern URL =
      Pattern.compile(
          "(?i)(?:\\b(?:https?|ftp|file):/*|\\bwww\\.)(?:[^\\s<>\"]*[^\\s<>\".,;:!?)\\]'”’])?");
  static final Pattern BARE_DOMAIN =
      Pattern.compile(
          "(?i)\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:com|org|net|io|dev|edu|gov|info|biz|app|co|uk|de|fr|ly|me|tv)"
              + "\\b(?:/[^\\s<>\"]*[^\\s<>\".,;:!?)\\]'”’])?/?");
  /** An e-mail address, URL or bare domain, as {@link SpeechNormalizer} finds them too. */
  static final Pattern LINK =
      Pattern.compile(EMAIL.pattern() + "|" + URL.pattern() + "|" + BARE_DOMAIN.pattern());

  private static final Pattern EMOTICON =
      Pattern.compile("(?<!\\S)(?:[:;=][-'^]?[)(\\]\\[DPpOo3/|*]+|[xX]D+|\\^_*\\^)(?!\\S)");
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
    for (String line : removeInvisible(text).split("\\R", -1)) {
      joined.append(cleanLine(line)).append(' ');
    }
    return finish(joined.toString());
  }

  /**
   * What no reader sees and no voice should say, removed from a whole story before it is split
   * into lines: escape sequences, control characters, invisible formatting, scripts and styles
   * (which may span lines).
   */
  static String removeInvisible(String text) {
    String s = ANSI_ESCAPE.matcher(text).replaceAll("");
    s = SCRIPT_OR_STYLE.matcher(s).replaceAll(" ");
    s = CONTROL.matcher(s).replaceAll(" ");
    return INVISIBLE_FORMAT.matcher(s).replaceAll("");
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
    line = LIST_NUMBER.matcher(line).replaceFirst("");
    return cleanInline(line);
  }

  private static String cleanInline(String text) {
    String s = HTML_COMMENT.matcher(text).replaceAll(" ");
    s = HTML_TAG.matcher(s).replaceAll(" ");
    s = decodeEntities(s);
    s = MARKDOWN_IMAGE.matcher(s).replaceAll(" ");
    s = MARKDOWN_LINK.matcher(s).replaceAll("$1");
    s = MARKDOWN_REFERENCE_LINK.matcher(s).replaceAll("$1");
    s = removeEmoji(s);
    s = EMOTICON.matcher(s).replaceAll(" ");
    return removeMarksOutsideLinks(s);
  }

  /**
   * Hashtag, emphasis and snake_case marks go, except inside links and e-mail addresses, which
   * stay as written ("example.com/a_b#top").
   */
  private static String removeMarksOutsideLinks(String s) {
    Matcher link = LINK.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    int from = 0;
    while (link.find()) {
      out.append(removeMarks(s.substring(from, link.start()))).append(link.group());
      from = link.end();
    }
    return out.append(removeMarks(s.substring(from))).toString();
  }

  private static String removeMarks(String s) {
    s = HASHTAG_MARK.matcher(s).replaceAll("");
    s = UNDERSCORE_IN_WORD.matcher(s).replaceAll(" ");
    return EMPHASIS_MARKS.matcher(s).replaceAll("");
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

  /** Every HTML entity, named ("&eacute;") or numeric ("&#8212;", "&#x2014;"), plus XML's "&apos;". */
  private static String decodeEntities(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    String decoded = StringEscapeUtils.unescapeHtml4(s.replace("&apos;", "'"));
    return decoded.replace('\u00A0', ' ');
  }

}
