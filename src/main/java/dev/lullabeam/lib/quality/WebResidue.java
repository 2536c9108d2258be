package dev.lullabeam.lib.quality;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds memorised web text in a story: links, contact details, calls to action, copyright lines,
 * markup and code. Each kind has a stable name used in reason codes ({@code web:url}). Patterns are
 * chosen so that ordinary story English does not match: "follow me" or "held the sign up" are
 * story words, "follow us on" and "sign up for" are not.
 */
public final class WebResidue {
  /** Kinds of residue, in the order they are reported. */
  public static final List<String> KINDS =
      List.of(
          "url",
          "email",
          "handle",
          "hashtag",
          "phone",
          "social_media",
          "call_to_action",
          "copyright",
          "markup",
          "code_chars");

  private static final int CI = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
  private static final String TLD =
      "(?:com|net|org|edu|gov|io|info|biz|uk|us|ca|au|de|fr|nl|ru|ly|tv|app|dev|xyz|online"
          + "|site|blog|store|shop)";
  private static final String URL_TAIL = "(?:/[^\\s\"'<>()\\[\\]]*)?";

  private static final Pattern URL_WITH_SCHEME =
      Pattern.compile("\\b(?:https?|ftp)://[^\\s\"'<>()\\[\\]]+", CI);
  private static final Pattern URL_WWW = Pattern.compile("\\bwww\\.[^\\s\"'<>()\\[\\]]+", CI);
  private static final Pattern BARE_DOMAIN =
      Pattern.compile(
          "(?<![\\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+" + TLD + "(?![\\w-])" + URL_TAIL,
          CI);
  private static final Pattern EMAIL =
      Pattern.compile("[\\w.+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}", CI);
  private static final Pattern HANDLE = Pattern.compile("(?<![\\w@.])@[a-z0-9_]{2,30}\\b", CI);
  private static final Pattern HASHTAG = Pattern.compile("(?<![\\w#&])#[\\p{L}_][\\p{L}\\p{N}_]*");

  /** Groups of digits as phone numbers are written; kept only if {@link #looksLikePhone}. */
  private static final Pattern PHONE =
      Pattern.compile(
          "(?<![\\w.+])(?:\\+\\d{1,3}[\\s.-]?)?"
              + "(?:\\(\\d{1,4}\\)[\\s.-]?\\d{2,4}(?:[\\s.-]\\d{2,4}){1,3}"
              + "|\\d{2,4}(?:[\\s.-]\\d{2,4}){2,4})(?![\\w.]\\d)");

  private static final Pattern SOCIAL_MEDIA =
      Pattern.compile(
          "\\b(?:facebook|instagram|youtube|tiktok|pinterest|linkedin|snapchat|whatsapp|reddit"
              + "|tumblr)\\b|\\b(?:on|via) twitter\\b",
          CI);
  private static final Pattern CALL_TO_ACTION =
      Pattern.compile(
          String.join(
              "|",
              "\\bsubscrib\\w*",
              "\\bnewsletters?\\b",
              "\\bclick (?:here|below|the link|this link|on the link)\\b",
              "\\bfollow (?:us|me) (?:on|at|for)\\b",
              "\\b(?:like|find|join) us (?:on|at)\\b",
              "\\bvisit (?:our|my) (?:website|web site|site|blog|page|homepage|shop|store)\\b",
              "\\bvisit us (?:at|on|online)\\b",
              "\\bsign(?:ing)?[ -]?up (?:for|to|now|today|here)\\b",
              "\\bsign-?up (?:form|page)\\b",
              "\\bshare this (?:post|article|page|link)\\b",
              "\\bleave a (?:comment|reply|review)\\b",
              "\\bmailing list\\b",
              "\\b(?:privacy|cookie) policy\\b",
              "\\bterms (?:of|and) (?:use|service|conditions)\\b",
              "\\b(?:download|get) (?:our|the) app\\b",
              "\\b(?:buy|order|shop) now\\b",
              "\\bread more (?:at|on|here)\\b"),
          CI);
  private static final Pattern COPYRIGHT =
      Pattern.compile("©|\\(c\\)\\s*(?:19|20)\\d\\d|\\bcopyright\\b|\\ball rights reserved\\b", CI);
  private static final Pattern MARKUP =
      Pattern.compile(
          String.join(
              "|",
              "</?[a-z][a-z0-9]*(?:\\s[^<>\\n]*)?/?>",
              "&(?:[a-z]+|#\\d+|#x[0-9a-f]+);",
              "(?m)^[ \\t]{0,3}#{1,6}[ \\t]+\\S.*$",
              "\\[[^\\]\\n]+\\]\\([^)\\s]+\\)",
              "```"),
          CI);
  private static final Pattern CODE_CHARS = Pattern.compile("[{}<>|\\\\`]");

