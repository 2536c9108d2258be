package dev.lullabeam.lib.text;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import com.ibm.icu.text.UnicodeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SpeechNormalizerTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          There were 7 cats.                     | There were seven cats.
          It had 1,000,000 stars.                | It had one million stars.
          Count 1234567 sheep.                   | Count one million two hundred thirty-four thousand five hundred sixty-seven sheep.
          It was -5 outside.                     | It was minus five outside.
          We had 0 apples.                       | We had zero apples.
          Agent 007 slept.                       | Agent zero zero seven slept.
          Pages 10-12 were torn.                 | Pages ten to twelve were torn.
          Code 12345678901234567890 is long.     | Code one two three four five six seven eight nine zero one two three four five six seven eight nine zero is long.
          """)
  void cardinals(String text, String spoken) {
    assertThat(SpeechNormalizer.normalize(text), is(spoken));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          It was 2.5 long.             | It was two point five long.
          Pi is 3.14159.               | Pi is three point one four one five nine.
          It fell to -0.5.             | It fell to minus zero point five.
          Only .5 left.                | Only point five left.
          Version 1.2.3 shipped.       | Version one point two point three shipped.
          """)
  void decimals(String text, String spoken) {
    assertThat(SpeechNormalizer.normalize(text), is(spoken));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          It cost $3.50.               | It cost three dollars and fifty cents.
          It cost $1.                  | It cost one dollar.
          It cost $1.01.               | It cost one dollar and one cent.
          It cost $0.50.               | It cost fifty cents.
          It cost $5.00.               | It cost five dollars.
          It cost $3.5 million.        | It cost three point five million dollars.
          It cost $2bn.                | It cost two billion dollars.
          It cost £5.                  | It cost five pounds.
          It cost £1.                  | It cost one pound.
          It cost £2.50.               | It cost two pounds and fifty pence.
          It cost €10.                 | It cost ten euros.
          It cost 10 €.                | It cost ten euros.
          It cost ¥500.                | It cost five hundred yen.
          It cost 5p.                  | It cost five pence.
          It cost 1p.                  | It cost one penny.
          It cost 10¢.                 | It cost ten cents.
          It cost $1,250.              | It cost one thousand two hundred fifty dollars.
          Prices ran $5-$10.           | Prices ran five dollars to ten dollars.
          """)
  void currency(String text, String spoken) {
    assertThat(SpeechNormalizer.normalize(text), is(spoken));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          She came 1st.                | She came first.
          She came 2nd.                | She came second.
          She came 3rd.                | She came third.
          She came 22nd.               | She came twenty-second.
          She came 101st.              | She came one hundred first.
          It was his 40th birthday.    | It was his fortieth birthday.
          Sales rose 50%.              | Sales rose fifty percent.
          Sales rose 12.5 %.           | Sales rose twelve point five percent.
          It fell -3%.                 | It fell minus three percent.
          Only 5 per cent.             | Only five percent.
          """)
  void ordinalsAndPercentages(String text, String spoken) {
    assertThat(SpeechNormalizer.normalize(text), is(spoken));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          In 1999 it snowed.                  | In nineteen ninety-nine it snowed.
          Since 1905 it has rained.           | Since nineteen oh-five it has rained.
          By 2005 they had left.              | By two thousand five they had left.
          In 2024 she was born.               | In twenty twenty-four she was born.
          It happened in March 1850.          | It happened in March eighteen fifty.
          On May 5, 1850 it was sunny.        | On May fifth, eighteen fifty it was sunny.
          The castle fell in 1066.            | The castle fell in ten sixty-six.
          It was 1200 AD.                     | It was twelve hundred AD.
          From 1999-2005 they slept.          | From nineteen ninety-nine to two thousand five they slept.
          The 1990s were loud.                | The nineteen nineties were loud.
          Music of the '80s.                  | Music of the eighties.
          She climbed 1234 steps.             | She climbed one thousand two hundred thirty-four steps.
          He counted 1999 stars.              | He counted one thousand nine hundred ninety-nine stars.
          """)
  void years(String text, String spoken) {
    assertThat(SpeechNormalizer.normalize(text), is(spoken));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          Dinner at 7:30.                 | Dinner at seven thirty.
          Up at 7:05.                     | Up at seven oh five.
          Bed at 7:00.                    | Bed at seven o'clock.
          Bed at 7 p.m. sharp.            | Bed at seven P M sharp.
          Bed at 7 p.m.                   | Bed at seven P M.
          Up at 6am.                      | Up at six A M.
          Home by 10:15 PM.               | Home by ten fifteen P M.
          The train left at 19:45.        | The train left at nineteen forty-five.
          """)
  void times(String text, String spoken) {
    assertThat(SpeechNormalizer.normalize(text), is(spoken));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          It weighed 2.5 kg.          | It weighed two point five kilograms.
          It weighed 1 kg.            | It weighed one kilogram.
          It weighed 500g.            | It weighed five hundred grams.
          It weighed 3 lbs.           | It weighed three pounds.
          We walked 10 km.            | We walked ten kilometers.
          We walked 1 km.             | We walked one kilometer.
          It was 5 m tall.            | It was five meters tall.
          It was 3 cm wide.           | It was three centimeters wide.
          It was 2 mm thick.          | It was two millimeters thick.
          It held 1 l.                | It held one liter.
          It held 250 ml.             | It held two hundred fifty milliliters.
          We drove 60 mph.            | We drove sixty miles per hour.
          We drove 90 km/h.           | We drove ninety kilometers per hour.
          It was 20°C.                | It was twenty degrees Celsius.
          It was -3 °F.               | It was minus three degrees Fahrenheit.
          Turn 90°.                   | Turn ninety degrees.
          It was 6 ft tall.           | It was six feet tall.
          It took 2 hrs.              | It took two hours.
          It is 10-12 km away.        | It is ten to twelve kilometers away.
          """)
  void units(String text, String spoken) {
    assertThat(SpeechNormalizer.normalize(text), is(spoken));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          Mr. Smith slept.                      | Mister Smith slept.
          Mrs. Brown slept.                     | Missus Brown slept.
          Ms. Green slept.                      | Miz Green slept.
          Mr Smith slept.                       | Mister Smith slept.
          Dr. Jones slept.                      | Doctor Jones slept.
          They live on Elm Dr. now.             | They live on Elm Drive now.
          St. Ives is far.                      | Saint Ives is far.
          We met at St. Mark's.                 | We met at Saint Mark's.
          He lived on Baker St.                 | He lived on Baker Street.
          Prof. Plum and Capt. Hook.            | Professor Plum and Captain Hook.
          We saw Mt. Fuji.                      | We saw Mount Fuji.
          Fruit, e.g. apples.                   | Fruit, for example apples.
          Food, i.e. bread.                     | Food, that is bread.
          Apples, pears, etc.                   | Apples, pears, et cetera.
          Apples, etc. and pears.               | Apples, et cetera and pears.
          Apples, etc. Pears too.               | Apples, et cetera. Pears too.
          Cats vs. dogs.                        | Cats versus dogs.
          It was approx. 5 long.                | It was approximately five long.
          She came from the U.S.A.              | She came from the U S A.
          The U.K. is rainy.                    | The U K is rainy.
          See No. 5 and Nos. 6.                 | See number five and number six.
          I said no. 5 fell.                    | I said no. five fell.
          """)
  void abbreviations(String text, String spoken) {
    assertThat(SpeechNormalizer.normalize(text), is(spoken));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          Tom & Jerry.                  | Tom and Jerry.
          2 + 2 = 4.                    | two plus two equals four.
          Meet me @ home.               | Meet me at home.
          My #1 fan.                    | My number one fan.
          Sleep well #bedtime #sleepy.  | Sleep well bedtime sleepy.
          I like C++.                   | I like C plus plus.
          It is 5 < 6 and 7 > 3.        | It is five less than six and seven greater than three.
          About ~5 left.                | About about five left.
          Half: 1/2, 3/4 and 2/3.       | Half: one half, three quarters and two thirds.
          Open 24/7.                    | Open twenty-four seven.
          Score 10/10.                  | Score ten out of ten.
          Add ½ cup and 2½ more.        | Add one half cup and two and a half more.
          He said (quietly) no.         | He said, quietly, no.
          It is MP3.                    | It is MP three.
          A song in C# minor.           | A song in C sharp minor.
          """)
  void symbols(String text, String spoken) {
    assertThat(SpeechNormalizer.normalize(text), is(spoken));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          **Bold** and _italic_ words.                             | Bold and italic words.
          ## The Fox                                               | The Fox
          Read [the story](https://example.com/fox) now.           | Read the story now.
          Look ![a fox](fox.png) here.                             | Look here.
          <p>A <b>brave</b> fox.</p>                               | A brave fox.
          Good night 😀🎉👍🏽🇬🇧!                                      | Good night!
          Good night :) sleep well ;-)                             | Good night sleep well
          snake_case_name                                          | snake case name
          Tom &amp; Jerry                                          | Tom and Jerry
          """)
  void markupLinksAndEmojiDisappear(String text, String spoken) {
    assertThat(SpeechNormalizer.normalize(text), is(spoken));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          Hello!!!                              | Hello!
          What?!                                | What?
          Well.... maybe.                       | Well... maybe.
          Or… not.                              | Or… not.
          `“Is it raining?” she asked.`         | `"Is it raining?" she asked.`
          `‘Don’t,’ he said.`                   | `'Don't,' he said.`
          `Wait -- no - stop.`                  | `Wait — no — stop.`
          `   lots   of    space   `            | lots of space
          It was well-known.                    | It was well-known.
          Café au lait, s'il vous plaît.        | Café au lait, s'il vous plaît.
          """)
  void punctuationStaysAsProsody(String text, String spoken) {
    assertThat(SpeechNormalizer.normalize(text), is(spoken));
  }

  @ParameterizedTest(name = "[{index}] `{0}`")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          😀🎉
          ***
          ---
          <br/>
          <script>alert(1)</script>
          `\u001b[31m\u001b[0m`
          ``
          `   `
          #
          """)
  void nothingSpeakableIsEmpty(String text) {
    assertThat(SpeechNormalizer.normalize(text == null ? "" : text), is(emptyString()));
  }

  /** Text that reached the voice wrongly (issue: "Text that reaches an English voice"). */
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          `The \u001b[31mred\u001b[0m fox slept.`                      | The red fox slept.
          `Bell\u0007 and tab\there.`                                 | Bell and tab here.
          `A fox\u200b and \u202Eowl\u202C met.`                      | A fox and owl met.
          <script>alert(1)</script>The fox slept.                      | The fox slept.
          `<style>p { color: red }</style>Night fell.`                | Night fell.
          A dash&#8212;like this&#x2014;and caf&eacute; time.           | A dash — like this — and café time.
          Tom &apos;n&apos; Jerry &amp; friends&hellip;                 | Tom 'n' Jerry and friends…
          I <3 you.                                                    | I love you.
          He won $1M and then $2.5B.                                   | He won one million dollars and then two point five billion dollars.
          Louis XIV was king.                                          | Louis the fourteenth was king.
          Henry VIII and Henry V sailed.                               | Henry the eighth and Henry the fifth sailed.
          Pope John Paul II smiled.                                    | Pope John Paul the second smiled.
          Chapter IV begins.                                           | Chapter four begins.
          Part I ends. World War II ended.                             | Part one ends. World War two ended.
          I am I. Malcolm X spoke in Washington DC.                    | I am I. Malcolm X spoke in Washington DC.
          Call 555-123-4567 now.                                       | Call five five five, one two three, four five six seven now.
          Call (555) 123-4567 or 555-0199.                             | Call five five five, one two three, four five six seven or five five five, zero one nine nine.
          On 2020-12-25 it snowed.                                     | On December twenty-fifth, twenty twenty it snowed.
          On 12/25 it snowed.                                          | On December twenty-fifth it snowed.
          On 12/25/2020 it snowed.                                     | On December twenty-fifth, twenty twenty it snowed.
          On 25.12.2020 it snowed.                                     | On December twenty-fifth, twenty twenty it snowed.
          Half is 1/2 and most is 3/4.                                 | Half is one half and most is three quarters.
          It was 10:61 then.                                           | It was ten sixty-one then.
          On Jan. 5th we met.                                          | On January fifth we met.
          On Dec 25 we met, and on 4 July 1776 they signed.            | On December twenty-fifth we met, and on the fourth of July, seventeen seventy-six they signed.
          Tea w/ milk, bread w/o butter.                               | Tea with milk, bread without butter.
          1. Brush your teeth.                                         | Brush your teeth.
          2) Read a book.                                              | Read a book.
          Visit https://www.example.com/a?b=c for more.                | Visit example dot com for more.
          Or mail a@b.com and c@d.org.                                 | Or mail a at b dot com and c at d dot org.
          Write to bob.smith@example.com, please.                      | Write to bob dot smith at example dot com, please.
          Visit www.lullabeam.dev or lullabeam.org today.              | Visit lullabeam dot dev or lullabeam dot org today.
          """)
  void textThatUsedToReachTheVoiceWrongly(String text, String spoken) {
    assertThat(SpeechNormalizer.normalize(text), is(spoken));
  }

  static Stream<String> messyInputs() {
    return Stream.of(
        "**Once** upon a _time_, a fox 🦊 said: \"Visit https://fox.example/den?x=1#top!\"",
        "# Chapter 1\n\n## Part *two*\n> quoted line\n- bullet with `code`",
        "Contact fox@example.com or @foxy on www.social.example.com 👋🏾",
        "<div class=\"story\"><i>Night</i> &lt;falls&gt; <a href='http://x.org'>here</a></div>",
        "[click here](http://bad.example/path_with_underscores) __bold__ ~~gone~~",
        "#hashtag #another_one and #1 and C# and F#!",
        "Temperatures: <5°C, >30°C, 3 < 4 > 2, a->b, <<<>>>",
        "Flags 🇬🇧🇫🇷, family 👨‍👩‍👧‍👦, keycap 1️⃣, skin 👍🏻, ZWJ ‍, text ☺︎ heart ❤️",
        "email:me@x.io http:/broken https:// ftp://files.example.org/a_b",
        "under_score __init__ _lead trail_ * star * ** double ** ***",
        "Price: $5 @ store #3 * 2 = $10 & 50% off_today",
        "WWW.SHOUTING.COM and HTTPS://CAPS.EXAMPLE.COM/PATH",
        "Markdown image ![alt_text](img_1.png) and <img src=\"a.png\"> and <!-- comment -->",
        "Tabs\tand\nnewlines\r\nand\u00a0nbsp\u2003em-space 🌙✨⭐🌟");
  }

  @ParameterizedTest
  @MethodSource("messyInputs")
  void messyInputsNeverReachTheVoiceAsSymbolsLinksOrEmoji(String messy) {
    for (String spoken : new String[] {SpeechNormalizer.normalize(messy), SpeechNormalizer.strict(messy)}) {
      for (String forbidden : new String[] {"*", "#", "_", "@", "<", ">", "`", "~", "[", "]"}) {
        assertThat(spoken, not(containsString(forbidden)));
      }
      assertThat(spoken.toLowerCase(), not(containsString("http")));
      assertThat(spoken.toLowerCase(), not(containsString("www")));
      assertThat(spoken, not(containsString("  ")));
      assertThat("emoji in: " + spoken, EMOJI.containsNone(spoken), is(true));
    }
  }

  private static final UnicodeSet EMOJI =
      new UnicodeSet("[[:Extended_Pictographic:][:Emoji_Presentation:][:Emoji_Modifier:]"
              + "[:Regional_Indicator:][\\uFE0F\\u200D\\u20E3]]")
          .freeze();

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          Café naïve Ærø.                     | Cafe naive AEro.
          `“Don’t go,” she said; “stay.”`     | Dont go, she said, stay.
          It cost $3.50!                      | It cost three dollars and fifty cents!
          Twenty-two — or so…                 | Twenty two, or so...
          Привет, мир.                        | Privet, mir.
          Good night 😀 (sleep) #well         | Good night, sleep, well
          """)
  void strictLeavesOnlyAsciiLettersSpacesAndBasicPunctuation(String text, String spoken) {
    String strict = SpeechNormalizer.strict(text);
    assertThat(strict, is(spoken));
    assertThat(strict, matchesPattern("[A-Za-z .,!?]*"));
  }

  @Test
  void givesTheSameAnswerOnManyThreads() throws Exception {
    String text = "In 1999 Dr. Smith paid $3.50 for 2.5 kg at 7:30 p.m. on the 22nd, i.e. 50% off!";
    String expected = SpeechNormalizer.normalize(text);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        answers.add(pool.submit(() -> SpeechNormalizer.normalize(text)));
      }
      for (Future<String> answer : answers) {
        assertThat(answer.get(), is(expected));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void strictOfMessyInputsIsPlainAscii() {
    messyInputs()
        .map(SpeechNormalizer::strict)
        .forEach(strict -> assertThat(strict, matchesPattern("[A-Za-z .,!?]*")));
  }
}
