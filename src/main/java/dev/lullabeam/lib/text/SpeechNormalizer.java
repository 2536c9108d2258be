package dev.lullabeam.lib.text;

import com.ibm.icu.text.Transliterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns transcript text into what an English narrator should say: numbers, money, times, dates,
 * phone numbers, units, ordinals, years, Roman numerals, abbreviations and symbols become words;
 * links and e-mail addresses are said by their host ("example dot com"); markup and emoji
 * disappear. Normal punctuation stays, since the voice uses it for prosody.
 *
 * <p>Thread-safe: all state is per call or per thread.
 */
public final class SpeechNormalizer {

  /** A minus sign that starts a number ("-5"), not the dash of a range ("5-10"). */
  private static final String MINUS = "(?:(?<![^\\s(\\[])(-))?";

  /** A whole number as written, with or without thousands separators: "7", "1,000,000". */
  private static final String INTEGER = "(\\d{1,3}(?:,\\d{3})+|\\d+)";

  private static final Pattern CLOSING_PERIOD = Pattern.compile("\\.[\"'’”)]*$");
  private static final Pattern CLOSERS = Pattern.compile("[\"')]*$");
  private static final Pattern ENDS_A_SENTENCE = Pattern.compile("[.!?…][\"'’”)]*$");

  private static final Map<String, String> TYPOGRAPHY =
      Map.ofEntries(
          Map.entry("“", "\""),
          Map.entry("”", "\""),
          Map.entry("„", "\""),
          Map.entry("«", "\""),
          Map.entry("»", "\""),
          Map.entry("‘", "'"),
          Map.entry("’", "'"),
          Map.entry("‚", "'"),
          Map.entry("′", "'"),
          Map.entry("″", "\""),
          Map.entry("−", "-"),
          Map.entry("―", "—"));
  private static final Pattern TYPOGRAPHY_CHARS = Pattern.compile("[“”„«»‘’‚′″−―]");
  private static final Pattern SPACED_DASH = Pattern.compile("\\s+(?:-{1,3}|–|—)\\s+|-{2,3}|\\s*—\\s*");

  private static final Pattern HEART = Pattern.compile("(?<!\\S)<3+(?=[\\s,.!?;:]|$)");
  private static final Pattern WITH_OR_WITHOUT = Pattern.compile("(?<![\\p{L}\\d/])([Ww])/([Oo](?!\\p{L}))?");