  private WebResidue() {}

  /**
   * The residue found in {@code text}: kind → matches in order of appearance, repeats (in any
   * letter case) left out. Kinds with nothing found are left out. A span claimed by a link or
   * contact pattern (an e-mail address) is not reported again by a later one (its domain).
   */
  public static Map<String, List<String>> find(String text) {
    Map<String, List<String>> found = new LinkedHashMap<>();
    List<int[]> claimed = new ArrayList<>();
    collect(found, claimed, "url", URL_WITH_SCHEME, text);
    collect(found, claimed, "email", EMAIL, text);
    collect(found, claimed, "url", URL_WWW, text);
    collect(found, claimed, "url", BARE_DOMAIN, text);
    collect(found, claimed, "handle", HANDLE, text);
    collect(found, claimed, "hashtag", HASHTAG, text);
    collect(found, claimed, "phone", PHONE, text);
    collect(found, null, "social_media", SOCIAL_MEDIA, text);
    collect(found, null, "call_to_action", CALL_TO_ACTION, text);
    collect(found, null, "copyright", COPYRIGHT, text);
    collect(found, null, "markup", MARKUP, text);
    collect(found, null, "code_chars", CODE_CHARS, text);
    Map<String, List<String>> ordered = new LinkedHashMap<>();
    for (String kind : KINDS) {
      if (found.containsKey(kind)) {
        ordered.put(kind, List.copyOf(found.get(kind)));
      }
    }
    return Collections.unmodifiableMap(ordered);
  }

  private static void collect(
      Map<String, List<String>> found,
      List<int[]> claimed,
      String kind,
      Pattern pattern,
      String text) {
    List<String> matches = found.computeIfAbsent(kind, k -> new ArrayList<>());
    Set<String> seen = new HashSet<>();
    matches.forEach(match -> seen.add(match.toLowerCase(Locale.ROOT)));
    boolean link = claimed != null;
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      String match = link ? trimTrailingPunctuation(m.group()) : m.group();
      int start = m.start();
      int end = start + match.length();
      if (claimed != null) {
        if (overlaps(claimed, start, end) || (kind.equals("phone") && !looksLikePhone(match))) {
          continue;
        }
        claimed.add(new int[] {start, end});
      }
      String shown = kind.equals("code_chars") ? match : match.strip();
      if (seen.add(shown.toLowerCase(Locale.ROOT))) {
        matches.add(shown);
      }
    }
    if (matches.isEmpty()) {
      found.remove(kind);
    }
  }

  /** A sentence's full stop or comma after a link or a phone number is not part of it. */
  private static String trimTrailingPunctuation(String match) {
    int end = match.length();
    while (end > 1 && ".,;:!?".indexOf(match.charAt(end - 1)) >= 0) {
      end--;
    }
    return match.substring(0, end);
  }

  private static boolean overlaps(List<int[]> claimed, int start, int end) {
    for (int[] span : claimed) {
      if (start < span[1] && span[0] < end) {
        return true;
      }
    }
    return false;
  }

  /**
   * "100 200 300" in a counting rhyme is not a phone number: ask for 9 to 15 digits and a sign of
   * one (a +, parentheses, a dash or dot between groups, or a leading trunk zero).
   */
  private static boolean looksLikePhone(String match) {
    long digits = match.chars().filter(Character::isDigit).count();
    boolean marked =
        match.startsWith("+")
            || match.startsWith("(")
            || match.startsWith("0")
            || match.indexOf('-') >= 0
            || match.indexOf('.') >= 0
            || match.indexOf(')') >= 0;
    return digits >= 9 && digits <= 15 && marked;
  }
}
