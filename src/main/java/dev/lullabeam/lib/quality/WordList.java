package dev.lullabeam.lib.quality;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A list of words and phrases matched as whole words, case-insensitively. "Whole" avoids the
 * Scunthorpe problem: an entry matches only where no letter or digit touches it, and a hyphen
 * joined to a word counts as part of it ("cock-a-doodle-doo" does not contain "cock"). A trailing
 * possessive {@code 's} still matches. Spaces inside a phrase match any run of white space.
 */
public final class WordList implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String RESOURCES = "/dev/lullabeam/lib/quality/";

  private static final WordList UNSUITABLE_EN =
      fromResources("unsuitable-words-en.txt", "unsuitable-words-en-exceptions.txt");
  private static final WordList FRIGHTENING_EN = fromResources("frightening-words-en.txt", null);
  private static final WordList FRIGHTENING_YOUNG_EN =
      fromResources("frightening-words-young-en.txt", null);

  private final List<String> entries;
  private final Pattern pattern;

  /** A list of the given entries; blank entries are ignored. */
  public WordList(List<String> entries) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String entry : entries) {
      String normal = entry.strip().toLowerCase(Locale.ROOT);
      if (!normal.isEmpty()) {
        distinct.add(normal);
      }
    }
    this.entries = List.copyOf(distinct);
    this.pattern = compile(this.entries);
  }

  /** LDNOOBW's English list (CC-BY-4.0) less the documented exceptions. */
  public static WordList unsuitableEnglish() {
    return UNSUITABLE_EN;
  }

  /** lullabeam's short list of violent or frightening words unsuitable at bedtime. */
  /**
   * Words too frightening for listeners of 3-5 on top of {@link #frighteningEnglish()}: the mild
   * peril an older child enjoys (monster, storm, lost, ...).
   */
  public static WordList frighteningForYoungEnglish() {
    return FRIGHTENING_YOUNG_EN;
  }

  public static WordList frighteningEnglish() {
    return FRIGHTENING_EN;
  }

  public List<String> entries() {
    return entries;
  }

  /** The distinct entries found in {@code text}, lower-cased, in order of first appearance. */
  public List<String> find(String text) {
    Set<String> found = new LinkedHashSet<>();
    if (pattern == null) {
      return List.of();
    }
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
    }
    return List.copyOf(found);
  }

  private static Pattern compile(List<String> entries) {
    if (entries.isEmpty()) {
      return null;
    }
    // Longest first, so that "fuck buttons" wins over "fuck" where both start at one place.
    String alternatives =
        entries.stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(e -> Pattern.quote(e).replace(" ", "\\E\\s+\\Q"))
            .collect(Collectors.joining("|"));
    String letter = "[\\p{L}\\p{N}]";
    return Pattern.compile(
        "(?<!" + letter + "|" + letter + "-)(" + alternatives + ")(?:['’]s)?(?!" + letter + "|-"
            + letter + ")",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static WordList fromResources(String listName, String exceptionsName) {
    List<String> entries = readEntries(listName);
    if (exceptionsName != null) {
      Set<String> exceptions = new HashSet<>();
      for (String line : readEntries(exceptionsName)) {
        int reason = line.indexOf(" -- ");
        exceptions.add(reason < 0 ? line : line.substring(0, reason));
      }
      entries.removeIf(exceptions::contains);
    }
    return new WordList(entries);
  }

  private static List<String> readEntries(String name) {
    List<String> entries = new ArrayList<>();
    try (InputStream in = WordList.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("word list missing from the class path: " + name);
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String entry = line.strip();
        if (!entry.isEmpty() && !entry.startsWith("#")) {
          entries.add(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read word list " + name, e);
    }
    return entries;
  }
}