  private static final String[] MONTHS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"
  };
  private static final String MONTH_NAME =
      "(Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?\\.?|July?\\.?"
          + "|Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)";
  private static final Pattern ISO_DATE =
      Pattern.compile("(?<![\\d-])(\\d{4})-(\\d{2})-(\\d{2})(?![\\d-])");
  private static final Pattern SLASHED_DATE =
      Pattern.compile("(?<![\\d/])(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}|\\d{2}))?(?![\\d/])");
  private static final Pattern DOTTED_DATE =
      Pattern.compile("(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})(?![\\d.]\\d)");
  private static final Pattern MONTH_DAY =
      Pattern.compile(
          "\\b" + MONTH_NAME + "\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:.,]\\d)(?:,?\\s+(\\d{4})\\b)?");
  private static final Pattern DAY_MONTH =
      Pattern.compile(
          "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH_NAME + "(?!\\p{L})(?:,?\\s+(\\d{4})\\b)?");
  /** 555-123-4567, (555) 123-4567, +1 555 123 4567, 555-1234: said digit by digit, in groups. */
  private static final Pattern PHONE =
      Pattern.compile(
          "(?<![\\d-])(?:\\+?1[\\s.-])?(?:\\((\\d{3})\\)\\s?|(\\d{3})[\\s.-])(\\d{3})[\\s.-](\\d{4})(?![\\d-])"
              + "|(?<![\\d-])(\\d{3})-(\\d{4})(?![\\d-])");
  /** A valid Roman numeral (I to MMMCMXCIX). */
  private static final String ROMAN =
      "(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})";
  /** "Chapter IV", "Part II", "World War II": Roman numerals read as numbers. */
  private static final Pattern NUMBERED_ROMAN =
      Pattern.compile(
          "\\b(Chapter|Part|Book|Volume|Vol\\.|Act|Scene|Section|Episode|Phase|Stage|Level|Round|Season"
              + "|War|Appendix|Article|Canto|Psalm|Unit|Grade|Class|Type|Mark|Apollo|Super Bowl)"
              + "\\s+(" + ROMAN + ")(?![\\p{L}\\d])");
  /**
   * "Louis XIV", "Henry VIII", "John Paul II": a regnal number after a name is an ordinal. Single
   * letters other than V are left alone ("I am I", "Malcolm X"), and so are values over 50 ("DC").
   */
  private static final Pattern REGNAL_ROMAN =
      Pattern.compile("(?<=\\b\\p{Lu}\\p{Ll}+\\s)(" + ROMAN + ")(?![\\p{L}\\d])");
  /** "10:61" is no time of day: the numbers are said, the colon is not ("John 3:16"). */
  private static final Pattern COLON_BETWEEN_NUMBERS = Pattern.compile("(?<=\\d):(?=\\d)");

  // Times and abbreviations come before numbers: "7 p.m.", "No. 5", "St. 3rd" need their context.
  private static final Pattern CLOCK_TIME =
      Pattern.compile(
          "\\b([01]?\\d|2[0-3]):([0-5]\\d)(?:\\s?([AaPp])\\.?\\s?[Mm]\\.?(?![\\p{L}\\d]))?");
  private static final Pattern HOUR_TIME =
      Pattern.compile("\\b(1[0-2]|0?[1-9])\\s?([AaPp])\\.?\\s?[Mm]\\.?(?![\\p{L}\\d])");
  private static final Pattern DOTTED_ACRONYM = Pattern.compile("\\b(?:\\p{Lu}\\.){2,}(?!\\p{L})");
  private static final Pattern DOCTOR_OR_DRIVE = Pattern.compile("\\bDr\\b\\.?");
  private static final Pattern SAINT_OR_STREET = Pattern.compile("\\bSt\\b\\.?");
  private static final Pattern NUMBER_SIGN = Pattern.compile("(?:#|\\bNos?\\.)\\s?(?=\\d)");
  private static final Pattern CAPITALISED_WORD_BEFORE = Pattern.compile("\\b\\p{Lu}\\p{Ll}+\\s+$");
  private static final Pattern CAPITALISED_WORD_AFTER = Pattern.compile("^\\s+\\p{Lu}");

  /** Abbreviation → words. Matched with a trailing period, or without one where the key says so. */
  private static final List<Map.Entry<Pattern, String>> ABBREVIATIONS =
      List.of(
          abbreviation("\\bMrs\\b\\.?(?=\\s+\\p{Lu})|\\bMrs\\.", "Missus"),
          abbreviation("\\bMr\\b\\.?(?=\\s+\\p{Lu})|\\bMr\\.", "Mister"),
          abbreviation("\\bMs\\b\\.?(?=\\s+\\p{Lu})|\\bMs\\.", "Miz"),
          abbreviation("\\bProf\\.", "Professor"),
          abbreviation("\\bCapt\\.", "Captain"),
          abbreviation("\\bMt\\.", "Mount"),
          abbreviation("\\bJr\\.", "Junior"),
          abbreviation("\\bSr\\.", "Senior"),
          abbreviation("\\b[Ee]\\.\\s?[Gg]\\.", "for example"),
          abbreviation("\\b[Ii]\\.\\s?[Ee]\\.", "that is"),
          abbreviation("\\b[Ee]tc\\.(?=\\s+\\p{Lu})", "et cetera."),
          abbreviation("\\b[Ee]tc\\.", "et cetera"),
          abbreviation("\\b[Vv]s\\b\\.?", "versus"),
          abbreviation("\\b[Aa]pprox\\.", "approximately"),
          abbreviation("\\b[Cc]f\\.", "compare"));

  private static final Pattern UNICODE_FRACTION = Pattern.compile("(\\d)?\\s?([½¼¾⅓⅔])");
  private static final Map<String, String[]> FRACTION_WORDS =
      Map.of(
          "½", new String[] {"one half", "and a half"},
          "¼", new String[] {"one quarter", "and a quarter"},
          "¾", new String[] {"three quarters", "and three quarters"},
          "⅓", new String[] {"one third", "and a third"},
          "⅔", new String[] {"two thirds", "and two thirds"});

  private static final Pattern PREFIX_CURRENCY =
      Pattern.compile(
          MINUS + "([$£€¥])\\s?"
              + INTEGER
              + "(?:\\.(\\d+))?(?:\\s?(thousand|million|billion|trillion|(?i:k|m|mn|bn|b))\\b)?");
  private static final Pattern SUFFIX_CURRENCY =
      Pattern.compile("\\b" + INTEGER + "(?:[.,](\\d{2}))?(\\s?[€¢]|p\\b)");
  private static final Map<String, String[]> CURRENCY_UNITS =
      Map.of(
          "$", new String[] {"dollar", "dollars", "cent", "cents"},
          "£", new String[] {"pound", "pounds", "penny", "pence"},
          "€", new String[] {"euro", "euros", "cent", "cents"},
          "¥", new String[] {"yen", "yen", "sen", "sen"},
          "¢", new String[] {"cent", "cents", "cent", "cents"},
          "p", new String[] {"penny", "pence", "penny", "pence"});
  private static final Map<String, String> SCALE_WORDS =
      Map.of("k", "thousand", "m", "million", "mn", "million", "b", "billion", "bn", "billion");

  private static final Pattern PERCENT =
      Pattern.compile("(?<![\\d.])" + MINUS + INTEGER + "(?:\\.(\\d+))?\\s?(%|per ?cent\\b)");

  private static final Pattern UNIT =
      Pattern.compile(
          "(?<![\\d.])"
              + MINUS
              + INTEGER
              + "(?:\\.(\\d+))?\\s?(km/h|kph|mph|km|cm|mm|m|kg|mg|g|ml|mL|l|L|°C|°F|°|lbs|lb|oz|ft|hrs|hr|mins|min)"
              + "(?![\\p{L}\\d])");
  private static final Map<String, String[]> UNIT_WORDS =
      Map.ofEntries(
          unit("km/h", "kilometer per hour", "kilometers per hour"),
          unit("kph", "kilometer per hour", "kilometers per hour"),
          unit("mph", "mile per hour", "miles per hour"),
          unit("km", "kilometer", "kilometers"),
          unit("cm", "centimeter", "centimeters"),
          unit("mm", "millimeter", "millimeters"),
          unit("m", "meter", "meters"),
          unit("kg", "kilogram", "kilograms"),
          unit("mg", "milligram", "milligrams"),
          unit("g", "gram", "grams"),
          unit("ml", "milliliter", "milliliters"),
          unit("mL", "milliliter", "milliliters"),
          unit("l", "liter", "liters"),
          unit("L", "liter", "liters"),
          unit("°C", "degree Celsius", "degrees Celsius"),
          unit("°F", "degree Fahrenheit", "degrees Fahrenheit"),
          unit("°", "degree", "degrees"),
          unit("lbs", "pound", "pounds"),
          unit("lb", "pound", "pounds"),
          unit("oz", "ounce", "ounces"),
          unit("ft", "foot", "feet"),
          unit("hrs", "hour", "hours"),
          unit("hr", "hour", "hours"),
          unit("mins", "minute", "minutes"),
          unit("min", "minute", "minutes"));

  private static final Pattern ORDINAL = Pattern.compile("\\b" + INTEGER + "(?i:st|nd|rd|th)\\b");
  private static final Pattern DECADE = Pattern.compile("\\b(1\\d|20)(\\d0)'?s\\b");
  private static final Pattern SHORT_DECADE = Pattern.compile("(?:'|‘|’|\\b)([2-9]0)'?s\\b");
  private static final Pattern YEAR_RANGE =
      Pattern.compile("\\b(1\\d{3}|20\\d\\d)\\s?[-–]\\s?(1\\d{3}|20\\d\\d)\\b");
  private static final Pattern YEAR_CANDIDATE =
      Pattern.compile("(?<![\\d.,])\\b(1\\d{3}|20\\d\\d)\\b(?![.,]\\d)");
  private static final Pattern YEAR_CONTEXT_BEFORE =
      Pattern.compile(
          "(?i)(?:\\b(?:in|of|since|by|from|until|till|year|around|circa|before|after|during|summer|winter"
              + "|spring|autumn|fall|january|february|march|april|may|june|july|august|september|october"
              + "|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\.?"
              + "|\\d{1,2}(?:st|nd|rd|th)?,)\\s+$");
  private static final Pattern YEAR_CONTEXT_AFTER = Pattern.compile("^\\s?(?:AD|BC|BCE|CE|A\\.D\\.|B\\.C\\.)\\b");
  private static final Pattern NUMBER_RANGE = Pattern.compile("(?<=\\d)\\s?[–-]\\s?(?=[$£€¥]?\\d)");
  private static final Pattern FRACTION = Pattern.compile("(?<![\\d/])(\\d+)/(\\d+)(?![\\d/])");
  private static final Pattern LETTER_DIGIT_BOUNDARY =
      Pattern.compile("(?<=\\p{L})(?=\\d)|(?<=\\d)(?=\\p{L})");
  private static final Pattern VERSION = Pattern.compile("(?<![\\d.,])\\d+(?:\\.\\d+){2,}(?![\\d.]\\d)");
  private static final Pattern NUMBER =
      Pattern.compile("(?<![\\d.,])" + MINUS + INTEGER + "(?:\\.(\\d+))?(?!\\d)");
  private static final Pattern BARE_DECIMAL = Pattern.compile("(?<![\\p{L}\\d])\\.(\\d+)");
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private static final Pattern SHARP = Pattern.compile("\\b([A-G])#(?![\\p{L}\\d])");
  private static final Pattern ABOUT = Pattern.compile("~\\s?(?=\\d)");
  private static final Pattern COMPARISON = Pattern.compile("(?<=\\d)\\s?([<>])\\s?(?=\\d)");
  private static final Pattern BRACKETS = Pattern.compile("\\s*[()\\[\\]{}]\\s*");
  private static final Map<String, String> SYMBOL_WORDS =
      Map.of("&", " and ", "+", " plus ", "=", " equals ", "@", " at ", "%", " percent ",
          "×", " times ", "§", " section ", "°", " degrees ");
  private static final Pattern SYMBOLS = Pattern.compile("[&+=@%×§°]");
  /** Anything else that is not a letter, digit, space or prosody punctuation is never said. */
  private static final Pattern UNSPEAKABLE =
      Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\s,.!?;:'\"—…-]");
  private static final Pattern STRAY_HYPHEN = Pattern.compile("(?<![\\p{L}\\p{N}])-|-(?![\\p{L}\\p{N}])");
  private static final Pattern REPEATED_MARKS = Pattern.compile("([!?])[!?]+");
  private static final Pattern LONG_DOTS = Pattern.compile("\\.{4,}|\\.\\s\\.\\s\\.");
  private static final Pattern COMMA_RUN = Pattern.compile(",(?:\\s*,)+");
  private static final Pattern COMMA_BEFORE_STOP = Pattern.compile("[,;:]\\s*(?=[.!?…]|$)");
  private static final Pattern LEADING_PUNCTUATION = Pattern.compile("^[\\s,.;:!?—]+");
  private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("\\s+(?=[,.!?;:…](?!\\p{L}))");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private static final Pattern NOT_STRICT = Pattern.compile("[^A-Za-z0-9 .,!?]");
  private static final Pattern STRICT_PAUSE = Pattern.compile("\\s*[;:—]\\s*");
  private static final ThreadLocal<Transliterator> TO_ASCII =
      ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII"));

  private SpeechNormalizer() {}

  /**
   * What the narrator should say for {@code text}. Accepts raw text too: markup, links, e-mail
   * addresses and emoji are removed first. Returns "" when nothing speakable is left.
   */
  public static String normalize(String text) {
    String display = DisplayCleaner.clean(text);
    String s = typography(display);
    s = links(s);
    s = replace(HEART, s, m -> "love");
    s = replace(WITH_OR_WITHOUT, s, m -> m.group(2) == null ? "with" : "without");
    s = dates(s);
    s = replace(PHONE, s, SpeechNormalizer::phone);
    s = replace(NUMBERED_ROMAN, s, m -> m.group(1) + " " + NumberWords.cardinal(roman(m.group(2)) + ""));
    s = regnalNumbers(s);
    s = replace(CLOCK_TIME, s, SpeechNormalizer::clockTime);
    s = replace(COLON_BETWEEN_NUMBERS, s, m -> " ");
    s = replace(HOUR_TIME, s, m -> NumberWords.cardinal(m.group(1)) + " " + meridiem(m.group(2)));
    s = abbreviations(s);
    s = replace(UNICODE_FRACTION, s, SpeechNormalizer::unicodeFraction);
    s = replace(YEAR_RANGE, s, m -> NumberWords.year(m.group(1)) + " to " + NumberWords.year(m.group(2)));
    s = replace(NUMBER_RANGE, s, m -> " to ");
    s = replace(PREFIX_CURRENCY, s, SpeechNormalizer::prefixCurrency);
    s = replace(SUFFIX_CURRENCY, s, SpeechNormalizer::suffixCurrency);
    s = replace(PERCENT, s, m -> signed(m.group(1), number(m.group(2), m.group(3))) + " percent");
    s = replace(UNIT, s, SpeechNormalizer::unit);
    s = replace(ORDINAL, s, m -> NumberWords.ordinal(digits(m.group(1))));
    s = replace(DECADE, s, m -> NumberWords.plural(NumberWords.year(m.group(1) + m.group(2))));
    s = replace(SHORT_DECADE, s, m -> NumberWords.plural(NumberWords.cardinal(m.group(1))));
    s = years(s);
    s = replace(FRACTION, s, m -> fraction(m.group(1), m.group(2)));
    s = replace(ABOUT, s, m -> "about ");
    s = replace(SHARP, s, m -> m.group(1) + " sharp");
    s = replace(COMPARISON, s, m -> m.group(1).equals("<") ? " less than " : " greater than ");
    s = replace(LETTER_DIGIT_BOUNDARY, s, m -> " ");
    s = replace(VERSION, s, m -> version(m.group()));
    s = replace(NUMBER, s, SpeechNormalizer::number);
    s = replace(BARE_DECIMAL, s, m -> "point " + NumberWords.digitByDigit(m.group(1)));
    s = replace(DIGITS, s, m -> NumberWords.cardinal(m.group()));
    s = replace(SYMBOLS, s, m -> SYMBOL_WORDS.get(m.group()));
    s = replace(BRACKETS, s, m -> ", ");
    s = UNSPEAKABLE.matcher(s).replaceAll(" ");
    s = STRAY_HYPHEN.matcher(s).replaceAll(" ");
    s = punctuation(s);
    if (!hasSpeech(s)) {
      return "";
    }
    if (CLOSING_PERIOD.matcher(display).find() && !ENDS_A_SENTENCE.matcher(s).find()) {
      // An abbreviation ("etc.", "p.m.", "U.S.A.") swallowed the full stop that ended the sentence.
      Matcher closers = CLOSERS.matcher(s);
      closers.find();
      s = s.substring(0, closers.start()) + "." + closers.group();
    }
    return s;
  }

  /**
   * A stricter form for when the voice failed on the normal one: ASCII letters, numbers as words,
   * spaces and . , ! ? only. Accents are folded and other scripts romanised.
   */
  public static String strict(String text) {
    String s = STRICT_PAUSE.matcher(normalize(text)).replaceAll(", ");
    s = TO_ASCII.get().transliterate(s);
    s = replace(DIGITS, s, m -> NumberWords.cardinal(m.group())); // digits of other scripts
    s = s.replaceAll("(?<=[A-Za-z])'(?=[A-Za-z])", ""); // "don't" → "dont", not "don t"
    s = NOT_STRICT.matcher(s).replaceAll(" ");
    s = punctuation(s);
    return hasSpeech(s) ? s : "";
  }

  /** Whether text has anything to say: at least one letter or digit. */
  static boolean hasSpeech(String text) {
    return text.codePoints().anyMatch(Character::isLetterOrDigit);
  }

  private static String typography(String s) {
    s = replace(TYPOGRAPHY_CHARS, s, m -> TYPOGRAPHY.get(m.group()));
    return replace(SPACED_DASH, s, m -> " — ");
  }

  /** Links and addresses are said by their host: "https://www.example.com/a?b" → "example dot com". */
  private static String links(String s) {
    s = replace(DisplayCleaner.EMAIL, s, m -> {
      String[] parts = m.group().split("@", 2);
      return dotted(parts[0]) + " at " + dotted(parts[1]);
    });
    return replace(DisplayCleaner.LINK, s, m -> {
      String host = m.group().replaceFirst("(?i)^[a-z]+:/*", "").replaceFirst("(?i)^www\\.", "");
      host = host.replaceFirst("[/?#].*$", "");
      return host.isEmpty() ? " " : dotted(host.toLowerCase(Locale.ROOT));
    });
  }

  /** "bob.smith" → "bob dot smith"; other marks inside addresses become spaces. */
  private static String dotted(String address) {
    return String.join(" dot ", address.split("\\.")).replaceAll("[_+%-]+", " ").strip();
  }

  /** Dates in the forms people write them, said as "December twenty-fifth, twenty twenty". */
  private static String dates(String s) {
    s = replace(ISO_DATE, s, m -> date(m.group(2), m.group(3), m.group(1), m.group()));
    s = replace(DOTTED_DATE, s, m -> date(m.group(2), m.group(1), m.group(3), m.group()));
    s = replace(SLASHED_DATE, s, SpeechNormalizer::slashedDate);
    s = replace(MONTH_DAY, s, m -> monthDay(month(m.group(1)), m.group(2), m.group(3), m.group()));
    return replace(DAY_MONTH, s, m -> {
      int day = Integer.parseInt(m.group(1));
      if (day < 1 || day > 31) {
        return m.group();
      }
      String said = "the " + NumberWords.ordinal(day + "") + " of " + MONTHS[month(m.group(2)) - 1];
      return m.group(3) == null ? said : said + ", " + NumberWords.year(m.group(3));
    });
  }

  /**
   * US order (12/25/2020) unless only the other order is a date (25/12/2020). Without a year only
   * a day that cannot be a month makes a date ("12/25"): "3/4", "10/10" and "24/7" stay numbers.
   */
  private static String slashedDate(MatchResult m) {
    int first = Integer.parseInt(m.group(1));
    int second = Integer.parseInt(m.group(2));
    String year = m.group(3);
    if (year == null && !(first >= 1 && first <= 12 && second > 12 && second <= 31)) {
      return m.group();
    }
    if (year != null && year.length() == 2) {
      year = (Integer.parseInt(year) < 50 ? "20" : "19") + year;
    }
    if (first <= 12 && second >= 1 && second <= 31 && first >= 1) {
      return date(m.group(1), m.group(2), year, m.group());
    }
    return date(m.group(2), m.group(1), year, m.group());
  }

  private static String date(String month, String day, String year, String asWritten) {
    int mm = Integer.parseInt(month);
    if (mm < 1 || mm > 12) {
      return asWritten;
    }
    return monthDay(mm, day, year, asWritten);
  }

  private static String monthDay(int month, String day, String year, String asWritten) {
    int dd = Integer.parseInt(day);
    if (dd < 1 || dd > 31) {
      return asWritten;
    }
    String said = MONTHS[month - 1] + " " + NumberWords.ordinal(dd + "");
    return year == null ? said : said + ", " + NumberWords.year(year);
  }

  /** 1-based month of a name or abbreviation ("Sept.", "December"). */
  private static int month(String name) {
    String prefix = name.substring(0, 3).toLowerCase(Locale.ROOT);
    for (int i = 0; i < MONTHS.length; i++) {
      if (MONTHS[i].toLowerCase(Locale.ROOT).startsWith(prefix)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("not a month: " + name);
  }

  private static String phone(MatchResult m) {
    List<String> groups = new java.util.ArrayList<>();
    for (int g = 1; g <= m.groupCount(); g++) {
      if (m.group(g) != null) {
        groups.add(NumberWords.digitByDigit(m.group(g)));
      }
    }
    return String.join(", ", groups);
  }

  private static String regnalNumbers(String s) {
    Matcher m = REGNAL_ROMAN.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String numeral = m.group(1);
      int value = roman(numeral);
      boolean regnal = (numeral.length() > 1 || numeral.equals("V")) && value <= 50;
      m.appendReplacement(
          out, Matcher.quoteReplacement(regnal ? "the " + NumberWords.ordinal(value + "") : numeral));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The value of a valid Roman numeral. */
  static int roman(String numeral) {
    String symbols = "IVXLCDM";
    int[] values = {1, 5, 10, 50, 100, 500, 1000};
    int total = 0;
    for (int i = 0; i < numeral.length(); i++) {
      int value = values[symbols.indexOf(numeral.charAt(i))];
      boolean subtract =
          i + 1 < numeral.length() && values[symbols.indexOf(numeral.charAt(i + 1))] > value;
      total += subtract ? -value : value;
    }
    return total;
  }

  private static String clockTime(MatchResult m) {
    String hour = NumberWords.cardinal(Integer.parseInt(m.group(1)) + "");
    String minutes = m.group(2);
    String said;
    if (minutes.equals("00")) {
      said = m.group(3) == null ? hour + " o'clock" : hour;
    } else if (minutes.charAt(0) == '0') {
      said = hour + " oh " + NumberWords.cardinal(minutes.substring(1));
    } else {
      said = hour + " " + NumberWords.cardinal(minutes);
    }
    return m.group(3) == null ? said : said + " " + meridiem(m.group(3));
  }

  /** "P M" is read letter by letter, as people say it. */
  private static String meridiem(String aOrP) {
    return aOrP.toUpperCase(Locale.ROOT) + " M";
  }

  private static String abbreviations(String s) {
    s = replace(NUMBER_SIGN, s, m -> "number ");
    s = replace(DOTTED_ACRONYM, s, m -> String.join(" ", m.group().split("\\.")));
    for (Map.Entry<Pattern, String> abbreviation : ABBREVIATIONS) {
      s = replace(abbreviation.getKey(), s, m -> abbreviation.getValue());
    }
    s = replaceWithContext(DOCTOR_OR_DRIVE, s, "Doctor", "Drive");
    return replaceWithContext(SAINT_OR_STREET, s, "Saint", "Street");
  }

  /**
   * "Dr. Jones" and "St. Mark" are titles; "Elm Dr." and "Baker St." (a capitalised word before,
   * none after) are roads.
   */
  private static String replaceWithContext(Pattern p, String s, String title, String road) {
    Matcher m = p.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String before = s.substring(0, m.start());
      String after = s.substring(m.end());
      boolean nameAfter = CAPITALISED_WORD_AFTER.matcher(after).find();
      boolean nameBefore = CAPITALISED_WORD_BEFORE.matcher(before).find();
      boolean withPeriod = m.group().endsWith(".");
      String word;
      if (nameBefore && !nameAfter) {
        word = road;
      } else if (nameAfter || withPeriod) {
        word = title;
      } else {
        word = m.group(); // "St" or "Dr" without a period and without a name: leave it alone
      }
      m.appendReplacement(out, Matcher.quoteReplacement(word));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String unicodeFraction(MatchResult m) {
    String[] words = FRACTION_WORDS.get(m.group(2));
    return m.group(1) == null ? " " + words[0] : NumberWords.cardinal(m.group(1)) + " " + words[1];
  }

  private static String prefixCurrency(MatchResult m) {
    String[] units = CURRENCY_UNITS.get(m.group(2));
    String whole = digits(m.group(3));
    String fraction = m.group(4);
    String scale = m.group(5);
    String said;
    if (scale != null) {
      said = number(whole, fraction) + " "
          + SCALE_WORDS.getOrDefault(scale.toLowerCase(Locale.ROOT), scale) + " " + units[1];
    } else if (fraction == null || fraction.length() != 2) {
      said = number(whole, fraction) + " " + (fraction == null && isOne(whole) ? units[0] : units[1]);
    } else {
      said = money(whole, fraction, units);
    }
    return signed(m.group(1), said);
  }

  private static String suffixCurrency(MatchResult m) {
    String[] units = CURRENCY_UNITS.get(m.group(3).strip());
    String whole = digits(m.group(1));
    if (m.group(2) != null) {
      return money(whole, m.group(2), units);
    }
    return NumberWords.cardinal(whole) + " " + (isOne(whole) ? units[0] : units[1]);
  }

  /** "3", "50" → "three dollars and fifty cents"; "0", "50" → "fifty cents"; "5", "00" → "five dollars". */
  private static String money(String whole, String hundredths, String[] units) {
    String major = NumberWords.cardinal(whole) + " " + (isOne(whole) ? units[0] : units[1]);
    int minorValue = Integer.parseInt(hundredths);
    String minor = NumberWords.cardinal(minorValue + "") + " " + (minorValue == 1 ? units[2] : units[3]);
    if (minorValue == 0) {
      return major;
    }
    return Long.parseLong(whole) == 0 ? minor : major + " and " + minor;
  }

  private static String unit(MatchResult m) {
    String[] words = UNIT_WORDS.get(m.group(4));
    boolean singular = m.group(3) == null && isOne(digits(m.group(2)));
    return signed(m.group(1), number(m.group(2), m.group(3))) + " " + (singular ? words[0] : words[1]);
  }

  private static String years(String s) {
    Matcher m = YEAR_CANDIDATE.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      boolean isYear =
          YEAR_CONTEXT_BEFORE.matcher(s.substring(Math.max(0, m.start() - 20), m.start())).find()
              || YEAR_CONTEXT_AFTER.matcher(s.substring(m.end())).find();
      String said = isYear ? NumberWords.year(m.group(1)) : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(said));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** "1/2" → "one half", "3/4" → "three quarters", "24/7" → "twenty-four seven", else "out of". */
  private static String fraction(String numerator, String denominator) {
    int n = Integer.parseInt(numerator.length() > 6 ? "0" : numerator);
    int d = Integer.parseInt(denominator.length() > 6 ? "0" : denominator);
    if (n == 24 && d == 7) {
      return "twenty-four seven";
    }
    if (n > 0 && n < d && d <= 10) {
      String part = d == 2 ? "half" : d == 4 ? "quarter" : NumberWords.ordinal(denominator);
      return NumberWords.cardinal(numerator) + " " + (n == 1 ? part : NumberWords.plural(part));
    }
    return NumberWords.cardinal(digits(numerator)) + " out of " + NumberWords.cardinal(digits(denominator));
  }

  /** "1.2.3" → "one point two point three". */
  private static String version(String dotted) {
    StringBuilder out = new StringBuilder();
    for (String part : dotted.split("\\.")) {
      out.append(out.length() == 0 ? "" : " point ").append(NumberWords.cardinal(part));
    }
    return out.toString();
  }

  private static String number(MatchResult m) {
    return signed(m.group(1), number(m.group(2), m.group(3)));
  }

  private static String number(String integer, String fraction) {
    String whole = digits(integer);
    return fraction == null ? NumberWords.cardinal(whole) : NumberWords.decimal(whole, fraction);
  }

  private static String signed(String minus, String words) {
    return minus == null ? words : "minus " + words;
  }

  private static String punctuation(String s) {
    s = REPEATED_MARKS.matcher(s).replaceAll("$1");
    s = LONG_DOTS.matcher(s).replaceAll("...");
    s = WHITESPACE.matcher(s).replaceAll(" ");
    s = COMMA_RUN.matcher(s).replaceAll(",");
    s = SPACE_BEFORE_PUNCTUATION.matcher(s).replaceAll("");
    s = COMMA_BEFORE_STOP.matcher(s).replaceAll("");
    s = LEADING_PUNCTUATION.matcher(s).replaceAll("");
    return WHITESPACE.matcher(s).replaceAll(" ").strip();
  }

  private static String digits(String integer) {
    return integer.replace(",", "");
  }

  private static boolean isOne(String digits) {
    return digits.equals("1");
  }

  private static String replace(Pattern p, String s, Function<MatchResult, String> words) {
    return p.matcher(s).replaceAll(m -> Matcher.quoteReplacement(words.apply(m)));
  }

  private static Map.Entry<Pattern, String> abbreviation(String regex, String words) {
    return Map.entry(Pattern.compile(regex), words);
  }

  private static Map.Entry<String, String[]> unit(String symbol, String singular, String plural) {
    return Map.entry(symbol, new String[] {singular, plural});
  }
}
