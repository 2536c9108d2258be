package dev.lullabeam.pipeline.catalogue;

import dev.lullabeam.lib.backgrounds.Background;
import dev.lullabeam.lib.pace.Pace;
import dev.lullabeam.values.EpisodeRequest;

import dev.lullabeam.values.EpisodeOutcome;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a season catalogue: RFC 4180 CSV with a header naming the columns, UTF-8 with or without
 * BOM, CRLF or LF line ends. Good rows become {@link EpisodeRequest}s; every other row becomes a
 * {@code bad_row} outcome naming the line and the reason. A malformed record (an unterminated
 * quote, text after a closing quote) costs only that record: parsing resumes on the next line.
 */
public final class CatalogueParser {

  public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  public static final int MAX_STORY_CHARS = 20_000;
  public static final int MAX_PROMPT_CHARS = 4_000;
  public static final int MAX_SHORT_FIELD_CHARS = 300;

  static final String ID = "id";
  static final String TOPIC = "topic";
  static final String PROMPT = "prompt";
  static final String STORY = "story";
  static final String BRIEF = "brief";
  static final String TITLE = "title";
  static final String SEED = "seed";
  static final String VOICE = "voice";
  /** Optional: the episode's publication date in the feed, YYYY-MM-DD (docs/publishing.md). */
  static final String PUB_DATE = "pub_date";
  static final String WPM = "wpm";
  static final String MINUTES = "minutes";

  private final Predicate<String> knownTopic;
  private final Predicate<String> knownVoice;

  /**
   * @param knownTopic whether a (normalised) topic has a background
   * @param knownVoice whether a voice name in the {@code voice} column exists
   */
  public CatalogueParser(Predicate<String> knownTopic, Predicate<String> knownVoice) {
    this.knownTopic = knownTopic;
    this.knownVoice = knownVoice;
  }

  /** The outcome of parsing one catalogue file. */
  public static final class Result {
    public final List<EpisodeRequest> episodes = new ArrayList<>();
    public final List<EpisodeOutcome> badRows = new ArrayList<>();
    /** Episode id → its {@code pub_date} (YYYY-MM-DD), for the rows that give one. */
    public final Map<String, String> pubDates = new HashMap<>();
  }

  /** Thrown when the catalogue has no usable header: nothing in it can be read. */
  public static final class HeaderException extends Exception {
    private static final long serialVersionUID = 1L;

    public HeaderException(String message) {
      super(message);
    }
  }

