package dev.lullabeam.lib.text;

import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;
import java.math.BigInteger;

/** English number words from ICU's spell-out rules; digits are only ever read, never hand-spelled. */
final class NumberWords {

  /** Beyond this ICU falls back to digits, so longer numbers are read digit by digit. */
  private static final BigInteger LARGEST_SPELLED = BigInteger.TEN.pow(15).subtract(BigInteger.ONE);

  /** RuleBasedNumberFormat is not thread-safe; the pipeline normalises on many threads. */
  private static final ThreadLocal<RuleBasedNumberFormat> SPELLOUT =
      ThreadLocal.withInitial(
          () -> new RuleBasedNumberFormat(ULocale.ENGLISH, RuleBasedNumberFormat.SPELLOUT));

  private NumberWords() {}

  /** "1000000" → "one million"; leading zeros ("007") and very long numbers are read digit by digit. */
  static String cardinal(String digits) {
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      return digitByDigit(digits);
    }
    BigInteger value = new BigInteger(digits);
    if (value.compareTo(LARGEST_SPELLED) > 0) {
      return digitByDigit(digits);
    }
    return SPELLOUT.get().format(value.longValueExact(), "%spellout-cardinal");
  }

  /** "22" → "twenty-second". */
  static String ordinal(String digits) {
    BigInteger value = new BigInteger(digits);
    if (value.compareTo(LARGEST_SPELLED) > 0) {
      return digitByDigit(digits);
    }
    return SPELLOUT.get().format(value.longValueExact(), "%spellout-ordinal");
  }

  /** "1999" → "nineteen ninety-nine", "1905" → "nineteen oh-five", "2005" → "two thousand five". */
  static String year(String digits) {
    return SPELLOUT.get().format(Long.parseLong(digits), "%spellout-numbering-year");
  }

  /** "2", "5" → "two point five"; the fraction is read digit by digit, as people read decimals. */
  static String decimal(String integerDigits, String fractionDigits) {
    return cardinal(integerDigits) + " point " + digitByDigit(fractionDigits);
  }

  /** "1990" → "nineteen nineties", "80" → "eighties". */
  static String plural(String words) {
    if (words.endsWith("y")) {
      return words.substring(0, words.length() - 1) + "ies";
    }
    return words + "s";
  }

  static String digitByDigit(String digits) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(SPELLOUT.get().format(Character.digit(digits.charAt(i), 10), "%spellout-cardinal"));
    }
    return out.toString();
  }
}
