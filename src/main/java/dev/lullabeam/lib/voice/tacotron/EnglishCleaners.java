package dev.lullabeam.lib.voice.tacotron;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TensorFlowTTS's {@code english_cleaners} ({@code tensorflow_tts/utils/cleaners.py} and
 * {@code number_norm.py}, after Keith Ito's tacotron): ASCII folding as unidecode does it,
 * lowercase, numbers (thousands commas removed, pounds, dollars and cents, decimals, ordinals,
 * years 1001–2999 read in pairs) as inflect words, abbreviations, whitespace collapsed. The order of
 * the steps is TensorFlowTTS's, including its quirks: unidecode turns {@code £} into {@code PS}
 * before the pound rule can see it, so {@code £5} is read "psfive".
 */
public final class EnglishCleaners {

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern COMMA_NUMBER = Pattern.compile("([0-9][0-9,]+[0-9])");
  private static final Pattern DECIMAL_NUMBER = Pattern.compile("([0-9]+\\.[0-9]+)");
  private static final Pattern POUNDS = Pattern.compile("£([0-9,]*[0-9]+)");
  private static final Pattern DOLLARS = Pattern.compile("\\$([0-9.,]*[0-9]+)");
  private static final Pattern ORDINAL = Pattern.compile("[0-9]+(st|nd|rd|th)");
  private static final Pattern NUMBER = Pattern.compile("[0-9]+");

  private record Abbreviation(Pattern pattern, String replacement) {}

  private static final List<Abbreviation> ABBREVIATIONS =
      List.of(
              "mrs", "misess", "mr", "mister", "dr", "doctor", "st", "saint", "co", "company",
              "jr", "junior", "maj", "major", "gen", "general", "drs", "doctors", "rev",
              "reverend", "lt", "lieutenant", "hon", "honorable", "sgt", "sergeant", "capt",
              "captain", "esq", "esquire", "ltd", "limited", "col", "colonel", "ft", "fort")
          .stream()
          .collect(
              java.util.stream.Collectors.collectingAndThen(
                  java.util.stream.Collectors.toList(), EnglishCleaners::pairs));

  private static List<Abbreviation> pairs(List<String> flat) {
    java.util.ArrayList<Abbreviation> out = new java.util.ArrayList<>();
    for (int i = 0; i < flat.size(); i += 2) {
      // Python's re.IGNORECASE on str patterns is Unicode-aware; the text is ASCII by now.
      out.add(
          new Abbreviation(
              Pattern.compile("\\b" + flat.get(i) + "\\.", Pattern.CASE_INSENSITIVE),
              flat.get(i + 1)));
    }
    return List.copyOf(out);
  }

  private EnglishCleaners() {}

  /** {@code english_cleaners(text)}. */
  public static String clean(String text) {
    text = AsciiFolding.fold(text);
    // Python's str.lower() on ASCII text.
    text = text.toLowerCase(Locale.ROOT);
    text = normalizeNumbers(text);
    for (Abbreviation a : ABBREVIATIONS) {
      text = a.pattern().matcher(text).replaceAll(Matcher.quoteReplacement(a.replacement()));
    }
    return WHITESPACE.matcher(text).replaceAll(" ");
  }

  /** {@code number_norm.normalize_numbers}. */
  static String normalizeNumbers(String text) {
    text = sub(COMMA_NUMBER, text, m -> m.group(1).replace(",", ""));
    text = sub(POUNDS, text, m -> m.group(1) + " pounds");
    text = sub(DOLLARS, text, EnglishCleaners::expandDollars);
    text = sub(DECIMAL_NUMBER, text, m -> m.group(1).replace(".", " point "));
    text = sub(ORDINAL, text, m -> InflectNumbers.toWords(m.group(0), "and"));
    return sub(NUMBER, text, m -> expandNumber(m.group(0)));
  }

  private static String expandDollars(Matcher m) {
    String match = m.group(1);
    String[] parts = match.split("\\.", -1);
    if (parts.length > 2) {
      return match + " dollars"; // "Unexpected format", as TensorFlowTTS says
    }
    // Python's int(): unbounded, leading zeros dropped. (A comma left in a part makes Python's int()
    // raise; here it is ignored.)
    BigInteger dollars = parts[0].isEmpty() ? BigInteger.ZERO : new BigInteger(parts[0].replace(",", ""));
    BigInteger cents =
        parts.length > 1 && !parts[1].isEmpty() ? new BigInteger(parts[1].replace(",", "")) : BigInteger.ZERO;
    String dollarUnit = dollars.equals(BigInteger.ONE) ? " dollar" : " dollars";
    String centUnit = cents.equals(BigInteger.ONE) ? " cent" : " cents";
    if (dollars.signum() != 0 && cents.signum() != 0) {
      return dollars + dollarUnit + ", " + cents + centUnit;
    } else if (dollars.signum() != 0) {
      return dollars + dollarUnit;
    } else if (cents.signum() != 0) {
      return cents + centUnit;
    }
    return "zero dollars";
  }

  private static String expandNumber(String digits) {
    BigInteger big = new BigInteger(digits);
    if (big.bitLength() < 32) {
      int num = big.intValue();
      if (num > 1000 && num < 3000) {
        if (num == 2000) {
          return "two thousand";
        } else if (num > 2000 && num < 2010) {
          return "two thousand " + InflectNumbers.toWords(Integer.toString(num % 100), "and");
        } else if (num % 100 == 0) {
          return InflectNumbers.toWords(Integer.toString(num / 100), "and") + " hundred";
        }
        return InflectNumbers.toWordsInPairs(Integer.toString(num)).replace(", ", " ");
      }
    }
    // Python's int() drops leading zeros before inflect sees the number.
    return InflectNumbers.toWords(big.toString(), "");
  }

  /** Python's {@code re.sub(pattern, fn, text)}. */
  private static String sub(Pattern pattern, String text, Function<Matcher, String> fn) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(fn.apply(m)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
