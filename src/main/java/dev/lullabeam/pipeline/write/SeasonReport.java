package dev.lullabeam.pipeline.write;

import dev.lullabeam.values.EpisodeOutcome;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lullabeam.pipeline.write.Numbers;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds report.json: season totals and one entry per catalogue row, in catalogue order. */
public final class SeasonReport {

  private static final String MODEL_LOADS = "model_loads_per_jvm";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SeasonReport() {}

  /** What the report says about the run itself. */
  public record RunInfo(
      String season, String catalogue, String output, String runner, long startedAtMillis)
      implements java.io.Serializable {}

  public static byte[] build(List<EpisodeOutcome> outcomes, RunInfo run, long finishedAtMillis) {
    return build(outcomes, Map.of(), run, finishedAtMillis);
  }

  /**
   * The report, with {@code model_loads_per_jvm} still empty: loads are counted with Beam metrics,
   * which are final only after the run ({@link #withModelLoads}).
   *
   * @param storyWarnings episode id → warnings about its story (e.g. the quality gate's objections
   *     to a written story), listed under the episode's entry with the outcome's own warnings
   */
  public static byte[] build(
      List<EpisodeOutcome> outcomes,
      Map<String, List<String>> storyWarnings,
      RunInfo run,
      long finishedAtMillis) {
    List<EpisodeOutcome> rows = new ArrayList<>(outcomes);
    rows.sort(
        Comparator.comparingLong(EpisodeOutcome::line)
            .thenComparing(o -> String.valueOf(o.id())));
    Map<String, Integer> byStatus = new TreeMap<>();
    for (EpisodeOutcome.Status status : EpisodeOutcome.Status.values()) {
      byStatus.put(status.label(), 0);
    }
    int reused = 0;
    long sentences = 0;
    long sentencesSpoken = 0;
    long sentencesReused = 0;
    double audioSeconds = 0;
    double madeAudioSeconds = 0;
    int withWarnings = 0;
    for (EpisodeOutcome o : rows) {
      byStatus.merge(o.status().label(), 1, Integer::sum);
      if (o.reused()) {
        reused++;
      } else {
        madeAudioSeconds += o.audioSeconds();
      }
      sentences += o.sentences();
      sentencesSpoken += o.sentencesSpoken();
      sentencesReused += o.sentencesReused();
      audioSeconds += o.audioSeconds();
      if (!warnings(o, storyWarnings).isEmpty()) {
        withWarnings++;
      }
    }
    double wallSeconds = (finishedAtMillis - run.startedAtMillis()) / 1000.0;
    int made = byStatus.get("ok") - reused;

    ObjectNode root = JSON.createObjectNode();
    root.put("season", run.season());
    root.put("catalogue", run.catalogue());
    root.put("output", run.output());
    root.put("runner", run.runner());
    root.put("started_at", Instant.ofEpochMilli(run.startedAtMillis()).toString());
    root.put("finished_at", Instant.ofEpochMilli(finishedAtMillis).toString());
    ObjectNode totals = root.putObject("totals");
    totals.put("rows", rows.size());
    byStatus.forEach(totals::put);
    totals.put("reused", reused);
    totals.put("with_warnings", withWarnings);
    totals.put("sentences", sentences);
    totals.put("sentences_spoken", sentencesSpoken);
    totals.put("sentences_reused", sentencesReused);
    totals.put("audio_seconds", round(audioSeconds));
    totals.put("wall_seconds", round(wallSeconds));
    totals.put(
        "real_time_factor", madeAudioSeconds > 0 ? round(wallSeconds / madeAudioSeconds, 4) : null);
    totals.put("episodes_per_hour", wallSeconds > 0 ? round(made * 3600.0 / wallSeconds) : null);
    root.putObject(MODEL_LOADS);
    var entries = root.putArray("episodes");
    for (EpisodeOutcome o : rows) {
      ObjectNode entry = entries.addObject();
      if (o.id() != null) {
        entry.put("id", o.id());
      }
      entry.put("line", o.line());
      entry.put("status", o.status().label());
      if (o.reason() != null) {
        entry.put("reason", o.reason());
      }
      if (o.error() != null) {
        ObjectNode error = entry.putObject("error");
        error.put("class", o.error().type());
        error.put("message", o.error().message());
        o.error().stack().forEach(error.putArray("stack")::add);
      }
      List<String> warnings = warnings(o, storyWarnings);
      if (!warnings.isEmpty()) {
        warnings.forEach(entry.putArray("warnings")::add);
      }
      if (o.storyAttempts() > 0) {
        entry.put("story_attempts", o.storyAttempts());
      }
      if (o.status() == EpisodeOutcome.Status.OK) {
        entry.put("sentences", o.sentences());
        entry.put("audio_seconds", round(o.audioSeconds()));
        if (o.achievedMinutes() != null) {
          // Minutes of narration, first word to last, against the row's or season's target.
          ObjectNode minutes = entry.putObject("minutes");
          if (o.targetMinutes() != null) {
            minutes.put("target", round(o.targetMinutes()));
          } else {
            minutes.putNull("target");
          }
          minutes.put("achieved", round(o.achievedMinutes()));
        }
        if (o.reused()) {
          entry.put("reused", true);
        }
      }
      if (o.sentencesSpoken() + o.sentencesReused() > 0) {
        entry.put("sentences_spoken", o.sentencesSpoken());
        entry.put("sentences_reused", o.sentencesReused());
      }
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The story's warnings (for rows that got that far), then the outcome's own. */
  private static List<String> warnings(
      EpisodeOutcome outcome, Map<String, List<String>> storyWarnings) {
    List<String> all = new ArrayList<>();
    if (outcome.id() != null && outcome.status() != EpisodeOutcome.Status.BAD_ROW) {
      all.addAll(storyWarnings.getOrDefault(outcome.id(), List.of()));
    }
    all.addAll(outcome.warnings());
    return all;
  }

  /**
   * The report with {@code model_loads_per_jvm} filled in: model → (JVM → loads), read from the
   * finished pipeline's metrics by the launcher.
   */
  public static byte[] withModelLoads(byte[] reportJson, Map<String, Map<String, Integer>> loads)
      throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(reportJson);
    ObjectNode loadNode = JSON.createObjectNode();
    new TreeMap<>(loads)
        .forEach((model, perJvm) -> new TreeMap<>(perJvm).forEach(loadNode.putObject(model)::put));
    root.set(MODEL_LOADS, loadNode);
    return JSON.writeValueAsBytes(root);
  }

  /**
   * The same report with the season's own warnings (a catalogue read in a guessed encoding, a
   * background gain out of range) as a top-level {@code warnings} list; unchanged when none.
   */
  public static byte[] withSeasonWarnings(byte[] reportJson, List<String> warnings) throws IOException {
    if (warnings.isEmpty()) {
      return reportJson;
    }
    ObjectNode root = (ObjectNode) JSON.readTree(reportJson);
    var list = root.putArray("warnings");
    warnings.forEach(list::add);
    return JSON.writeValueAsBytes(root);
  }

  /**
   * Adds the catalogue's {@code pub_date} to the entry of each episode that has one, where
   * publishing (the feed's pubDate) reads it, also later, without the catalogue.
   *
   * @param pubDates episode id → YYYY-MM-DD
   */
  public static byte[] withPubDates(byte[] reportJson, Map<String, String> pubDates) throws IOException {
    if (pubDates.isEmpty()) {
      return reportJson;
    }
    ObjectNode root = (ObjectNode) JSON.readTree(reportJson);
    for (var entry : root.path("episodes")) {
      String date = entry.hasNonNull("id") ? pubDates.get(entry.path("id").asText()) : null;
      if (date != null && entry instanceof ObjectNode row) {
        row.put("pub_date", date);
      }
    }
    return JSON.writeValueAsBytes(root);
  }

  private static double round(double value) {
    return round(value, 2);
  }

  private static double round(double value, int places) {
    return Numbers.round(value, places);
  }
}
