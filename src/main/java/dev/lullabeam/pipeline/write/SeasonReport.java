package dev.lullabeam.pipeline.write;

import dev.lullabeam.values.EpisodeOutcome;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lullabeam.lib.models.ModelLoads;
import dev.lullabeam.pipeline.write.Numbers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds report.json: season totals and one entry per catalogue row, in catalogue order. */
public final class SeasonReport {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SeasonReport() {}

  /** What the report says about the run itself. */
  public static final class RunInfo implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final String season;
    final String catalogue;
    final String output;
    final String runner;
    final long startedAtMillis;

    public RunInfo(String season, String catalogue, String output, String runner, long startedAtMillis) {
      this.season = season;
      this.catalogue = catalogue;
      this.output = output;
      this.runner = runner;
      this.startedAtMillis = startedAtMillis;
    }
  }

  public static byte[] build(List<EpisodeOutcome> outcomes, RunInfo run, long finishedAtMillis) {
    return build(outcomes, Map.of(), Map.of(), run, finishedAtMillis);
  }

  /**
   * @param warnings episode id → warnings about it (e.g. the quality gate's objections to a
   *     written story), listed under the episode's entry
   */
  public static byte[] build(
      List<EpisodeOutcome> outcomes,
      Map<String, List<String>> warnings,
      Map<String, Map<String, Integer>> otherLoads,
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
    double audioSeconds = 0;
    double madeAudioSeconds = 0;
    Map<String, Map<String, Integer>> loads = new TreeMap<>();
    ModelLoads.merge(loads, otherLoads);
    for (EpisodeOutcome o : rows) {
      byStatus.merge(o.status().label(), 1, Integer::sum);
      if (o.reused()) {
        reused++;
      } else {
        madeAudioSeconds += o.audioSeconds();
      }
      sentences += o.sentences();
      audioSeconds += o.audioSeconds();
      ModelLoads.merge(loads, o.modelLoadsByJvm());
    }
    double wallSeconds = (finishedAtMillis - run.startedAtMillis) / 1000.0;
    int made = byStatus.get("ok") - reused;

    ObjectNode root = JSON.createObjectNode();
    root.put("season", run.season);
    root.put("catalogue", run.catalogue);
    root.put("output", run.output);
    root.put("runner", run.runner);
    root.put("started_at", Instant.ofEpochMilli(run.startedAtMillis).toString());
    root.put("finished_at", Instant.ofEpochMilli(finishedAtMillis).toString());
    ObjectNode totals = root.putObject("totals");
    totals.put("rows", rows.size());
    byStatus.forEach(totals::put);
    totals.put("reused", reused);
    totals.put("with_warnings", warnings.size());
    totals.put("sentences", sentences);
    totals.put("audio_seconds", round(audioSeconds));
    totals.put("wall_seconds", round(wallSeconds));
    totals.put(
        "real_time_factor", madeAudioSeconds > 0 ? round(wallSeconds / madeAudioSeconds, 4) : null);
    totals.put("episodes_per_hour", wallSeconds > 0 ? round(made * 3600.0 / wallSeconds) : null);
    ObjectNode loadNode = root.putObject("model_loads_per_jvm");
    loads.forEach((model, perJvm) -> perJvm.forEach(loadNode.putObject(model)::put));
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
      if (o.id() != null && warnings.containsKey(o.id()) && o.status() != EpisodeOutcome.Status.BAD_ROW) {
        var list = entry.putArray("warnings");
        warnings.get(o.id()).forEach(list::add);
      }
      if (o.storyAttempts() > 0) {
        entry.put("story_attempts", o.storyAttempts());
      }
      if (o.status() == EpisodeOutcome.Status.OK) {
        entry.put("sentences", o.sentences());
        entry.put("audio_seconds", round(o.audioSeconds()));
        if (o.reused()) {
          entry.put("reused", true);
        }
      }
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double round(double value) {
    return round(value, 2);
  }

  private static double round(double value, int places) {
    return Numbers.round(value, places);
  }
}
