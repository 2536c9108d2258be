package dev.lullabeam.pipeline.catalogue;

import dev.lullabeam.values.EpisodeRequest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.lullabeam.values.EpisodeOutcome;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogueParserTest {

  private static final Set<String> TOPICS_WITH_BACKGROUNDS = Set.of("sea", "night-forest", "rain");
  private static final Set<String> KNOWN_VOICES = Set.of("cmu-slt-hsmm", "dfki-prudence");
  private static final CatalogueParser PARSER =
      new CatalogueParser(TOPICS_WITH_BACKGROUNDS::contains, KNOWN_VOICES::contains);

  /** Every column the parser knows, so a bad-row fixture can put a wrong value in any of them. */
  private static final String FULL_HEADER = "id,topic,title,prompt,story,seed,voice";
  private static final String GOOD_ROW_BEFORE = "before,sea,,,The tide comes in.,,";
  private static final String GOOD_ROW_AFTER = "after,sea,,,The tide goes out.,,";
  private static final EpisodeRequest EPISODE_BEFORE =
      written("before", 2, "sea", "The tide comes in.", 1);
  private static final EpisodeRequest EPISODE_AFTER =
      written("after", 4, "sea", "The tide goes out.", 2);

  private static final String STORY_AT_LIMIT = "z".repeat(CatalogueParser.MAX_STORY_CHARS);
  private static final String STORY_OVER_LIMIT = "z".repeat(CatalogueParser.MAX_STORY_CHARS + 1);
  private static final String PROMPT_OVER_LIMIT = "p".repeat(CatalogueParser.MAX_PROMPT_CHARS + 1);
  private static final String SHORT_FIELD_OVER_LIMIT =
      "s".repeat(CatalogueParser.MAX_SHORT_FIELD_CHARS + 1);
  private static final String ID_OF_64_CHARS = "i".repeat(64);
  private static final String ID_OF_65_CHARS = "i".repeat(65);

  // ---------------------------------------------------------------- well-formed catalogues

  static Stream<Arguments> wellFormedCatalogues() {
    return Stream.of(
        arguments(
            "quoted comma",
            "id,topic,story\na,sea,\"One, two, three.\"\n",
            List.of(written("a", 2, "sea", "One, two, three.", 1))),
        arguments(
            "doubled quotes",
            "id,topic,story\na,sea,\"She said \"\"hush\"\" softly.\"\n",
            List.of(written("a", 2, "sea", "She said \"hush\" softly.", 1))),
        arguments(
            "a field that is only a doubled quote",
            "id,topic,story\na,sea,\"\"\"\"\n",
            List.of(written("a", 2, "sea", "\"", 1))),
        arguments(
            "newline inside quotes: the row is at the line it starts, the next row after it",
            "id,topic,story\na,sea,\"Line one.\nLine two.\nLine three.\"\nb,sea,Two.\n",
            List.of(
                written("a", 2, "sea", "Line one.\nLine two.\nLine three.", 1),
                written("b", 5, "sea", "Two.", 2))),
        arguments(
            "a blank line inside quotes is text, not a skipped line",
            "id,topic,story\na,sea,\"Part one.\n\nPart two.\"\nb,sea,Two.\n",
            List.of(
                written("a", 2, "sea", "Part one.\n\nPart two.", 1),
                written("b", 5, "sea", "Two.", 2))),
        arguments(
            "multi-line rows one after another",
            "id,topic,story\na,sea,\"1\n2\"\nb,rain,\"3\n4\n5\"\nc,sea,Six.\n",
            List.of(
                written("a", 2, "sea", "1\n2", 1),
                written("b", 4, "rain", "3\n4\n5", 2),
                written("c", 7, "sea", "Six.", 3))),
        arguments(
            "non-ASCII text before a multi-line field keeps line numbers",
            "id,topic,story\na,sea,Grüße 🦊 aus dem Wald.\n"
                + "b,sea,\"Ünïcödé 🦊\nschläft.\"\nc,sea,Drei.\n",
            List.of(
                written("a", 2, "sea", "Grüße 🦊 aus dem Wald.", 1),
                written("b", 3, "sea", "Ünïcödé 🦊\nschläft.", 2),
                written("c", 5, "sea", "Drei.", 3))),
        arguments(
            "UTF-8 byte order mark before the header",
            "\uFEFFid,topic,story\na,sea,One.\n",
            List.of(written("a", 2, "sea", "One.", 1))),
        arguments(
            "CRLF line ends, also inside quotes",
            "id,topic,story\r\na,sea,\"Line one.\r\nLine two.\"\r\nb,sea,Two.\r\n",
            List.of(
                written("a", 2, "sea", "Line one.\nLine two.", 1),
                written("b", 4, "sea", "Two.", 2))),
        arguments(
            "old Mac CR line ends",
            "id,topic,story\ra,sea,One.\rb,sea,Two.\r",
            List.of(written("a", 2, "sea", "One.", 1), written("b", 3, "sea", "Two.", 2))),
        arguments(
            "mixed CRLF, LF and CR",
            "id,topic,story\r\na,sea,One.\nb,sea,\"x\r\ny\"\rc,sea,Three.\r\n",
            List.of(
                written("a", 2, "sea", "One.", 1),
                written("b", 3, "sea", "x\ny", 2),
                written("c", 5, "sea", "Three.", 3))),
        arguments(
            "blank lines before, between and after rows are skipped but counted",
            "id,topic,story\n\na,sea,One.\n\n\nb,sea,Two.\n\n",
            List.of(written("a", 3, "sea", "One.", 1), written("b", 6, "sea", "Two.", 2))),
        arguments(
            "no line end after the last row",
            "id,topic,story\na,sea,One.",
            List.of(written("a", 2, "sea", "One.", 1))),
        arguments(
            "header names in any case, padded with spaces",
            " ID , Topic ,STORY \na,sea,One.\n",
            List.of(written("a", 2, "sea", "One.", 1))),
        arguments(
            "columns in another order",
            "story,topic,id\nOne.,sea,a\n",
            List.of(written("a", 2, "sea", "One.", 1))),
        arguments(
            "unknown columns are ignored",
            "notes,id,topic,mood,story\nwarm,a,sea,calm,One.\n",
            List.of(written("a", 2, "sea", "One.", 1))),
        arguments(
            "fields are trimmed",
            "id,topic,story\n a ,  sea , One. \n",
            List.of(written("a", 2, "sea", "One.", 1))),
        arguments(
            "topic normalised before it is matched to a background",
            "id,topic,story\na,Night Forest,One.\nb,NIGHT_FOREST,Two.\n",
            List.of(
                written("a", 2, "night-forest", "One.", 1),
                written("b", 3, "night-forest", "Two.", 2))),
        arguments(
            "prompt instead of story",
            "id,topic,prompt\na,sea,A fox who counts waves.\n",
            List.of(
                new EpisodeRequest(
                    "a", 2, "sea", null, "A fox who counts waves.", null, null, null, 1))),
        arguments(
            "all optional columns given",
            FULL_HEADER + "\na,sea,The Tide,A prompt.,A story.,42,dfki-prudence\n",
            List.of(
                new EpisodeRequest(
                    "a", 2, "sea", "The Tide", "A prompt.", "A story.", 42L, "dfki-prudence", 1))),
        arguments(
            "optional columns present but empty read as absent",
            FULL_HEADER + "\na,sea,,,A story.,,\n",
            List.of(written("a", 2, "sea", "A story.", 1))),
        arguments(
            "negative seed and padded seed",
            "id,topic,story,seed\na,sea,One.,-7\nb,sea,Two., 12 \n",
            List.of(
                new EpisodeRequest("a", 2, "sea", null, null, "One.", -7L, null, 1),
                new EpisodeRequest("b", 3, "sea", null, null, "Two.", 12L, null, 2))),
        arguments(
            "id of 64 characters, underscores and dashes",
            "id,topic,story\n" + ID_OF_64_CHARS + ",sea,One.\n0_a-B,sea,Two.\n",
            List.of(
                written(ID_OF_64_CHARS, 2, "sea", "One.", 1),
                written("0_a-B", 3, "sea", "Two.", 2))),
        arguments(
            "story of exactly the maximum length",
            "id,topic,story\na,sea," + STORY_AT_LIMIT + "\n",
            List.of(written("a", 2, "sea", STORY_AT_LIMIT, 1))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormedCatalogues")
  void readsWellFormedCatalogues(
      String description, String catalogue, List<EpisodeRequest> expected) throws Exception {
    CatalogueParser.Result result = PARSER.parse(catalogue);

    assertThat(result.badRows, is(empty()));
    assertThat(result.episodes, is(expected));
  }

  // ---------------------------------------------------------------- one bad row among good ones

  static Stream<Arguments> badRows() {
    return Stream.of(
        arguments("empty id", ",sea,,,A story.,,", null, "missing id"),
        arguments("blank id", "   ,sea,,,A story.,,", null, "missing id"),
        arguments(
            "id with a space", "two words,sea,,,A story.,,", null, "id 'two words' is not 1-64"),
        arguments("id with a slash", "a/b,sea,,,A story.,,", null, "id 'a/b' is not 1-64"),
        arguments("id with a dot", "a.mp3,sea,,,A story.,,", null, "id 'a.mp3' is not 1-64"),
        arguments("id of 65 characters", ID_OF_65_CHARS + ",sea,,,A story.,,", null, "is not 1-64"),
        arguments("id with a leading dash", "-a,sea,,,A story.,,", null, "id '-a' is not 1-64"),
        arguments(
            "id with a leading underscore", "_a,sea,,,A story.,,", null, "id '_a' is not 1-64"),
        arguments("empty topic", "x,,,,A story.,,", "x", "missing topic"),
        arguments(
            "topic without a background",
            "x,Volcano Island,,,A story.,,",
            "x",
            "no background for topic 'Volcano Island'"),
        arguments(
            "neither prompt nor story", "x,sea,A Title,,,,", "x", "neither a story nor a prompt"),
        arguments(
            "story over 20,000 characters",
            "x,sea,,," + STORY_OVER_LIMIT + ",,",
            "x",
            "story is 20001 characters, over the limit of 20000"),
        arguments(
            "prompt over 4,000 characters",
            "x,sea,," + PROMPT_OVER_LIMIT + ",,,",
            "x",
            "prompt is 4001 characters, over the limit of 4000"),
        arguments(
            "title over 300 characters",
            "x,sea," + SHORT_FIELD_OVER_LIMIT + ",,A story.,,",
            "x",
            "title is 301 characters, over the limit of 300"),
        arguments(
            "topic over 300 characters",
            "x," + SHORT_FIELD_OVER_LIMIT + ",,,A story.,,",
            "x",
            "topic is 301 characters, over the limit of 300"),
        arguments(
            "voice over 300 characters",
            "x,sea,,,A story.,," + SHORT_FIELD_OVER_LIMIT,
            "x",
            "voice is 301 characters, over the limit of 300"),
        arguments(
            "seed that is a word",
            "x,sea,,,A story.,seven,",
            "x",
            "seed 'seven' is not a whole number"),
        arguments(
            "seed with a fraction",
            "x,sea,,,A story.,1.5,",
            "x",
            "seed '1.5' is not a whole number"),
        arguments("unknown voice", "x,sea,,,A story.,,robot", "x", "unknown voice 'robot'"),
        arguments(
            "too few fields",
            "x,sea,A story.",
            "x",
            "expected 7 fields as in the header, found 3"),
        arguments(
            "too many fields",
            "x,sea,,,A story.,,,surplus",
            "x",
            "expected 7 fields as in the header, found 8"),
        arguments(
            "too few fields and an invalid id",
            "a b,sea",
            null,
            "expected 7 fields as in the header, found 2"),
        arguments(
            "text after a closing quote",
            "x,sea,,,\"A story\" told twice,,",
            "x",
            "malformed CSV: text follows a closing quote"),
        arguments(
            "an unquoted field holding a quote is read as it is",
            "x,sea,,,A \"story,,robot",
            "x",
            "unknown voice 'robot'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRows")
  void reportsABadRowAtItsLineAndReadsTheRowsAroundIt(
      String description, String badRow, @Nullable String expectedId, String expectedReason)
      throws Exception {
    String catalogue = lines(FULL_HEADER, GOOD_ROW_BEFORE, badRow, GOOD_ROW_AFTER);

    CatalogueParser.Result result = PARSER.parse(catalogue);

    assertThat(result.episodes, contains(EPISODE_BEFORE, EPISODE_AFTER));
    assertThat(result.badRows, hasSize(1));
    EpisodeOutcome bad = result.badRows.get(0);
    assertThat(bad.status(), is(EpisodeOutcome.Status.BAD_ROW));
    assertThat(bad.line(), is(3L));
    assertThat(bad.id(), is(expectedId));
    assertThat(bad.reason(), containsString(expectedReason));
  }

  @Test
  void aRepeatedIdIsABadRowNamingTheFirstLineAndTheFirstRowWins() throws Exception {
    String catalogue =
        lines("id,topic,story", "fox,sea,First fox.", "owl,sea,Owl.", "fox,rain,Second fox.");

    CatalogueParser.Result result = PARSER.parse(catalogue);

    assertThat(
        result.episodes,
        contains(written("fox", 2, "sea", "First fox.", 1), written("owl", 3, "sea", "Owl.", 2)));
    assertThat(
        result.badRows,
        contains(EpisodeOutcome.badRow("fox", 4, "id 'fox' repeats the row at line 2")));
  }

  @Test
  void aPubDateColumnDatesItsEpisodesAndABadDateIsABadRow() throws Exception {
    String catalogue =
        lines("id,topic,story,pub_date", "fox,sea,Fox.,2026-12-24", "owl,sea,Owl.,", "cat,sea,Cat.,24/12/2026");

    CatalogueParser.Result result = PARSER.parse(catalogue);

    assertThat(result.episodes, contains(written("fox", 2, "sea", "Fox.", 1), written("owl", 3, "sea", "Owl.", 2)));
    assertThat(result.pubDates, org.hamcrest.Matchers.equalTo(java.util.Map.of("fox", "2026-12-24")));
    assertThat(
        result.badRows,
        contains(EpisodeOutcome.badRow("cat", 4, "pub_date '24/12/2026' is not a date YYYY-MM-DD")));
  }

  @Test
  void trackNumbersCountGoodRowsFromOneSkippingBadRows() throws Exception {
    String catalogue =
        lines(
            "id,topic,story",
            "bad-topic,nowhere,x",
            "one,sea,One.",
            ",sea,no id",
            "two,sea,Two.",
            "three,sea,Three.");

    CatalogueParser.Result result = PARSER.parse(catalogue);

    assertThat(
        result.episodes.stream().map(EpisodeRequest::trackNumber).toList(), contains(1, 2, 3));
    assertThat(
        result.episodes.stream().map(EpisodeRequest::id).toList(), contains("one", "two", "three"));
  }

  // ---------------------------------------------------------------- malformed CSV records

  @Test
  void anUnterminatedQuoteMidFileIsReportedAtItsLineAndTheRowsAfterItAreRead() throws Exception {
    String catalogue =
        lines(
            "id,topic,story",
            "a,sea,One.",
            "b,sea,\"Never closed.",
            "c,sea,Three.",
            "d,sea,Four.");

    CatalogueParser.Result result = PARSER.parse(catalogue);

    assertThat(
        result.badRows,
        contains(EpisodeOutcome.badRow("b", 3, "malformed CSV: a quoted field is never closed")));
    assertThat(
        result.episodes,
        contains(
            written("a", 2, "sea", "One.", 1),
            written("c", 4, "sea", "Three.", 2),
            written("d", 5, "sea", "Four.", 3)));
  }

  @Test
  void anUnterminatedQuoteRunningIntoALaterQuotedFieldIsReportedWhereItOpens() throws Exception {
    String catalogue =
        lines(
            "id,topic,story",
            "a,sea,One.",
            "b,sea,\"Never closed.",
            "c,sea,Three.",
            "d,sea,\"Four, quoted.\"",
            "e,sea,Five.");

    CatalogueParser.Result result = PARSER.parse(catalogue);

    assertThat(result.badRows, hasSize(1));
    EpisodeOutcome bad = result.badRows.get(0);
    assertThat(bad.id(), is("b"));
    assertThat(bad.line(), is(3L));
    // The quote opened on line 3 is only "closed" by the one opening line 5's field.
    assertThat(
        bad.reason(),
        allOf(
            containsString("malformed CSV: a quoted field runs on from this line to line 5"),
            not(containsString("CSVException"))));
    assertThat(
        result.episodes,
        contains(
            written("a", 2, "sea", "One.", 1),
            written("c", 4, "sea", "Three.", 2),
            written("d", 5, "sea", "Four, quoted.", 3),
            written("e", 6, "sea", "Five.", 4)));
  }

  @Test
  void anUnterminatedQuoteInTheLastRowIsReported() throws Exception {
    String catalogue = lines("id,topic,story", "a,sea,One.", "b,sea,\"Never closed.");

    CatalogueParser.Result result = PARSER.parse(catalogue);

    assertThat(result.episodes, contains(written("a", 2, "sea", "One.", 1)));
    assertThat(
        result.badRows,
        contains(EpisodeOutcome.badRow("b", 3, "malformed CSV: a quoted field is never closed")));
  }

  @Test
  void severalMalformedRowsAreEachReportedAtTheirOwnLine() throws Exception {
    String catalogue =
        lines(
            "id,topic,story",
            "a,sea,\"Multi",
            "line.\"",
            "b,sea,\"Closed\" then text",
            "",
            "c,sea,Three.",
            "d,sea,\"Never closed.",
            "",
            "e,sea,Five.");

    CatalogueParser.Result result = PARSER.parse(catalogue);

    assertThat(
        result.badRows,
        contains(
            EpisodeOutcome.badRow(
                "b",
                4,
                "malformed CSV: text follows a closing quote"
                    + " (a quote inside a field must be doubled)"),
            EpisodeOutcome.badRow("d", 7, "malformed CSV: a quoted field is never closed")));
    assertThat(
        result.episodes,
        contains(
            written("a", 2, "sea", "Multi\nline.", 1),
            written("c", 6, "sea", "Three.", 2),
            written("e", 9, "sea", "Five.", 3)));
  }

  @Test
  void aMalformedFirstRowDoesNotStopTheRest() throws Exception {
    String catalogue = lines("id,topic,story", "a,sea,\"One\"!", "b,sea,Two.");

    CatalogueParser.Result result = PARSER.parse(catalogue);

    assertThat(result.badRows, hasSize(1));
    assertThat(result.badRows.get(0).line(), is(2L));
    assertThat(result.badRows.get(0).id(), is("a"));
    assertThat(result.episodes, contains(written("b", 3, "sea", "Two.", 1)));
  }

  @Test
  void aMalformedRowWhoseFirstFieldIsNotAnIdIsReportedWithoutOne() throws Exception {
    String catalogue = lines("id,topic,story", "no id here,sea,\"Open", "b,sea,Two.");

    CatalogueParser.Result result = PARSER.parse(catalogue);

    assertThat(result.badRows, hasSize(1));
    assertThat(result.badRows.get(0).id(), is(nullValue()));
    assertThat(result.badRows.get(0).line(), is(2L));
    assertThat(result.episodes, contains(written("b", 3, "sea", "Two.", 1)));
  }

  // ---------------------------------------------------------------- catalogues without good rows

  @Test
  void aHeaderAloneGivesNoEpisodesAndNoBadRows() throws Exception {
    for (String headerOnly :
        List.of("id,topic,story", "id,topic,story\n", "id,topic,story\r\n\n\n")) {
      CatalogueParser.Result result = PARSER.parse(headerOnly);

      assertThat(headerOnly, result.episodes, is(empty()));
      assertThat(headerOnly, result.badRows, is(empty()));
    }
  }

  @Test
  void aSpreadsheetExportWithTrailingCommasAndEmptyRowsReadsCleanly() throws Exception {
    String catalogue = lines("id,topic,story,,", "a,sea,A story.,,", ",,,,", "b,sea,Another.,,", " , ,,,");

    CatalogueParser.Result result = PARSER.parse(catalogue);

    assertThat(result.episodes.stream().map(EpisodeRequest::id).toList(), contains("a", "b"));
    assertThat(result.episodes.get(1).line(), is(4L));
    assertThat(result.badRows, is(empty()));
  }

  @Test
  void aCatalogueOfOnlyBadRowsReportsEachOne() throws Exception {
    String catalogue = lines("id,topic,story", ",sea,x", "a,nowhere,x", "b,sea,");

    CatalogueParser.Result result = PARSER.parse(catalogue);

    assertThat(result.episodes, is(empty()));
    assertThat(
        result.badRows,
        contains(
            EpisodeOutcome.badRow(null, 2, "missing id"),
            EpisodeOutcome.badRow("a", 3, "no background for topic 'nowhere'"),
            EpisodeOutcome.badRow("b", 4, "neither a story nor a prompt is given")));
  }

  // ---------------------------------------------------------------- header

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          empty file                   | ``                       | it is empty
          blank first line             | `\\nid,topic,story\\n`   | it is empty
          spaces on the first line     | `   \\nid,topic,story`   | it is empty
          no id column                 | `topic,story\\n`         | lacks required column(s) id (found: topic, story)
          no topic column              | `id,story\\n`            | lacks required column(s) topic (found: id, story)
          neither prompt nor story     | `id,topic,title\\n`      | lacks required column(s) prompt or story
          none of the required columns | `title,seed\\n`          | lacks required column(s) id, topic, prompt or story
          duplicate column             | `id,topic,story,ID\\n`   | names column 'id' twice
          duplicate after trimming     | `id,topic, Story ,story` | names column 'story' twice
          empty column name            | `id,,topic,story\\n`     | empty column name
          empty name after trailing    | `id,topic,,story,\\n`   | empty column name
          unterminated quote           | `id,"topic,story\\n`     | not valid CSV
          """)
  void rejectsAnUnusableHeader(String description, String catalogue, String expectedMessage) {
    String text = catalogue.replace("\\n", "\n");

    CatalogueParser.HeaderException fromReadHeader =
        assertThrows(CatalogueParser.HeaderException.class, () -> CatalogueParser.readHeader(text));
    CatalogueParser.HeaderException fromParse =
        assertThrows(CatalogueParser.HeaderException.class, () -> PARSER.parse(text));

    assertThat(fromReadHeader.getMessage(), containsString(expectedMessage));
    assertThat(fromParse.getMessage(), is(fromReadHeader.getMessage()));
  }

  @Test
  void readHeaderReturnsTrimmedLowerCaseColumnsInOrder() throws Exception {
    List<String> columns =
        CatalogueParser.readHeader("\uFEFF ID ,Topic,\"Story\", Mood \r\na,sea,One.,calm\r\n");

    assertThat(columns, contains("id", "topic", "story", "mood"));
  }

  // ---------------------------------------------------------------- topics

  @ParameterizedTest(name = "\"{0}\" → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          Night Forest        | night-forest
          night_forest        | night-forest
          night-forest        | night-forest
          NIGHT   FOREST      | night-forest
          ` night forest `    | night-forest
          `night\\tforest`    | night-forest
          night__ _forest     | night-forest
          Sea                 | sea
          """)
  void normalisesTopics(String topic, String expected) {
    assertThat(dev.lullabeam.lib.backgrounds.Background.normaliseTopic(topic.replace("\\t", "\t")), is(expected));
  }

  // ---------------------------------------------------------------- helpers

  private static EpisodeRequest written(
      String id, long line, String topic, String story, int trackNumber) {
    return new EpisodeRequest(id, line, topic, null, null, story, null, null, trackNumber);
  }

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }
}
