package dev.lullabeam.lib.quality;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Decides whether a generated story may be narrated. The story is first cut back to its last
 * complete sentence ({@link StoryTrimmer}); every check then runs on what would be read aloud, and
 * every failed check adds a reason. Pure Java, no state besides its settings: safe to share
 * between threads and to ship inside a Beam DoFn.
 */
public final class StoryGate implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Gopher's stop words (Rae et al. 2021): real English prose uses at least two of them. */
  static final Set<String> STOP_WORDS =
      Set.of("the", "be", "to", "of", "and", "that", "have", "with");

  private static final Pattern EDGE_PUNCTUATION =
      Pattern.compile("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$");

  private final GateSettings settings;
  private final VocabularyRules vocabulary; // null: none beyond the settings

  public StoryGate() {
    this(GateSettings.defaults());
  }

  public StoryGate(GateSettings settings) {
    this(settings, null);
  }

  /** @param vocabulary extra rules for a young audience (an age band), or null for none */
  public StoryGate(GateSettings settings, VocabularyRules vocabulary) {
    this.settings = settings;
    this.vocabulary = vocabulary;
  }

  /** The same gate (its vocabulary rules too) with other settings, e.g. other word bounds. */
  public StoryGate withSettings(GateSettings other) {
    return new StoryGate(other, vocabulary);
  }

  /** The extra rules for a young audience, or null. */
  public VocabularyRules vocabulary() {
    return vocabulary;
  }

  public GateSettings settings() {
    return settings;
  }

  /** Checks {@code text} as generated (it is trimmed here; the caller need not trim). */
  public GateResult check(String text) {
    String stripped = TextUnits.normaliseNewlines(text == null ? "" : text).strip();
    String story = StoryTrimmer.trimToLastSentence(stripped);
    List<String> reasons = new ArrayList<>();

    StoryScores.Ending ending = ending(stripped, story, reasons);
    StoryScores.Length length = length(story, reasons);
    RepetitionScores repetition = repetition(story, length.words(), reasons);

    Map<String, List<String>> web = WebResidue.find(story);
    web.forEach((kind, matches) -> matches.forEach(m -> reasons.add("web:" + kind + " " + quote(m))));

    List<String> unsuitable = WordList.unsuitableEnglish().find(story);
    unsuitable.forEach(w -> reasons.add("unsuitable_word:profanity " + quote(w)));
    List<String> frightening = WordList.frighteningEnglish().find(story);
    if (settings.rejectFrighteningWords()) {
      frightening.forEach(w -> reasons.add("unsuitable_word:frightening " + quote(w)));
    }
    if (vocabulary != null) {
      reasons.addAll(vocabulary.check(story));
    }

    StoryScores scores =
        new StoryScores(ending, length, repetition, web, unsuitable, frightening);
    return new GateResult(reasons.isEmpty(), reasons, scores);
  }

  private StoryScores.Ending ending(String stripped, String story, List<String> reasons) {
    boolean endsWithSentence = StoryTrimmer.endsWithSentence(stripped);
    int trimmedChars = stripped.length() - story.length();
    boolean hasSentenceEnd = endsWithSentence || trimmedChars > 0;
    double trimmedFrac = stripped.isEmpty() ? 0 : (double) trimmedChars / stripped.length();
    if (!stripped.isEmpty() && !hasSentenceEnd) {
      reasons.add("ending:no_sentence_end the text never ends a sentence with . ! ? or …");
    }
    if (trimmedFrac > settings.maxTrimmedFrac()) {
      reasons.add(
          "ending:trimmed_too_much cutting the unfinished end removed "
              + fmtAbove(trimmedFrac, settings.maxTrimmedFrac())
              + " of the text > "
              + fmt(settings.maxTrimmedFrac()));
    }
    return new StoryScores.Ending(endsWithSentence, hasSentenceEnd, trimmedChars, trimmedFrac);
  }

  private StoryScores.Length length(String story, List<String> reasons) {
    List<String> tokens = TextUnits.whitespaceWords(story);
    int alphaTokens = 0;
    int words = 0;
    long wordChars = 0;
    Set<String> stopWords = new LinkedHashSet<>();
    for (String token : tokens) {
      if (token.codePoints().anyMatch(Character::isLetter)) {
        alphaTokens++;
      }
      String word = EDGE_PUNCTUATION.matcher(token).replaceAll("");
      if (!word.isEmpty()) {
        words++;
        wordChars += word.codePointCount(0, word.length());
        String lower = word.toLowerCase(Locale.ROOT);
        if (STOP_WORDS.contains(lower)) {
          stopWords.add(lower);
        }
      }
    }
    int sentences = TextUnits.sentences(story).size();
    double alphaWordFrac = tokens.isEmpty() ? 0 : (double) alphaTokens / tokens.size();
    double meanWordLength = words == 0 ? 0 : (double) wordChars / words;

    if (words < settings.minWords()) {
      reasons.add("length:too_few_words " + words + " < " + settings.minWords());
    }
    if (words > settings.maxWords()) {
      reasons.add("length:too_many_words " + words + " > " + settings.maxWords());
    }
    if (sentences < settings.minSentences()) {
      reasons.add("length:too_few_sentences " + sentences + " < " + settings.minSentences());
    }
    if (sentences > settings.maxSentences()) {
      reasons.add("length:too_many_sentences " + sentences + " > " + settings.maxSentences());
    }
    if (!tokens.isEmpty()) {
      if (alphaWordFrac < settings.minAlphaWordFrac()) {
        reasons.add(
            "words:alpha_word_frac " + fmt(alphaWordFrac) + " < " + fmt(settings.minAlphaWordFrac()));
      }
      if (meanWordLength < settings.minMeanWordLength()) {
        reasons.add(
            "words:mean_word_length "
                + fmt(meanWordLength)
                + " < "
                + fmt(settings.minMeanWordLength()));
      }
      if (meanWordLength > settings.maxMeanWordLength()) {
        reasons.add(
            "words:mean_word_length "
                + fmt(meanWordLength)
                + " > "
                + fmt(settings.maxMeanWordLength()));
      }
      if (stopWords.size() < settings.minStopWords()) {
        reasons.add(
            "words:stop_words " + stopWords.size() + " distinct < " + settings.minStopWords());
      }
    }
    return new StoryScores.Length(
        words, sentences, alphaWordFrac, meanWordLength, List.copyOf(stopWords));
  }

  private RepetitionScores repetition(String story, int words, List<String> reasons) {
    // Shares of a handful of words are noise; such a text is already rejected for its length.
    List<String> ruleReasons = words >= settings.minWords() ? reasons : new ArrayList<>();
    double chars = Math.max(1, story.length());

    List<String> paragraphs = TextUnits.paragraphs(story);
    GopherRepetition.Duplicates dupParas = GopherRepetition.duplicates(paragraphs);
    double dupParaFrac = (double) dupParas.elements() / paragraphs.size();
    double dupParaCharFrac = dupParas.chars() / chars;

    List<String> lines = TextUnits.lines(story);
    GopherRepetition.Duplicates dupLines = GopherRepetition.duplicates(lines);
    double dupLineFrac = (double) dupLines.elements() / lines.size();
    double dupLineCharFrac = dupLines.chars() / chars;

    check(ruleReasons, "dup_para_frac", dupParaFrac, settings.maxDupParaFrac());
    check(ruleReasons, "dup_para_char_frac", dupParaCharFrac, settings.maxDupParaCharFrac());
    check(ruleReasons, "dup_line_frac", dupLineFrac, settings.maxDupLineFrac());
    check(ruleReasons, "dup_line_char_frac", dupLineCharFrac, settings.maxDupLineCharFrac());

    List<String> tokens = TextUnits.tokens(story);
    Map<Integer, Double> top = new TreeMap<>();
    settings
        .maxTopNGramCharFrac()
        .forEach(
            (n, max) -> {
              double frac = GopherRepetition.topNGramChars(tokens, n) / chars;
              top.put(n, frac);
              check(ruleReasons, "top_" + n + "_gram_char_frac", frac, max);
            });
    Map<Integer, Double> dup = new TreeMap<>();
    settings
        .maxDupNGramCharFrac()
        .forEach(
            (n, max) -> {
              double frac = GopherRepetition.duplicatedNGramChars(tokens, n) / chars;
              dup.put(n, frac);
              check(ruleReasons, "dup_" + n + "_gram_char_frac", frac, max);
            });

    SentenceRepetition.Count near =
        SentenceRepetition.count(
            TextUnits.sentences(story), settings.nearDupSentenceSimilarity());
    if (near.fraction() > settings.maxNearDupSentenceFrac()
        && near.nearDuplicates() >= settings.minNearDupSentences()) {
      ruleReasons.add(
          "repetition:near_dup_sentence_frac "
              + fmtAbove(near.fraction(), settings.maxNearDupSentenceFrac())
              + " > "
              + fmt(settings.maxNearDupSentenceFrac())
              + " ("
              + near.nearDuplicates()
              + " of "
              + near.sentences()
              + " sentences nearly repeat an earlier one)");
    }
    return new RepetitionScores(
        dupLineFrac,
        dupParaFrac,
        dupLineCharFrac,
        dupParaCharFrac,
        new TreeMap<>(top),
        new TreeMap<>(dup),
        near.sentences(),
        near.nearDuplicates(),
        near.fraction());
  }

  private static void check(List<String> reasons, String measure, double value, double max) {
    if (value > max) {
      reasons.add("repetition:" + measure + " " + fmtAbove(value, max) + " > " + fmt(max));
    }
  }

  /** {@code value} with enough decimals to show that it exceeds {@code max}: 0.251 > 0.25. */
  private static String fmtAbove(double value, double max) {
    String shown = fmt(value);
    return shown.equals(fmt(max)) ? String.format(Locale.ROOT, "%.4f", value) : shown;
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  /** A match quoted for a reason, shortened so that a pasted web page does not flood the log. */
  private static String quote(String match) {
    String oneLine = match.replaceAll("\\s+", " ");
    return "\"" + (oneLine.length() > 60 ? oneLine.substring(0, 59) + "…" : oneLine) + "\"";
  }
}
