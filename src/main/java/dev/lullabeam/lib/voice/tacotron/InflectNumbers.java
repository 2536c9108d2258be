package dev.lullabeam.lib.voice.tacotron;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python {@code inflect}'s {@code engine().number_to_words}, ported statement by statement for the
 * calls TensorFlowTTS's {@code number_norm.py} makes: whole numbers and ordinals ({@code "21st"}),
 * with or without {@code andword}, and {@code group=2} with {@code zero="oh"} for years. It keeps
 * inflect's quirks on purpose (commas between thousands groups, "one hundred and first" for
 * ordinals, whose call keeps the default {@code andword}), since the models were trained on them.
 * Not thread-confined: every call builds its own state.
 */
final class InflectNumbers {

  private static final String[] UNIT = {
    "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"
  };
  private static final String[] TEEN = {
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen"
  };
  private static final String[] TEN = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
  };
  private static final String[] MILL = {
    " ", " thousand", " million", " billion", " trillion", " quadrillion", " quintillion",
    " sextillion", " septillion", " octillion", " nonillion", " decillion"
  };
  private static final Map<String, String> ORDINAL =
      Map.of(
          "ty", "tieth", "one", "first", "two", "second", "three", "third", "five", "fifth",
          "eight", "eighth", "nine", "ninth", "twelve", "twelfth");
  /** inflect's {@code ordinal_suff}: the keys of its dict in insertion order. */
  private static final Pattern ORDINAL_SUFF =
      Pattern.compile("(ty|one|two|three|five|eight|nine|twelve)\\z");

  private static final Pattern HUNDREDS = Pattern.compile("(\\d)(\\d)(\\d)(?=\\D*\\z)");
  private static final Pattern TENS = Pattern.compile("(\\d)(\\d)(?=\\D*\\z)");
  private static final Pattern UNITS = Pattern.compile("(\\d)(?=\\D*\\z)");

  private final String andword;
  private final String zero;
  private final String one = "one";
  private int millCount;

  private InflectNumbers(String andword, String zero) {
    this.andword = andword;
    this.zero = zero;
  }

  /** {@code number_to_words(num, andword=andword)}. */
  static String toWords(String num, String andword) {
    return new InflectNumbers(andword, "zero").numberToWords(num, 0);
  }

  /** {@code number_to_words(num, andword='', zero='oh', group=2)}. */
  static String toWordsInPairs(String num) {
    return new InflectNumbers("", "oh").numberToWords(num, 2);
  }

  private String millfn(int ind) {
    if (ind > MILL.length - 1) {
      throw new IllegalArgumentException("number out of range");
    }
    return MILL[ind];
  }

  private String unitfn(int units, int mindex) {
    return UNIT[units] + millfn(mindex);
  }

  private String tenfn(int tens, int units, int mindex) {
    if (tens != 1) {
      return TEN[tens] + (tens != 0 && units != 0 ? "-" : "") + UNIT[units] + millfn(mindex);
    }
    return TEEN[units] + MILL[mindex];
  }

  private String hundfn(int hundreds, int tens, int units, int mindex) {
    if (hundreds != 0) {
      String and = tens != 0 || units != 0 ? " " + andword + " " : "";
      return UNIT[hundreds] + " hundred" + and + tenfn(tens, units, 0) + millfn(mindex) + ", ";
    }
    if (tens != 0 || units != 0) {
      return tenfn(tens, units, 0) + millfn(mindex) + ", ";
    }
    return "";
  }

  private static int digit(Matcher m, int group) {
    return m.group(group).charAt(0) - '0';
  }

  private String group1bsub(Matcher m) {
    int units = digit(m, 1);
    return units != 0 ? UNIT[units] + ", " : " " + zero + ", ";
  }

  private String group2sub(Matcher m) {
    int tens = digit(m, 1);
    int units = digit(m, 2);
    if (tens != 0) {
      return tenfn(tens, units, 0) + ", ";
    }
    if (units != 0) {
      return " " + zero + " " + UNIT[units] + ", ";
    }
    return " " + zero + " " + zero + ", ";
  }

  private String group1sub(Matcher m) {
    int units = digit(m, 1);
    if (units == 1) {
      return " " + one + ", ";
    } else if (units != 0) {
      return UNIT[units] + ", ";
    }
    return " " + zero + ", ";
  }

  private String enword(String num, int group) {
    if (group == 1) {
      return sub(Pattern.compile("(\\d)"), num, this::group1sub, -1);
    } else if (group == 2) {
      num = sub(Pattern.compile("(\\d)(\\d)"), num, this::group2sub, -1);
      return sub(Pattern.compile("(\\d)"), num, this::group1bsub, 1);
    } else if (new java.math.BigInteger(num).signum() == 0) {
      return zero;
    } else if (new java.math.BigInteger(num).equals(java.math.BigInteger.ONE)) {
      return one;
    }
    num = num.strip().replaceFirst("^0+", "");
    millCount = 0;
    while (HUNDREDS.matcher(num).find()) {
      num =
          sub(
              HUNDREDS,
              num,
              m -> {
                String r = hundfn(digit(m, 1), digit(m, 2), digit(m, 3), millCount);
                millCount++;
                return r;
              },
              1);
    }
    num = sub(TENS, num, m -> tenfn(digit(m, 1), digit(m, 2), millCount) + ", ", 1);
    num = sub(UNITS, num, m -> unitfn(digit(m, 1), millCount) + ", ", 1);
    return num;
  }

  /** Python's {@code re.sub(pattern, fn, text, count)}; count -1 means all. */
  private static String sub(Pattern pattern, String text, Function<Matcher, String> fn, int count) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    int done = 0;
    while ((count < 0 || done < count) && m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(fn.apply(m)));
      done++;
    }
    m.appendTail(out);
    return out.toString();
  }

  private String numberToWords(String num, int group) {
    String nowhite = num.stripLeading();
    String sign = nowhite.startsWith("+") ? "plus" : nowhite.startsWith("-") ? "minus" : "";
    boolean myord = num.length() >= 2 && List.of("st", "nd", "rd", "th").contains(num.substring(num.length() - 2));
    if (myord) {
      num = num.substring(0, num.length() - 2);
    }
    String decimal = "point";
    boolean finalpoint = false;
    List<String> chunks =
        new ArrayList<>(Arrays.asList(group != 0 ? num.split("\\.", -1) : num.split("\\.", 2)));
    if (chunks.get(chunks.size() - 1).isEmpty()) {
      chunks.remove(chunks.size() - 1);
      finalpoint = true;
    }
    // inflect's `first` takes the values 1, "" and 0: 1 = before the first chunk, "" = after it,
    // 0 = there was no integer part.
    int first = 1;
    int loopstart = 0;
    if (!chunks.isEmpty() && chunks.get(0).isEmpty()) {
      first = 0;
      if (chunks.size() > 1) {
        loopstart = 1;
      }
    }
    for (int i = loopstart; i < chunks.size(); i++) {
      String chunk = chunks.get(i).replaceAll("\\D", "");
      if (chunk.isEmpty()) {
        chunk = "0";
      }
      if (group == 0 && first != 1) {
        chunk = enword(chunk, 1);
      } else {
        chunk = enword(chunk, group);
      }
      if (chunk.endsWith(", ")) {
        chunk = chunk.substring(0, chunk.length() - 2);
      }
      chunk = chunk.replaceAll("\\s+,", ",");
      if (group == 0 && first == 1) {
        chunk =
            Pattern.compile(", (\\S+)\\s+\\z")
                .matcher(chunk)
                .replaceFirst(Matcher.quoteReplacement(" " + andword + " ") + "$1");
      }
      chunk = chunk.replaceAll("\\s+", " ").strip();
      if (first == 1) {
        first = 2; // inflect's ""
      }
      chunks.set(i, chunk);
    }
    List<String> numchunks = new ArrayList<>();
    if (first != 0) {
      numchunks.addAll(Arrays.asList(chunks.get(0).split(", ", -1)));
    }
    if (myord && !numchunks.isEmpty()) {
      int last = numchunks.size() - 1;
      Matcher mo = ORDINAL_SUFF.matcher(numchunks.get(last));
      if (mo.find()) {
        numchunks.set(last, mo.replaceFirst(ORDINAL.get(mo.group(1))));
      } else {
        numchunks.set(last, numchunks.get(last) + "th");
      }
    }
    for (String chunk : chunks.subList(Math.min(1, chunks.size()), chunks.size())) {
      numchunks.add(decimal);
      numchunks.addAll(Arrays.asList(chunk.split(", ", -1)));
    }
    if (finalpoint) {
      numchunks.add(decimal);
    }
    String signout = sign.isEmpty() ? "" : sign + " ";
    if (group != 0) {
      return signout + String.join(", ", numchunks);
    }
    StringBuilder out = new StringBuilder(signout).append(numchunks.remove(0));
    boolean firstJoin = !out.toString().endsWith(decimal);
    for (String nc : numchunks) {
      if (nc.equals(decimal)) {
        out.append(' ').append(nc);
        firstJoin = false;
      } else if (firstJoin) {
        out.append(", ").append(nc);
      } else {
        out.append(' ').append(nc);
      }
    }
    return out.toString();
  }
}
