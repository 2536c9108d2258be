package dev.lullabeam.lib.voice.tacotron;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ids must be TensorFlowTTS's. Where the expectations come from: a line-by-line transcription
 * of TensorFlowTTS master's {@code processor/ljspeech.py} ({@code text_to_sequence}, the
 * {@code LJSPEECH_SYMBOLS} table, eos appended), {@code utils/cleaners.py} ({@code
 * english_cleaners}) and {@code utils/number_norm.py}, run with Python 3.11, inflect 2.1.0 and
 * Unidecode 1.3.6 (Debian 12's python3-inflect and python3-unidecode); the "cleaned" column is
 * {@code english_cleaners(text)} of the whole text from the same run. No TensorFlow is involved:
 * the processor is pure Python. Cases: plain text, abbreviations, money (dollars and cents, one
 * cent, $1), ordinals (inflect keeps "and" in "one hundred and first"), years in pairs, 2000–2009,
 * hundreds, thousands with commas (inflect keeps the commas), decimals, accented letters and the
 * em dash (unidecode), ARPAbet in braces, £ and ° (unidecode's PS and deg), whitespace, unknown
 * characters, braces after a line break (Python's {@code .} stops at \n), leading zeros, numbers past
 * Java's long (Python's int is unbounded).
 */
class LjSpeechProcessorTest {

  static Stream<Arguments> tensorFlowTtsCases() {
    return Stream.of(
          Arguments.of(
              "Once upon a time, there was a little fox.",
              "once upon a time, there was a little fox.",
              new int[] {52, 51, 40, 42, 11, 58, 53, 52, 51, 11, 38, 11, 57, 46, 50, 42, 6, 11, 57, 45, 42, 55, 42, 11, 60, 38, 56, 11, 38, 11, 49, 46, 57, 57, 49, 42, 11, 43, 52, 61, 7, 148}),
          Arguments.of(
              "Dr. Owl had 3 hats and Mrs. Hare had 21 carrots.",
              "doctor owl had three hats and misess hare had twenty-one carrots.",
              new int[] {41, 52, 40, 57, 52, 55, 11, 52, 60, 49, 11, 45, 38, 41, 11, 57, 45, 55, 42, 42, 11, 45, 38, 57, 56, 11, 38, 51, 41, 11, 50, 46, 56, 42, 56, 56, 11, 45, 38, 55, 42, 11, 45, 38, 41, 11, 57, 60, 42, 51, 57, 62, 1, 52, 51, 42, 11, 40, 38, 55, 55, 52, 57, 56, 7, 148}),
          Arguments.of(
              "It cost $3.50, or $1 for the small one, and 99 cents more... $0.01!",
              "it cost three dollars, fifty cents, or one dollar for the small one, and ninety-nine cents more... one cent!",
              new int[] {46, 57, 11, 40, 52, 56, 57, 11, 57, 45, 55, 42, 42, 11, 41, 52, 49, 49, 38, 55, 56, 6, 11, 43, 46, 43, 57, 62, 11, 40, 42, 51, 57, 56, 6, 11, 52, 55, 11, 52, 51, 42, 11, 41, 52, 49, 49, 38, 55, 11, 43, 52, 55, 11, 57, 45, 42, 11, 56, 50, 38, 49, 49, 11, 52, 51, 42, 6, 11, 38, 51, 41, 11, 51, 46, 51, 42, 57, 62, 1, 51, 46, 51, 42, 11, 40, 42, 51, 57, 56, 11, 50, 52, 55, 42, 7, 7, 7, 11, 52, 51, 42, 11, 40, 42, 51, 57, 2, 148}),
          Arguments.of(
              "The 1st, 2nd, 3rd, 11th, 21st and 101st stars.",
              "the first, second, third, eleventh, twenty-first and one hundred and first stars.",
              new int[] {57, 45, 42, 11, 43, 46, 55, 56, 57, 6, 11, 56, 42, 40, 52, 51, 41, 6, 11, 57, 45, 46, 55, 41, 6, 11, 42, 49, 42, 59, 42, 51, 57, 45, 6, 11, 57, 60, 42, 51, 57, 62, 1, 43, 46, 55, 56, 57, 11, 38, 51, 41, 11, 52, 51, 42, 11, 45, 58, 51, 41, 55, 42, 41, 11, 38, 51, 41, 11, 43, 46, 55, 56, 57, 11, 56, 57, 38, 55, 56, 7, 148}),
          Arguments.of(
              "In 1999, 1906, 2000, 2005, 2019 and 1900 it rained; in 1066 too.",
              "in nineteen ninety-nine, nineteen oh six, two thousand, two thousand five, twenty nineteen and nineteen hundred it rained; in ten sixty-six too.",
              new int[] {46, 51, 11, 51, 46, 51, 42, 57, 42, 42, 51, 11, 51, 46, 51, 42, 57, 62, 1, 51, 46, 51, 42, 6, 11, 51, 46, 51, 42, 57, 42, 42, 51, 11, 52, 45, 11, 56, 46, 61, 6, 11, 57, 60, 52, 11, 57, 45, 52, 58, 56, 38, 51, 41, 6, 11, 57, 60, 52, 11, 57, 45, 52, 58, 56, 38, 51, 41, 11, 43, 46, 59, 42, 6, 11, 57, 60, 42, 51, 57, 62, 11, 51, 46, 51, 42, 57, 42, 42, 51, 11, 38, 51, 41, 11, 51, 46, 51, 42, 57, 42, 42, 51, 11, 45, 58, 51, 41, 55, 42, 41, 11, 46, 57, 11, 55, 38, 46, 51, 42, 41, 9, 11, 46, 51, 11, 57, 42, 51, 11, 56, 46, 61, 57, 62, 1, 56, 46, 61, 11, 57, 52, 52, 7, 148}),
          Arguments.of(
              "She counted 1,234,567 sheep and 12,345 more; then 100 and 1000 and 3000.",
              "she counted one million, two hundred thirty-four thousand, five hundred sixty-seven sheep and twelve thousand, three hundred forty-five more; then one hundred and one thousand and three thousand.",
              new int[] {56, 45, 42, 11, 40, 52, 58, 51, 57, 42, 41, 11, 52, 51, 42, 11, 50, 46, 49, 49, 46, 52, 51, 6, 11, 57, 60, 52, 11, 45, 58, 51, 41, 55, 42, 41, 11, 57, 45, 46, 55, 57, 62, 1, 43, 52, 58, 55, 11, 57, 45, 52, 58, 56, 38, 51, 41, 6, 11, 43, 46, 59, 42, 11, 45, 58, 51, 41, 55, 42, 41, 11, 56, 46, 61, 57, 62, 1, 56, 42, 59, 42, 51, 11, 56, 45, 42, 42, 53, 11, 38, 51, 41, 11, 57, 60, 42, 49, 59, 42, 11, 57, 45, 52, 58, 56, 38, 51, 41, 6, 11, 57, 45, 55, 42, 42, 11, 45, 58, 51, 41, 55, 42, 41, 11, 43, 52, 55, 57, 62, 1, 43, 46, 59, 42, 11, 50, 52, 55, 42, 9, 11, 57, 45, 42, 51, 11, 52, 51, 42, 11, 45, 58, 51, 41, 55, 42, 41, 11, 38, 51, 41, 11, 52, 51, 42, 11, 57, 45, 52, 58, 56, 38, 51, 41, 11, 38, 51, 41, 11, 57, 45, 55, 42, 42, 11, 57, 45, 52, 58, 56, 38, 51, 41, 7, 148}),
          Arguments.of(
              "Pi is about 3.14159, and 0.5 is a half.",
              "pi is about three point fourteen thousand, one hundred fifty-nine, and zero point five is a half.",
              new int[] {53, 46, 11, 46, 56, 11, 38, 39, 52, 58, 57, 11, 57, 45, 55, 42, 42, 11, 53, 52, 46, 51, 57, 11, 43, 52, 58, 55, 57, 42, 42, 51, 11, 57, 45, 52, 58, 56, 38, 51, 41, 6, 11, 52, 51, 42, 11, 45, 58, 51, 41, 55, 42, 41, 11, 43, 46, 43, 57, 62, 1, 51, 46, 51, 42, 6, 11, 38, 51, 41, 11, 63, 42, 55, 52, 11, 53, 52, 46, 51, 57, 11, 43, 46, 59, 42, 11, 46, 56, 11, 38, 11, 45, 38, 49, 43, 7, 148}),
          Arguments.of(
              "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u2014 Zo\u00eb's fa\u00e7ade in \u00c5ngstr\u00f6m Stra\u00dfe.",
              "cafe naive resume -- zoe's facade in angstrom strasse.",
              new int[] {40, 38, 43, 42, 11, 51, 38, 46, 59, 42, 11, 55, 42, 56, 58, 50, 42, 11, 1, 1, 11, 63, 52, 42, 3, 56, 11, 43, 38, 40, 38, 41, 42, 11, 46, 51, 11, 38, 51, 44, 56, 57, 55, 52, 50, 11, 56, 57, 55, 38, 56, 56, 42, 7, 148}),
          Arguments.of(
              "{HH AH0 L OW1} world, {W ER1 L D}!",
              "{hh ahzero l owone} world, {w erone l d}!",
              new int[] {106, 73, 117, 123, 11, 60, 52, 55, 49, 41, 6, 11, 144, 98, 117, 90, 2, 148}),
          Arguments.of(
              "Capt. Hook met Lt. Col. Smith at St. Paul's Ltd. Co. with Jr. and Gen. Maj. Sgt.",
              "captain hook met lieutenant colonel smith at saint paul's limited company with junior and general major sergeant",
              new int[] {40, 38, 53, 57, 38, 46, 51, 11, 45, 52, 52, 48, 11, 50, 42, 57, 11, 49, 46, 42, 58, 57, 42, 51, 38, 51, 57, 11, 40, 52, 49, 52, 51, 42, 49, 11, 56, 50, 46, 57, 45, 11, 38, 57, 11, 56, 38, 46, 51, 57, 11, 53, 38, 58, 49, 3, 56, 11, 49, 46, 50, 46, 57, 42, 41, 11, 40, 52, 50, 53, 38, 51, 62, 11, 60, 46, 57, 45, 11, 47, 58, 51, 46, 52, 55, 11, 38, 51, 41, 11, 44, 42, 51, 42, 55, 38, 49, 11, 50, 38, 47, 52, 55, 11, 56, 42, 55, 44, 42, 38, 51, 57, 148}),
          Arguments.of(
              "The price was \u00a35 and 42\u00b0, 1\u00bd cups.",
              "the price was psfive and forty-twodeg, one one/two cups.",
              new int[] {57, 45, 42, 11, 53, 55, 46, 40, 42, 11, 60, 38, 56, 11, 53, 56, 43, 46, 59, 42, 11, 38, 51, 41, 11, 43, 52, 55, 57, 62, 1, 57, 60, 52, 41, 42, 44, 6, 11, 52, 51, 42, 11, 52, 51, 42, 57, 60, 52, 11, 40, 58, 53, 56, 7, 148}),
          Arguments.of(
              "Tabs\tand   spaces\nand lines.",
              "tabs and spaces and lines.",
              new int[] {57, 38, 39, 56, 11, 38, 51, 41, 11, 56, 53, 38, 40, 42, 56, 11, 38, 51, 41, 11, 49, 46, 51, 42, 56, 7, 148}),
          Arguments.of(
              "Weird chars: #hash & ampersand @at * star \"quotes\" [brackets] _under ~tilde.",
              "weird chars: #hash & ampersand @at * star \"quotes\" [brackets] _under ~tilde.",
              new int[] {60, 42, 46, 55, 41, 11, 40, 45, 38, 55, 56, 8, 11, 45, 38, 56, 45, 11, 11, 38, 50, 53, 42, 55, 56, 38, 51, 41, 11, 38, 57, 11, 11, 56, 57, 38, 55, 11, 54, 58, 52, 57, 42, 56, 11, 39, 55, 38, 40, 48, 42, 57, 56, 11, 58, 51, 41, 42, 55, 11, 57, 46, 49, 41, 42, 7, 148}),
          Arguments.of(
              "A new line {AH1}\nthen more {B} after.",
              "a new line {ahone} then more {b} after.",
              new int[] {38, 11, 51, 42, 60, 11, 49, 46, 51, 42, 11, 74, 148}),
          Arguments.of(
              "Line one\n{AH1} second line.",
              "line one {ahone} second line.",
              new int[] {49, 46, 51, 42, 11, 52, 51, 42, 11, 38, 45, 52, 51, 42, 11, 56, 42, 40, 52, 51, 41, 11, 49, 46, 51, 42, 7, 148}),
          Arguments.of(
              "It cost $123456789012345678901 in 3000000000000 years.",
              "it cost one hundred twenty-three quintillion, four hundred fifty-six quadrillion, seven hundred eighty-nine trillion, twelve billion, three hundred forty-five million, six hundred seventy-eight thousand, nine hundred one dollars in three trillion years.",
              new int[] {46, 57, 11, 40, 52, 56, 57, 11, 52, 51, 42, 11, 45, 58, 51, 41, 55, 42, 41, 11, 57, 60, 42, 51, 57, 62, 1, 57, 45, 55, 42, 42, 11, 54, 58, 46, 51, 57, 46, 49, 49, 46, 52, 51, 6, 11, 43, 52, 58, 55, 11, 45, 58, 51, 41, 55, 42, 41, 11, 43, 46, 43, 57, 62, 1, 56, 46, 61, 11, 54, 58, 38, 41, 55, 46, 49, 49, 46, 52, 51, 6, 11, 56, 42, 59, 42, 51, 11, 45, 58, 51, 41, 55, 42, 41, 11, 42, 46, 44, 45, 57, 62, 1, 51, 46, 51, 42, 11, 57, 55, 46, 49, 49, 46, 52, 51, 6, 11, 57, 60, 42, 49, 59, 42, 11, 39, 46, 49, 49, 46, 52, 51, 6, 11, 57, 45, 55, 42, 42, 11, 45, 58, 51, 41, 55, 42, 41, 11, 43, 52, 55, 57, 62, 1, 43, 46, 59, 42, 11, 50, 46, 49, 49, 46, 52, 51, 6, 11, 56, 46, 61, 11, 45, 58, 51, 41, 55, 42, 41, 11, 56, 42, 59, 42, 51, 57, 62, 1, 42, 46, 44, 45, 57, 11, 57, 45, 52, 58, 56, 38, 51, 41, 6, 11, 51, 46, 51, 42, 11, 45, 58, 51, 41, 55, 42, 41, 11, 52, 51, 42, 11, 41, 52, 49, 49, 38, 55, 56, 11, 46, 51, 11, 57, 45, 55, 42, 42, 11, 57, 55, 46, 49, 49, 46, 52, 51, 11, 62, 42, 38, 55, 56, 7, 148}),
          Arguments.of(
              "$1,000,000.99 and $12.345.6 and 007 agents.",
              "one million dollars, ninety-nine cents and twelve point three hundred forty-five.six dollars and seven agents.",
              new int[] {52, 51, 42, 11, 50, 46, 49, 49, 46, 52, 51, 11, 41, 52, 49, 49, 38, 55, 56, 6, 11, 51, 46, 51, 42, 57, 62, 1, 51, 46, 51, 42, 11, 40, 42, 51, 57, 56, 11, 38, 51, 41, 11, 57, 60, 42, 49, 59, 42, 11, 53, 52, 46, 51, 57, 11, 57, 45, 55, 42, 42, 11, 45, 58, 51, 41, 55, 42, 41, 11, 43, 52, 55, 57, 62, 1, 43, 46, 59, 42, 7, 56, 46, 61, 11, 41, 52, 49, 49, 38, 55, 56, 11, 38, 51, 41, 11, 56, 42, 59, 42, 51, 11, 38, 44, 42, 51, 57, 56, 7, 148}));
  }

  @ParameterizedTest
  @MethodSource("tensorFlowTtsCases")
  void idsAreTensorFlowTtsIds(String text, String cleaned, int[] ids) {
    assertThat(LjSpeechProcessor.ljspeech().textToSequence(text), equalTo(ids));
  }

  @ParameterizedTest
  @MethodSource("tensorFlowTtsCases")
  void cleanedTextIsEnglishCleanersText(String text, String cleaned, int[] ids) {
    assertThat(EnglishCleaners.clean(text), equalTo(cleaned));
  }

  @Test
  void tableHas149SymbolsInTensorFlowTtsOrder() {
    var symbols = LjSpeechSymbols.SYMBOLS;
    assertThat(symbols.size(), is(149));
    assertThat(symbols.get(0), is("pad"));
    assertThat(symbols.get(1), is("-"));
    assertThat(String.join("", symbols.subList(2, 12)), is("!'(),.:;? "));
    assertThat(symbols.get(12), is("A"));
    assertThat(symbols.get(38), is("a"));
    assertThat(symbols.get(64), is("@AA"));
    assertThat(symbols.get(147), is("@ZH"));
    assertThat(LjSpeechSymbols.eosId(), is(148));
  }

  @Test
  void mapperRoundTripsAndAnotherTableIsRefused(@TempDir Path dir) throws IOException {
    Path mapper = dir.resolve("mapper.json");
    LjSpeechProcessor.writeMapper(mapper);
    assertThat(
        LjSpeechProcessor.fromMapper(mapper).textToSequence("Hi."),
        equalTo(new int[] {45, 46, 7, 148}));

    Files.writeString(mapper, Files.readString(mapper).replace("\"eos\" : 148", "\"eos\" : 149"));
    IOException e = assertThrows(IOException.class, () -> LjSpeechProcessor.fromMapper(mapper));
    assertThat(e.getMessage(), containsString("maps 'eos' to 149, not to 148"));

    Files.writeString(mapper, "{\"id_to_symbol\": {}}");
    e = assertThrows(IOException.class, () -> LjSpeechProcessor.fromMapper(mapper));
    assertThat(e.getMessage(), containsString("no symbol_to_id"));
  }
}
