package dev.lullabeam.pipeline.sentences;

import dev.lullabeam.lib.lexicon.Lexicon;
import dev.lullabeam.lib.text.StorySentence;
import dev.lullabeam.lib.text.StoryText;
import dev.lullabeam.lib.text.TextDecoding;
import dev.lullabeam.lib.voices.Voices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;

/** The {@code --lexicon} file, read through Beam's file systems (a local path or e.g. gs://). */
public final class LexiconFile {

  private LexiconFile() {}

  /**
   * @param path null or empty for no lexicon
   * @throws Lexicon.LexiconException when the file cannot be read or a row is unusable
   */
  public static Lexicon read(String path) throws Lexicon.LexiconException {
    if (path == null || path.isEmpty()) {
      return Lexicon.EMPTY;
    }
    byte[] bytes;
    try (InputStream in =
        Channels.newInputStream(
            FileSystems.open(FileSystems.matchSingleFileSpec(path).resourceId()))) {
      bytes = in.readAllBytes();
    } catch (IOException | IllegalArgumentException e) {
      throw new Lexicon.LexiconException("lexicon not found or unreadable: " + path);
    }
    String text;
    try {
      text = TextDecoding.decode(bytes).text();
    } catch (TextDecoding.NotText e) {
      throw new Lexicon.LexiconException("lexicon " + path + " cannot be read: " + e.getMessage());
    }
    return Lexicon.parse(text, "lexicon " + path, Voices::isKnown);
  }

  /**
   * The lexicon's fingerprint for a story as a season splits and speaks it ({@link
   * Lexicon#fingerprint}): the entries that change what {@code voice} says in it; empty for none.
   */
  public static String fingerprint(Lexicon lexicon, String story, int maxSentenceChars, String voice) {
    if (lexicon.isEmpty() || story == null) {
      return "";
    }
    List<String> spoken = new ArrayList<>();
    for (StorySentence sentence : StoryText.sentences(story, maxSentenceChars)) {
      spoken.add(sentence.spoken());
    }
    return lexicon.fingerprint(spoken, voice);
  }
}
