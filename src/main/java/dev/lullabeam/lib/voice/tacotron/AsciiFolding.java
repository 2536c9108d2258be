package dev.lullabeam.lib.voice.tacotron;

import com.ibm.icu.text.Transliterator;
import java.util.HashMap;
import java.util.Map;

/**
 * Python {@code unidecode} as TensorFlowTTS's {@code convert_to_ascii} uses it, reproduced with
 * ICU's {@code Any-Latin; Latin-ASCII} transliterator plus the characters where the two differ.
 *
 * <p>Checked by comparing Python unidecode 1.3.6 with ICU4J 77.1 character by character over
 * U+00A0–U+024F, U+2000–U+206F, U+20A0–U+20BF and U+2100–U+214F: every accented letter of Latin-1
 * and Latin Extended-A agrees (é→e, ß→ss, æ→ae, ø→o, Å→A, ł→l, œ→oe …); the 116 characters of
 * Latin-1, General Punctuation and the common currency and letterlike symbols where they differ
 * are listed in {@link #OVERRIDES} with unidecode's output (£→PS, —→--, €→EUR, ×→x, soft hyphen
 * and zero-width characters → nothing …). Not covered: the rarer letters of Latin Extended-B and
 * other scripts (Greek, Cyrillic, CJK), where ICU's romanisation may differ from unidecode's.
 */
final class AsciiFolding {

  private static final String[] OVERRIDE_PAIRS = {
      "\u00A2", "C/",
      "\u00A3", "PS",
      "\u00A4", "$?",
      "\u00A5", "Y=",
      "\u00A6", "|",
      "\u00A7", "SS",
      "\u00A8", "\"",
      "\u00A9", "(c)",
      "\u00AA", "a",
      "\u00AC", "!",
      "\u00AD", "",
      "\u00AE", "(r)",
      "\u00AF", "-",
      "\u00B0", "deg",
      "\u00B1", "+-",
      "\u00B2", "2",
      "\u00B3", "3",
      "\u00B4", "'",
      "\u00B5", "u",
      "\u00B6", "P",
      "\u00B7", "*",
      "\u00B8", ",",
      "\u00B9", "1",
      "\u00BA", "o",
      "\u00D7", "x",
      "\u00DE", "Th",
      "\u200B", " ",
      "\u200C", "",
      "\u200D", "",
      "\u200E", "",
      "\u200F", "",
      "\u2014", "--",
      "\u2015", "--",
      "\u2017", "_",
      "\u2020", "+",
      "\u2021", "++",
      "\u2022", "*",
      "\u2023", "*>",
      "\u2027", ".",
      "\u2028", "\n",
      "\u2029", "\n\n",
      "\u202A", "",
      "\u202B", "",
      "\u202C", "",
      "\u202D", "",
      "\u202E", "",
      "\u202F", " ",
      "\u2030", "%0",
      "\u2031", "%00",
      "\u2033", "''",
      "\u2034", "'''",
      "\u2035", "`",
      "\u2036", "``",
      "\u2037", "```",
      "\u2038", "^",
      "\u203B", "*",
      "\u203D", "!?",
      "\u203E", "-",
      "\u203F", "_",
      "\u2040", "-",
      "\u2041", "^",
      "\u2042", "***",
      "\u2043", "--",
      "\u2045", "-[",
      "\u2046", "]-",
      "\u204A", "&",
      "\u204B", "PP",
      "\u204C", "(]",
      "\u204D", "[)",
      "\u204F", "",
      "\u2050", "",
      "\u2051", "",
      "\u2052", "%",
      "\u2053", "~",
      "\u2054", "",
      "\u2055", "",
      "\u2056", "",
      "\u2057", "''''",
      "\u2058", "",
      "\u2059", "",
      "\u205A", "",
      "\u205B", "",
      "\u205C", "",
      "\u205D", "",
      "\u205E", "",
      "\u2060", "",
      "\u2061", "",
      "\u2062", "",
      "\u2063", "",
      "\u2064", "",
      "\u2065", "",
      "\u2066", "",
      "\u2067", "",
      "\u2068", "",
      "\u2069", "",
      "\u206A", "",
      "\u206B", "",
      "\u206C", "",
      "\u206D", "",
      "\u206E", "",
      "\u206F", "",
      "\u20A0", "ECU",
      "\u20A1", "CL",
      "\u20A3", "FF",
      "\u20A4", "L",
      "\u20A5", "mil",
      "\u20A6", "N",
      "\u20A8", "Rs",
      "\u20A9", "W",
      "\u20AA", "NS",
      "\u20AB", "D",
      "\u20AC", "EUR",
      "\u2116", "No. ",
      "\u2117", "(p)",
      "\u2122", "(tm)",
      "\u2126", "ohm",  };

  private static final Map<Integer, String> OVERRIDES = new HashMap<>();

  static {
    for (int i = 0; i < OVERRIDE_PAIRS.length; i += 2) {
      OVERRIDES.put(OVERRIDE_PAIRS[i].codePointAt(0), OVERRIDE_PAIRS[i + 1]);
    }
  }

  private static final ThreadLocal<Transliterator> ICU =
      ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII"));

  private AsciiFolding() {}

  /** The text in ASCII as unidecode writes it (see the class comment for what is covered). */
  static String fold(String text) {
    StringBuilder out = new StringBuilder(text.length());
    StringBuilder run = new StringBuilder();
    text.codePoints()
        .forEach(
            cp -> {
              String override = OVERRIDES.get(cp);
              if (cp < 0x80) {
                flush(run, out);
                out.appendCodePoint(cp);
              } else if (override != null) {
                flush(run, out);
                out.append(override);
              } else {
                run.appendCodePoint(cp);
              }
            });
    flush(run, out);
    return out.toString();
  }

  private static void flush(StringBuilder run, StringBuilder out) {
    if (run.length() > 0) {
      String folded = ICU.get().transliterate(run.toString());
      // What ICU cannot make ASCII, unidecode drops (or writes as letters the table may not have).
      folded.codePoints().filter(c -> c < 0x80).forEach(out::appendCodePoint);
      run.setLength(0);
    }
  }
}
