package dev.lullabeam.lib.lexicon;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A pronunciation lexicon: words and phrases said another way, applied to the text a voice is
 * given (after speech normalisation), never to the transcript.
 *
 * <p>The file is CSV (RFC 4180, read with Commons CSV): {@code word or phrase, how to say it,
 * optional voice}; a first row naming the columns ({@code word,say,voice}) is skipped, and so are
 * blank rows and rows whose first cell starts with {@code #}. Matching is whole-word (a following
 * {@code 's} still matches: "Siobhan's" → "shiv awn's"), longest phrase first, and case-aware: an
 * entry written all in lowercase matches any capitalisation, an entry with a capital letter
 * ("US", "Pip") only that exact spelling, so "US" never rewrites "us". Spaces in a phrase match any
 * run of whitespace.
 *
 * <p>ARPAbet in braces ({@code {SH IH1 V AO0 N}}) passes through to voices that read ARPAbet — the
 * Tacotron 2 voices, whose names start with {@code tacotron2} — and only such a row may hold it:
 * a row with braces that names no such voice is an error, since any other voice would read the
 * braces out as letters.
 */
public final class Lexicon implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A voice whose name starts with this reads ARPAbet in braces. */
  public static final String ARPABET_VOICE_PREFIX = "tacotron2";

  private static final Pattern ARPABET = Pattern.compile("\\{[A-Z]{1,2}[012]?(?:\\s+[A-Z]{1,2}[012]?)*\\}");
  private static final Pattern BRACES = Pattern.compile("[{}]");

  /** One row; {@code row} counts the file's CSV records from 1. */
  public record Entry(String written, String said, @Nullable String voice, long row)
      implements Serializable {}

  /** A lexicon that cannot be used, with the line at fault. */
  public static final class LexiconException extends Exception {
    private static final long serialVersionUID = 1L;

    public LexiconException(String message) {
      super(message);
    }
  }

  public static final Lexicon EMPTY = new Lexicon(List.of());

  private final List<Entry> entries;
  /** voice → its entries as one pattern, built on first use in each JVM. */
  private transient volatile Map<String, Combined> combined;

  private Lexicon(List<Entry> entries) {
    List<Entry> sorted = new ArrayList<>(entries);
    // Longest first, so "Mister Fox" is said before "Fox" could be; then rows naming a voice.
    sorted.sort(
        Comparator.comparingInt((Entry e) -> e.written().length())
            .reversed()
            .thenComparing(e -> e.voice() == null));
    this.entries = List.copyOf(sorted);
  }

  public static boolean readsArpabet(String voice) {
    return voice.startsWith(ARPABET_VOICE_PREFIX);
  }

  /**
   * Reads a lexicon.
   *
   * @param source the file's name, for messages
   * @param knownVoice whether a name in the voice column is a voice
   * @throws LexiconException naming the first unusable row
   */
  public static Lexicon parse(String csv, String source, Predicate<String> knownVoice)
      throws LexiconException {
    List<Entry> entries = new ArrayList<>();
    CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(csv), format)) {
      for (CSVRecord record : parser) {
        String first = record.get(0).strip();
        if (first.isEmpty() && record.size() == 1 || first.startsWith("#")) {
          continue;
        }
        if (record.getRecordNumber() == 1
            && List.of("word", "phrase", "written").contains(first.toLowerCase(Locale.ROOT))) {
          continue;
        }
        entries.add(entry(record, source, knownVoice));
      }
    } catch (IOException | UncheckedIOException e) {
      throw new LexiconException(source + ": not readable CSV: " + e.getMessage());
    }
    return new Lexicon(entries);
  }

  private static Entry entry(CSVRecord record, String source, Predicate<String> knownVoice)
      throws LexiconException {
    String where = source + " row " + record.getRecordNumber();
    if (record.size() < 2 || record.size() > 3) {
      throw new LexiconException(
          where + ": expected 2 or 3 fields (word or phrase, how to say it, optional voice), found "
              + record.size());
    }
    String written = record.get(0).strip();
    String said = record.get(1).strip();
    String voice = record.size() == 3 && !record.get(2).isBlank() ? record.get(2).strip() : null;
    if (written.isEmpty() || said.isEmpty()) {
      throw new LexiconException(where + ": the word and how to say it must both be given");
    }
    if (!written.matches("[\\p{L}\\p{N}][\\p{L}\\p{N}'’\\- ]*")) {
      throw new LexiconException(
          where + ": '" + written + "' is not a word or phrase (letters, digits, ' and - only)");
    }
    if (voice != null && !knownVoice.test(voice)) {
      throw new LexiconException(where + ": unknown voice '" + voice + "'");
    }
    if (BRACES.matcher(said).find()) {
      if (voice == null || !readsArpabet(voice)) {
        throw new LexiconException(
            where + ": ARPAbet in braces is only for a voice that reads it ("
                + ARPABET_VOICE_PREFIX + "…); name that voice in the third column");
      }
      if (BRACES.matcher(ARPABET.matcher(said).replaceAll("")).find()) {
        throw new LexiconException(where + ": '" + said + "' has braces that are not ARPAbet");
      }
    }
    return new Entry(written, said, voice, record.getRecordNumber());
  }

  public List<Entry> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * The text a voice is given, with every entry for that voice (or for every voice) applied in
   * one pass, so that what one entry says is never rewritten by another. Where entries overlap,
   * the longer phrase wins, and for the same phrase the row naming the voice.
   */
  public String apply(String spoken, String voice) {
    if (entries.isEmpty()) {
      return spoken;
    }
    Combined combined = byVoice().computeIfAbsent(voice, this::combine);
    if (combined == null) {
      return spoken;
    }
    Matcher m = combined.pattern.matcher(spoken);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int group = 1;
      while (m.group(group) == null) {
        group++;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(combined.said.get(group - 1)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * A fingerprint of the entries that change what {@code voice} says in these sentences (their
   * spoken forms, before the lexicon): the sorted written → said pairs that match, hashed; empty
   * when none matches. An episode records it, so that a rerun with a lexicon that says its words
   * differently makes the episode again, while edits to entries it never uses change nothing.
   */
  public String fingerprint(Iterable<String> spokenSentences, String voice) {
    if (entries.isEmpty()) {
      return "";
    }
    Combined combined = byVoice().computeIfAbsent(voice, this::combine);
    if (combined == null) {
      return "";
    }
    java.util.TreeSet<String> used = new java.util.TreeSet<>();
    for (String spoken : spokenSentences) {
      Matcher m = combined.pattern.matcher(spoken);
      while (m.find()) {
        int group = 1;
        while (m.group(group) == null) {
          group++;
        }
        used.add(combined.written.get(group - 1) + "\u0000" + combined.said.get(group - 1));
      }
    }
    if (used.isEmpty()) {
      return "";
    }
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      for (String pair : used) {
        sha.update(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Combined(Pattern pattern, List<String> written, List<String> said) {}

  private Map<String, Combined> byVoice() {
    Map<String, Combined> cache = combined;
    if (cache == null) {
      cache = new ConcurrentHashMap<>();
      combined = cache;
    }
    return cache;
  }

  /** One alternation of this voice's entries in priority order; null when none applies. */
  private Combined combine(String voice) {
    List<Entry> applicable = new ArrayList<>();
    for (Entry e : entries) {
      if (e.voice() == null || e.voice().equals(voice)) {
        applicable.add(e);
      }
    }
    if (applicable.isEmpty()) {
      return null;
    }
    StringBuilder regex = new StringBuilder();
    List<String> written = new ArrayList<>();
    List<String> said = new ArrayList<>();
    for (Entry e : applicable) {
      if (regex.length() > 0) {
        regex.append('|');
      }
      regex.append('(').append(pattern(e.written()).pattern()).append(')');
      written.add(e.written());
      said.add(e.said());
    }
    return new Combined(Pattern.compile(regex.toString()), written, said);
  }

  static Pattern pattern(String written) {
    StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}'’])");
    String[] words = written.split("\\s+");
    for (int i = 0; i < words.length; i++) {
      if (i > 0) {
        regex.append("\\s+");
      }
      regex.append(Pattern.quote(words[i]));
    }
    regex.append("(?![\\p{L}\\p{N}])");
    boolean anyCase = written.equals(written.toLowerCase(Locale.ROOT));
    // Inline flags, so that entries of either kind can share one alternation.
    return Pattern.compile(anyCase ? "(?iu:" + regex + ")" : "(?-iu:" + regex + ")");
  }
}
