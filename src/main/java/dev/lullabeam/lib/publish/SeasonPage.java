package dev.lullabeam.lib.publish;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;

/**
 * {@code index.html}: one self-contained page for the season (styles inline, waveforms inline SVG,
 * no script, nothing from another site; every link relative, so it works from the folder and from
 * wherever the folder is served). Everything that comes from the catalogue or the files is
 * escaped.
 */
public final class SeasonPage {

  public static final String FILE = "index.html";

  private SeasonPage() {}

  /** What the page shows of one episode besides its JSON: its waveform and transcript. */
  public record EpisodeExtras(double[] peaks, String transcriptVtt) {}

  private static final String STYLE =
      """
      :root { color-scheme: dark; }
      body { margin: 0; background: #0b1028; color: #efe9d8;
             font: 17px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
      main { max-width: 46rem; margin: 0 auto; padding: 1.5rem; }
      header { display: flex; gap: 1.25rem; align-items: center; flex-wrap: wrap; }
      header img { width: 10rem; height: 10rem; border-radius: .5rem; }
      h1 { margin: 0 0 .3rem; font-size: 2rem; }
      a { color: #ffd98a; }
      article { margin: 2rem 0; padding: 1rem 1.25rem; background: #161d42; border-radius: .5rem; }
      h2 { margin: 0 0 .5rem; font-size: 1.3rem; }
      audio { width: 100%; }
      .waveform { display: block; width: 100%; height: 3rem; color: #9fb3ff; margin: .5rem 0; }
      .facts { color: #b9b4a6; font-size: .9rem; margin: .25rem 0; }
      details { margin-top: .5rem; }
      details p { margin: .3rem 0; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #2a3160; vertical-align: top; }
      """;

  /**
   * The page.
   *
   * @param coverFile the cover's file name beside the page
   * @param feedWritten whether {@code feed.xml} is beside the page (linked only then)
   * @param extras episode id → its waveform and transcript
   */
  public static byte[] write(
      PublishedSeason season, String title, String description, String language, String coverFile,
      boolean feedWritten, Map<String, EpisodeExtras> extras) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"").append(esc(language)).append("\">\n<head>\n")
        .append("<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(title)).append("</title>\n");
    if (feedWritten) {
      html.append("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"")
          .append(esc(title)).append("\" href=\"").append(PodcastFeed.FILE).append("\">\n");
    }
    html.append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n<header>\n")
        .append("<img src=\"").append(esc(coverFile)).append("\" alt=\"Cover of ").append(esc(title))
        .append("\" width=\"160\" height=\"160\">\n<div>\n<h1>").append(esc(title)).append("</h1>\n")
        .append("<p>").append(esc(description)).append("</p>\n");
    if (feedWritten) {
      html.append("<p><a class=\"feed\" href=\"").append(PodcastFeed.FILE)
          .append("\">Podcast feed (RSS)</a>: add it to a podcast app to subscribe.</p>\n");
    }
    html.append("<p class=\"facts\">").append(season.episodes().size())
        .append(season.episodes().size() == 1 ? " episode" : " episodes").append("</p>\n")
        .append("</div>\n</header>\n");
    for (PublishedSeason.Episode episode : season.episodes()) {
      EpisodeExtras extra = extras.get(episode.id());
      html.append("<article id=\"").append(esc(episode.id())).append("\">\n<h2>")
          .append(esc(episode.title())).append("</h2>\n")
          .append("<audio controls preload=\"metadata\" src=\"").append(esc(episode.mp3Path()))
          .append("\" data-duration=\"").append(String.format(Locale.ROOT, "%.3f", episode.durationSeconds()))
          .append("\"></audio>\n");
      if (extra != null && extra.peaks() != null) {
        html.append(Waveform.svg(extra.peaks(), "Waveform of " + episode.title())).append('\n');
      }
      html.append("<p class=\"facts\">Episode ").append(episode.track()).append(" · ")
          .append(duration(episode.durationSeconds()));
      if (episode.loudnessLufs() != null) {
        html.append(String.format(Locale.ROOT, " · loudness %.1f LUFS", episode.loudnessLufs()));
      }
      if (episode.truePeakDbtp() != null) {
        html.append(String.format(Locale.ROOT, ", true peak %.1f dBTP", episode.truePeakDbtp()));
      }
      html.append("</p>\n");
      if (extra != null && extra.transcriptVtt() != null) {
        html.append("<details>\n<summary>Transcript</summary>\n");
        for (String cue : cues(extra.transcriptVtt())) {
          html.append("<p>").append(esc(cue)).append("</p>\n");
        }
        html.append("<p><a href=\"").append(esc(episode.vttPath())).append("\">WebVTT</a></p>\n")
            .append("</details>\n");
      }
      html.append("</article>\n");
    }
    if (!season.others().isEmpty()) {
      html.append("<section class=\"others\">\n<h2>Not published</h2>\n<table>\n")
          .append("<tr><th>line</th><th>id</th><th>status</th><th>reason</th></tr>\n");
      for (PublishedSeason.OtherRow row : season.others()) {
        html.append("<tr><td>").append(row.line()).append("</td><td>")
            .append(esc(row.id() == null ? "" : row.id())).append("</td><td>")
            .append(esc(row.status())).append("</td><td>").append(esc(row.reason()))
            .append("</td></tr>\n");
      }
      html.append("</table>\n</section>\n");
    }
    html.append("</main>\n</body>\n</html>\n");
    return html.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** H:MM:SS or M:SS, whole seconds cut as audio players show them. */
  static String duration(double seconds) {
    long s = (long) Math.floor(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** The text of each cue of a WebVTT file, markup removed and entities decoded. */
  static List<String> cues(String vtt) {
    List<String> cues = new ArrayList<>();
    for (String block : vtt.replace("\r\n", "\n").replace('\r', '\n').split("\n\\s*\n")) {
      List<String> lines = block.strip().lines().toList();
      int timing = -1;
      for (int i = 0; i < lines.size() && i < 2; i++) {
        if (lines.get(i).contains("-->")) {
          timing = i;
          break;
        }
      }
      if (timing < 0 || lines.get(0).startsWith("NOTE")) {
        continue;
      }
      String text = String.join(" ", lines.subList(timing + 1, lines.size()));
      text = StringEscapeUtils.unescapeHtml4(text.replaceAll("<[^>]*>", "")).strip();
      if (!text.isEmpty()) {
        cues.add(text);
      }
    }
    return cues;
  }

  private static String esc(String text) {
    return StringEscapeUtils.escapeHtml4(text);
  }
}
