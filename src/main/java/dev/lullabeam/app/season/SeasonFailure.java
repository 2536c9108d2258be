package dev.lullabeam.app.season;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lullabeam.lib.text.TextDecoding;
import dev.lullabeam.pipeline.write.OutputFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a season that ran to its end failed as a whole, judged from its report: the output disk
 * was full, or every episode it tried to make failed for the same reason (an infrastructure
 * fault such as a broken ffmpeg, not something about the rows). Rows that were reused, bad or
 * rejected were not attempted; a season where only some attempts failed did not fail.
 */
final class SeasonFailure {

  /**
   * Leading words of a reason shorter than this say too little to call two failures the same
   * (e.g. "'" before a quoted sentence): such reasons must then match whole.
   */
  private static final int MIN_PREFIX = 12;

  private SeasonFailure() {}

  /** One line saying why the season failed, or empty when it did not. */
  static Optional<String> of(JsonNode report) {
    int made = 0;
    List<JsonNode> failed = new ArrayList<>();
    for (JsonNode row : report.path("episodes")) {
      String status = row.path("status").asText();
      if ("failed".equals(status)) {
        failed.add(row);
      } else if ("ok".equals(status) && !row.path("reused").asBoolean()) {
        made++;
      }
    }
    long diskFull =
        failed.stream()
            .filter(
                row ->
                    OutputFiles.isDiskFull(row.path("reason").asText())
                        || OutputFiles.isDiskFull(row.path("error").path("message").asText()))
            .count();
    if (diskFull > 0) {
      return Optional.of(
          "the output disk is full: " + diskFull + " episode(s) could not be written (the report"
              + " lists them); free some space and run again, finished episodes are reused");
    }
    if (failed.isEmpty() || made > 0) {
      return Optional.empty();
    }
    String kind = kind(failed.get(0));
    if (failed.stream().allMatch(row -> kind(row).equals(kind))) {
      return Optional.of(
          "every episode failed for the same reason (" + failed.size() + " of " + failed.size()
              + "), e.g. line " + failed.get(0).path("line").asLong() + ": "
              + TextDecoding.printable(failed.get(0).path("reason").asText()));
    }
    return Optional.empty();
  }

  /**
   * The kind of a failure: its exception's class and the reason's leading words, up to the first
   * digit, quote or path, where the parts about one episode (a sentence, a file) begin.
   */
  static String kind(JsonNode row) {
    String reason = row.path("reason").asText();
    int end = 0;
    while (end < reason.length() && "0123456789'\"/\\«“‘".indexOf(reason.charAt(end)) < 0) {
      end++;
    }
    String prefix = reason.substring(0, end).strip();
    return row.path("error").path("class").asText()
        + " | "
        + (prefix.length() >= MIN_PREFIX ? prefix : reason);
  }
}
