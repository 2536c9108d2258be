package dev.lullabeam.lib.text;

import dev.lullabeam.lib.audio.SentenceTiming;
import java.util.List;

/**
 * A WebVTT transcript: one cue per sentence, timed against the final MP3, after a NOTE block
 * naming the make of the episode it belongs to (players ignore notes).
 */
public final class WebVtt {

  private WebVtt() {}

  /** The NOTE line that names the make; {@code makeId} must be one line without "-->". */
  private static final String MAKE_NOTE = "NOTE make_id ";

  public static String of(List<SentenceTiming> sentences, String makeId) {
    if (makeId.contains("-->") || makeId.contains("\n") || makeId.contains("\r")) {
      throw new IllegalArgumentException("a make id must fit on one NOTE line: " + makeId);
    }
    StringBuilder vtt = new StringBuilder("WEBVTT\n\n").append(MAKE_NOTE).append(makeId).append('\n');
    int cue = 1;
    for (SentenceTiming s : sentences) {
      vtt.append('\n')
          .append(cue++)
          .append('\n')
          .append(timestamp(s.startMs()))
          .append(" --> ")
          .append(timestamp(s.endMs()))
          .append('\n')
          .append(cueText(s.text()))
          .append('\n');
    }
    return vtt.toString();
  }

  /**
   * A blank line (CR or LF) or "-->" inside a cue would end or break it; '&' and '<' would start
   * markup that swallows the text after them.
   */
  private static String cueText(String text) {
    return text.replaceAll("\\s*[\\r\\n]\\s*", " ")
        .replaceAll("-{2,}>", "->")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .strip();
  }

  static String timestamp(long ms) {
    return String.format(
        "%02d:%02d:%02d.%03d", ms / 3_600_000, (ms / 60_000) % 60, (ms / 1000) % 60, ms % 1000);
  }
}