  /** Checks the header alone; returns the column names in order, lower-cased. */
  public static List<String> readHeader(String text) throws HeaderException {
    String normalised = normaliseLineEnds(stripBom(text));
    int end = normalised.indexOf('\n');
    String firstLine = end < 0 ? normalised : normalised.substring(0, end);
    if (firstLine.isBlank()) {
      throw new HeaderException("the first line must be a header naming the columns, but it is empty");
    }
    List<String> columns = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(firstLine, CSVFormat.RFC4180)) {
      for (String name : parser.iterator().next()) {
        columns.add(name.trim().toLowerCase(Locale.ROOT));
      }
    } catch (IOException | UncheckedIOException e) {
      throw new HeaderException("the header line is not valid CSV: " + e.getMessage());
    }
    // Spreadsheets often export a trailing comma: empty names at the end are unused columns.
    int used = columns.size();
    while (used > 0 && columns.get(used - 1).isEmpty()) {
      used--;
      columns.set(used, "(unnamed " + (used + 1) + ")");
    }
    Set<String> seen = new java.util.HashSet<>();
    for (String column : columns.subList(0, used)) {
      if (column.isEmpty()) {
        throw new HeaderException("the header has an empty column name");
      }
      if (!seen.add(column)) {
        throw new HeaderException("the header names column '" + column + "' twice");
      }
    }
    List<String> missing = new ArrayList<>();
    if (!columns.contains(ID)) {
      missing.add(ID);
    }
    if (!columns.contains(TOPIC)) {
      missing.add(TOPIC);
    }
    if (!columns.contains(PROMPT) && !columns.contains(STORY) && !columns.contains(BRIEF)) {
      missing.add("prompt or story (or brief)");
    }
    if (!missing.isEmpty()) {
      throw new HeaderException(
          "the header lacks required column(s) "
              + String.join(", ", missing)
              + " (found: "
              + String.join(", ", columns)
              + ")");
    }
    return columns;
  }

  public Result parse(String text) throws HeaderException {
    String normalised = normaliseLineEnds(stripBom(text));
    List<String> header = readHeader(normalised);
    Result result = new Result();
    Map<String, Long> firstLineOfId = new HashMap<>();

    int headerEnd = normalised.indexOf('\n');
    if (headerEnd < 0) {
      return result;
    }
    long segmentFirstLine = 2;
    String segment = normalised.substring(headerEnd + 1);
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setHeader(header.toArray(new String[0]))
            .setSkipHeaderRecord(false)
            .setIgnoreEmptyLines(true)
            .get();
    while (true) {
      LineIndex lines = new LineIndex(segment);
      long consumedLines = 0;
      long failedOnLine = 0;
      Exception failure;
      try (CSVParser parser = CSVParser.parse(new StringReader(segment), format)) {
        Iterator<CSVRecord> records = parser.iterator();
        try {
          while (records.hasNext()) {
            CSVRecord record = records.next();
            consumedLines = parser.getCurrentLineNumber();
            long line = segmentFirstLine + lines.lineOfRecordAt(record.getCharacterPosition());
            readRecord(record, header, line, firstLineOfId, result);
          }
          return result;
        } catch (UncheckedIOException e) {
          failure = e;
          failedOnLine = segmentFirstLine + parser.getCurrentLineNumber() - 1;
        }
      } catch (IOException e) {
        failure = e;
      }
      // The record after the last good one is malformed. Report it and resume on the next line.
      int badLineInSegment = lines.firstNonBlankLineFrom((int) consumedLines);
      if (badLineInSegment < 0) {
        return result;
      }
      long badLine = segmentFirstLine + badLineInSegment;
      result.badRows.add(
          EpisodeOutcome.badRow(
              guessId(lines.line(badLineInSegment)),
              badLine,
              "malformed CSV: " + describe(failure, badLine, failedOnLine)));
      int resume = lines.startOfLine(badLineInSegment + 1);
      if (resume < 0) {
        return result;
      }
      segment = segment.substring(resume);
      segmentFirstLine = badLine + 1;
    }
  }

  private void readRecord(
      CSVRecord record,
      List<String> header,
      long line,
      Map<String, Long> firstLineOfId,
      Result result) {
    if (record.stream().allMatch(String::isBlank)) {
      return; // a row of empty cells, as spreadsheets leave behind: not a row at all
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(record.size(), header.size()); i++) {
      fields.put(header.get(i), record.get(i).trim());
    }
    String id = fields.getOrDefault(ID, "");
    String idForReport = ID_PATTERN.matcher(id).matches() ? id : null;
    if (record.size() != header.size()) {
      result.badRows.add(
          EpisodeOutcome.badRow(
              idForReport,
              line,
              "expected " + header.size() + " fields as in the header, found " + record.size()));
      return;
    }
    String problem = check(fields);
    if (problem == null && firstLineOfId.containsKey(id)) {
      problem = "id '" + id + "' repeats the row at line " + firstLineOfId.get(id);
    }
    if (problem != null) {
      result.badRows.add(EpisodeOutcome.badRow(idForReport, line, problem));
      return;
    }
    firstLineOfId.put(id, line);
    String pubDate = emptyToNull(fields.get(PUB_DATE));
    if (pubDate != null) {
      result.pubDates.put(id, pubDate);
    }
    String seedText = emptyToNull(fields.get(SEED));
    result.episodes.add(
        new EpisodeRequest(
            id,
            line,
            Background.normaliseTopic(fields.get(TOPIC)),
            emptyToNull(fields.get(TITLE)),
            emptyToNull(fields.get(PROMPT)),
            emptyToNull(fields.get(STORY)),
            seedText == null ? null : Long.parseLong(seedText),
            emptyToNull(fields.get(VOICE)),
            result.episodes.size() + 1)
            .withPace(number(fields.get(WPM)), number(fields.get(MINUTES)))
            // A brief is used only when the row gives neither story nor prompt.
            .withBrief(fields.getOrDefault(STORY, "").isEmpty() && fields.getOrDefault(PROMPT, "").isEmpty()
                ? emptyToNull(fields.get(BRIEF)) : null));
  }

  private static Double number(String text) {
    String value = emptyToNull(text);
    return value == null ? null : Double.valueOf(value.trim());
  }

  /** Returns why a row is bad, or null when it is good (apart from duplicate ids). */
  private String check(Map<String, String> fields) {
    String id = fields.getOrDefault(ID, "");
    if (id.isEmpty()) {
      return "missing id";
    }
    if (!ID_PATTERN.matcher(id).matches()) {
      return "id '"
          + abbreviate(id)
          + "' is not 1-64 letters, digits, '_' or '-' starting with a letter or digit";
    }
    String topic = fields.getOrDefault(TOPIC, "");
    if (topic.isEmpty()) {
      return "missing topic";
    }
    String story = fields.getOrDefault(STORY, "");
    String prompt = fields.getOrDefault(PROMPT, "");
    String brief = fields.getOrDefault(BRIEF, "");
    if (story.isEmpty() && prompt.isEmpty() && brief.isEmpty()) {
      return fields.containsKey(BRIEF) ? "neither a story, a prompt nor a brief is given"
          : "neither a story nor a prompt is given";
    }
    if (brief.length() > MAX_PROMPT_CHARS) {
      return "brief is " + brief.length() + " characters, over the limit of " + MAX_PROMPT_CHARS;
    }
    if (story.length() > MAX_STORY_CHARS) {
      return "story is " + story.length() + " characters, over the limit of " + MAX_STORY_CHARS;
    }
    if (prompt.length() > MAX_PROMPT_CHARS) {
      return "prompt is " + prompt.length() + " characters, over the limit of " + MAX_PROMPT_CHARS;
    }
    for (String column : List.of(TOPIC, TITLE, SEED, VOICE, PUB_DATE, WPM, MINUTES)) {
      String value = fields.getOrDefault(column, "");
      if (value.length() > MAX_SHORT_FIELD_CHARS) {
        return column
            + " is "
            + value.length()
            + " characters, over the limit of "
            + MAX_SHORT_FIELD_CHARS;
      }
    }
    if (!knownTopic.test(Background.normaliseTopic(topic))) {
      return "no background for topic '" + topic + "'";
    }
    String seed = fields.getOrDefault(SEED, "");
    if (!seed.isEmpty()) {
      try {
        Long.parseLong(seed);
      } catch (NumberFormatException e) {
        return "seed '" + seed + "' is not a whole number";
      }
    }
    String voice = fields.getOrDefault(VOICE, "");
    if (!voice.isEmpty() && !knownVoice.test(voice)) {
      return "unknown voice '" + voice + "'";
    }
    String pubDate = fields.getOrDefault(PUB_DATE, "");
    if (!pubDate.isEmpty()) {
      try {
        java.time.LocalDate.parse(pubDate);
      } catch (java.time.format.DateTimeParseException e) {
        return "pub_date '" + pubDate + "' is not a date YYYY-MM-DD";
      }
    }
    return checkPace(fields.getOrDefault(WPM, ""), fields.getOrDefault(MINUTES, ""));
  }

  /** Why a row's {@code wpm} or {@code minutes} is unusable, or null. */
  private static String checkPace(String wpm, String minutes) {
    if (!wpm.isBlank()) {
      try {
        String problem = Pace.checkWordsPerMinute(Double.parseDouble(wpm.trim()));
        if (problem != null) {
          return "wpm: " + problem;
        }
      } catch (NumberFormatException e) {
        return "wpm '" + abbreviate(wpm) + "' is not a number";
      }
    }
    if (!minutes.isBlank()) {
      try {
        String problem = Pace.checkMinutes(Double.parseDouble(minutes.trim()));
        if (problem != null) {
          return "minutes: " + problem;
        }
      } catch (NumberFormatException e) {
        return "minutes '" + abbreviate(minutes) + "' is not a number";
      }
    }
    return null;
  }

  /**
   * Why a record could not be read, in the catalogue's terms. Commons CSV's messages differ between
   * versions and count lines from where this parse resumed, so they are matched loosely.
   */
  private static String describe(Exception e, long badLine, long failedOnLine) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    String message = String.valueOf(cause.getMessage());
    String lowerCase = message.toLowerCase(Locale.ROOT);
    if (lowerCase.contains("eof reached before encapsulated token finished")) {
      return "a quoted field is never closed";
    }
    if (lowerCase.contains("between encapsulated token and delimiter")) {
      if (failedOnLine > badLine) {
        // Most often a quote left open here, "closed" by the next quote further down.
        return "a quoted field runs on from this line to line "
            + failedOnLine
            + ", where text follows a quote (is a closing quote missing?)";
      }
      return "text follows a closing quote (a quote inside a field must be doubled)";
    }
    return message.replaceAll("\\s+", " ");
  }

  /** The id of a malformed record, when its first field still looks like one. */
  private static String guessId(String line) {
    int comma = line.indexOf(',');
    String first = (comma < 0 ? line : line.substring(0, comma)).trim();
    return ID_PATTERN.matcher(first).matches() ? first : null;
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 37) + "...";
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  static String stripBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  static String normaliseLineEnds(String text) {
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }

  /** Line starts of a text whose line ends are all '\n'. Lines are numbered from 0. */
  private static final class LineIndex {
    private final String text;
    private final List<Integer> starts = new ArrayList<>();

    LineIndex(String text) {
      this.text = text;
      starts.add(0);
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n' && i + 1 < text.length()) {
          starts.add(i + 1);
        }
      }
    }

    /**
     * The line a record starts on. Commons CSV gives a record's position before the empty lines it
     * skips, so those are stepped over first.
     */
    int lineOfRecordAt(long position) {
      int start = (int) position;
      while (start < text.length() && text.charAt(start) == '\n') {
        start++;
      }
      return lineOf(start);
    }

    int lineOf(long position) {
      int low = 0;
      int high = starts.size() - 1;
      while (low < high) {
        int mid = (low + high + 1) >>> 1;
        if (starts.get(mid) <= position) {
          low = mid;
        } else {
          high = mid - 1;
        }
      }
      return low;
    }

    int startOfLine(int line) {
      return line < starts.size() ? starts.get(line) : -1;
    }

    String line(int line) {
      int start = starts.get(line);
      int end = text.indexOf('\n', start);
      return end < 0 ? text.substring(start) : text.substring(start, end);
    }

    int firstNonBlankLineFrom(int line) {
      for (int i = line; i < starts.size(); i++) {
        if (!line(i).isBlank()) {
          return i;
        }
      }
      return -1;
    }
  }
}
