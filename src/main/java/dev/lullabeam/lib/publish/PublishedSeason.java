package dev.lullabeam.lib.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a finished season holds, read back from its files: {@code report.json} gives the rows in
 * catalogue order with their status and reason, each ok row's {@code episodes/<id>.json} what the
 * feed and page say about the episode.
 *
 * @param title the season's name (the report's {@code season})
 * @param episodes the ok episodes whose files are all there, in catalogue order
 * @param others every other row (rejected, failed, bad rows, ok rows whose files are missing or
 *     whose JSON cannot be read)
 */
public record PublishedSeason(String title, List<Episode> episodes, List<OtherRow> others) {

  public static final String REPORT = "report.json";
  /** The catalogue's id rule: ids name files, so anything else is not read. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One published episode.
   *
   * @param track its track number (the catalogue position), {@code itunes:episode}
   * @param mp3Bytes the MP3's size as it is now on disk: the enclosure's length
   * @param pubDate the catalogue's {@code pub_date} (YYYY-MM-DD) as the report gives it, or null
   */
  public record Episode(
      String id, String title, int track, long line, double durationSeconds,
      Double loudnessLufs, Double truePeakDbtp, String story, long mp3Bytes, boolean hasTranscript,
      String pubDate) {

    public String mp3Path() {
      return "episodes/" + id + ".mp3";
    }

    public String vttPath() {
      return "episodes/" + id + ".vtt";
    }
  }

  /** A row that is not published, and why. */
  public record OtherRow(String id, long line, String status, String reason) {}

  /**
   * Reads the season.
   *
   * @throws PublishException when there is no finished season in {@code files}
   */
  public static PublishedSeason read(SeasonFiles files) throws IOException, PublishException {
    byte[] reportBytes =
        files.read(REPORT).orElseThrow(() -> new PublishException(
            "no season in " + files.location() + ": " + REPORT + " is missing"));
    JsonNode report;
    try {
      report = JSON.readTree(reportBytes);
    } catch (IOException e) {
      throw new PublishException(REPORT + " in " + files.location() + " is not JSON: " + e.getMessage());
    }
    String status = report.path("status").asText("");
    if (!status.isEmpty()) {
      throw new PublishException(
          "the season in " + files.location() + " has not finished (" + REPORT + " says "
              + status + ")");
    }
    if (!report.path("episodes").isArray()) {
      throw new PublishException(REPORT + " in " + files.location() + " lists no episodes");
    }
    List<Episode> episodes = new ArrayList<>();
    List<OtherRow> others = new ArrayList<>();
    for (JsonNode row : report.path("episodes")) {
      String id = row.path("id").asText(null);
      long line = row.path("line").asLong();
      String rowStatus = row.path("status").asText("unknown");
      if (!"ok".equals(rowStatus)) {
        others.add(new OtherRow(id, line, rowStatus, row.path("reason").asText("")));
        continue;
      }
      Optional<Episode> episode;
      try {
        episode =
            id != null && ID.matcher(id).matches()
                ? episode(files, id, line, row.path("pub_date").asText(null))
                : Optional.empty();
      } catch (PublishException unreadable) {
        // One damaged sidecar keeps its episode out of the feed, not the season.
        others.add(new OtherRow(id, line, "unreadable", unreadable.getMessage()));
        continue;
      }
      if (episode.isPresent()) {
        episodes.add(episode.get());
      } else {
        others.add(new OtherRow(id, line, "missing", "reported ok, but its MP3 or JSON is missing"));
      }
    }
    return new PublishedSeason(report.path("season").asText("lullabeam"), episodes, others);
  }

  private static Optional<Episode> episode(SeasonFiles files, String id, long line, String pubDate)
      throws IOException, PublishException {
    Optional<byte[]> json = files.read("episodes/" + id + ".json");
    Optional<Long> mp3 = files.size("episodes/" + id + ".mp3");
    if (json.isEmpty() || mp3.isEmpty()) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = JSON.readTree(json.get());
    } catch (IOException e) {
      throw new PublishException("episodes/" + id + ".json is not JSON: " + e.getMessage());
    }
    boolean transcript = files.size("episodes/" + id + ".vtt").isPresent();
    return Optional.of(
        new Episode(
            id, node.path("title").asText(id), node.path("track").asInt(), line,
            node.path("duration_s").asDouble(), number(node, "loudness_lufs"),
            number(node, "true_peak_dbtp"), node.path("story").asText(""), mp3.get(), transcript,
            pubDate));
  }

  private static Double number(JsonNode node, String field) {
    return node.path(field).isNumber() ? node.path(field).asDouble() : null;
  }
}
