package dev.lullabeam.lib.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lullabeam.lib.audio.Ffmpeg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A finished season's folder as the season command leaves it, small: report.json with two ok
 * episodes (catalogue lines 2 and 4), a rejected row (line 3) and a bad row (line 5); for each ok
 * episode a real MP3 (a slowly swelling tone, made by the bundled ffmpeg), its VTT and its JSON sidecar
 * with the fields {@code EpisodeJson} writes that publishing reads.
 */
final class SeasonFixture {

  static final String SEASON = "Moon & <Stars>";
  static final String FIRST_ID = "owl-night";
  static final String SECOND_ID = "sea_song";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SeasonFixture() {}

  /** Writes the season into {@code folder}; MP3s of 2.5 s and 4 s. */
  static Path write(Path folder) throws IOException {
    Files.createDirectories(folder.resolve("episodes"));
    episode(folder, FIRST_ID, "The Owl's \"Quiet\" Night", 1, 2, 2.5, 330,
        "An owl sat in the old oak & listened.\n\nThe night was soft.");
    episode(folder, SECOND_ID, "Song of the <Sea>", 2, 4, 4.0, 550,
        "The waves came in slowly. </script><b>not bold</b>");
    ObjectNode report = JSON.createObjectNode();
    report.put("season", SEASON);
    report.putObject("totals").put("rows", 4);
    ArrayNode rows = report.putArray("episodes");
    rows.addObject().put("id", FIRST_ID).put("line", 2).put("status", "ok");
    rows.addObject().put("id", "fox").put("line", 3).put("status", "rejected")
        .put("reason", "attempt 1: repeats itself <badly>");
    rows.addObject().put("id", SECOND_ID).put("line", 4).put("status", "ok");
    rows.addObject().put("line", 5).put("status", "bad_row").put("reason", "no story or prompt");
    Files.write(folder.resolve("report.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
    return folder;
  }

  /** Gives the episode's report entry a pub_date, as the season does from the catalogue. */
  static void pubDate(Path folder, String id, String date) throws IOException {
    ObjectNode report = (ObjectNode) JSON.readTree(folder.resolve("report.json").toFile());
    report.path("episodes").forEach(row -> {
      if (id.equals(row.path("id").asText())) {
        ((ObjectNode) row).put("pub_date", date);
      }
    });
    Files.write(folder.resolve("report.json"), JSON.writeValueAsBytes(report));
  }

  static void episode(
      Path folder, String id, String title, int track, int line, double seconds, int hz,
      String story) throws IOException {
    Path mp3 = folder.resolve("episodes/" + id + ".mp3");
    Ffmpeg.run(
        List.of(
            "-loglevel", "error", "-y", "-f", "lavfi", "-i",
            "aevalsrc='0.7*sin(2*PI*" + hz + "*t)*(0.55+0.45*sin(2*PI*0.7*t))':s=48000:d=" + seconds,
            "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k", mp3.toString()));
    String vtt = "WEBVTT\n\nNOTE make_id abc\n\n1\n00:00:00.000 --> 00:00:01.000\n"
        + story.lines().findFirst().orElse("").replace("&", "&amp;").replace("<", "&lt;") + "\n\n"
        + "2\n00:00:01.000 --> 00:00:02.000\nThe end.\n";
    Files.writeString(folder.resolve("episodes/" + id + ".vtt"), vtt, StandardCharsets.UTF_8);
    ObjectNode json = JSON.createObjectNode();
    json.put("id", id);
    json.put("season", SEASON);
    json.put("title", title);
    json.put("track", track);
    json.put("catalogue_line", line);
    json.put("duration_s", seconds);
    json.put("loudness_lufs", -16.02);
    json.put("true_peak_dbtp", -1.61);
    json.put("story", story);
    Files.write(folder.resolve("episodes/" + id + ".json"), JSON.writeValueAsBytes(json));
  }
}
