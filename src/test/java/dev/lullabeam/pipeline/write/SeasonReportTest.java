package dev.lullabeam.pipeline.write;

import dev.lullabeam.values.EpisodeOutcome;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeasonReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final long STARTED_AT = 1_700_000_000_000L;
  private static final long FINISHED_30_SECONDS_LATER = STARTED_AT + 30_000;
  private static final SeasonReport.RunInfo RUN =
      new SeasonReport.RunInfo(
          "Winter Tales", "stories/winter.csv", "out/winter", "DirectRunner", STARTED_AT);

  private static final String VOICE = "voice:cmu-slt-hsmm";
  private static final String LANGUAGE_MODEL = "lm:gpt-neo-125m";

  /** Made in this run: 60 s of audio. */
  private static final EpisodeOutcome FOX_MADE = EpisodeOutcome.ok("fox", 2, 10, 60.0);
  /** From an earlier run: 600 s of audio that cost this run nothing. */
  private static final EpisodeOutcome OWL_REUSED = EpisodeOutcome.reused("owl", 3, 8, 600.0);
  private static final EpisodeOutcome ROW_WITHOUT_ID = EpisodeOutcome.badRow(null, 4, "missing id");
  private static final EpisodeOutcome WHALE_FAILED =
      EpisodeOutcome.failed("whale", 5, "voice crashed");
  /** Made in this run: 30 s of audio. */
  private static final EpisodeOutcome SEAL_MADE = EpisodeOutcome.ok("seal", 6, 5, 30.0);

  /** In the order a pipeline might deliver them: not catalogue order. */
  private static final List<EpisodeOutcome> SEASON_OUTCOMES =
      List.of(SEAL_MADE, WHALE_FAILED, FOX_MADE, ROW_WITHOUT_ID, OWL_REUSED);

  @Test
  void describesTheRun() throws IOException {
    JsonNode report = build(SEASON_OUTCOMES, FINISHED_30_SECONDS_LATER);

    assertThat(report.get("season").asText(), is("Winter Tales"));
    assertThat(report.get("catalogue").asText(), is("stories/winter.csv"));
    assertThat(report.get("output").asText(), is("out/winter"));
    assertThat(report.get("runner").asText(), is("DirectRunner"));
    assertThat(report.get("started_at").asText(), is("2023-11-14T22:13:20Z"));
    assertThat(report.get("finished_at").asText(), is("2023-11-14T22:13:50Z"));
  }

  @Test
  void countsRowsPerStatusAndReusedEpisodes() throws IOException {
    JsonNode totals = build(SEASON_OUTCOMES, FINISHED_30_SECONDS_LATER).get("totals");

    assertThat(totals.get("rows").asInt(), is(5));
    assertThat(totals.get("ok").asInt(), is(3));
    assertThat(totals.get("failed").asInt(), is(1));
    assertThat(totals.get("bad_row").asInt(), is(1));
    assertThat(totals.get("reused").asInt(), is(1));
    assertThat(totals.get("sentences").asLong(), is(23L));
    assertThat(totals.get("audio_seconds").asDouble(), is(690.0));
    assertThat(totals.get("wall_seconds").asDouble(), is(30.0));
  }

  @Test
  void realTimeFactorAndRateCountOnlyAudioMadeInThisRun() throws IOException {
    JsonNode totals = build(SEASON_OUTCOMES, FINISHED_30_SECONDS_LATER).get("totals");

    // 30 s of wall time for the 90 s made (fox and seal); the owl's 600 s were reused.
    assertThat(totals.get("real_time_factor").asDouble(), is(0.3333));
    // Two episodes made in 30 s.
    assertThat(totals.get("episodes_per_hour").asDouble(), is(240.0));
  }

  @Test
  void aRunThatOnlyReusedEpisodesHasNoRealTimeFactor() throws IOException {
    JsonNode totals = build(List.of(OWL_REUSED), FINISHED_30_SECONDS_LATER).get("totals");

    assertThat(totals.get("real_time_factor").isNull(), is(true));
    assertThat(totals.get("episodes_per_hour").asDouble(), is(0.0));
    assertThat(totals.get("audio_seconds").asDouble(), is(600.0));
  }

  @Test
  void aRunWithoutWallTimeHasNoRate() throws IOException {
    JsonNode totals = build(List.of(FOX_MADE), STARTED_AT).get("totals");

    assertThat(totals.get("episodes_per_hour").isNull(), is(true));
    assertThat(totals.get("real_time_factor").asDouble(), is(0.0));
  }

  @Test
  void theLauncherFillsInTheModelLoadsAndKeepsEverythingElse() throws IOException {
    byte[] built = SeasonReport.build(SEASON_OUTCOMES, RUN, FINISHED_30_SECONDS_LATER);
    Map<String, Map<String, Integer>> loads =
        Map.of(VOICE, Map.of("jvm-a", 1, "jvm-b", 1), LANGUAGE_MODEL, Map.of("jvm-a", 1));

    JsonNode report = JSON.readTree(SeasonReport.withModelLoads(built, loads));

    assertThat(
        JSON.convertValue(
            report.get("model_loads_per_jvm"),
            new TypeReference<Map<String, Map<String, Integer>>>() {}),
        is(loads));
    ObjectNode rest = (ObjectNode) report.deepCopy();
    rest.remove("model_loads_per_jvm");
    ObjectNode before = (ObjectNode) JSON.readTree(built);
    before.remove("model_loads_per_jvm");
    assertThat(rest, is(before));
  }

  @Test
  void aFailureKeepsTheErrorClassAndWhereItWasThrown() throws IOException {
    EpisodeOutcome failed;
    try {
      throwWithoutMessage();
      throw new AssertionError("unreachable");
    } catch (NullPointerException e) {
      failed = EpisodeOutcome.failed("otter", 7, "mixing failed", e);
    }

    JsonNode entry = build(List.of(failed), FINISHED_30_SECONDS_LATER).get("episodes").get(0);

    assertThat(
        entry.get("reason").asText(),
        startsWith("mixing failed: NullPointerException at " + getClass().getName()));
    assertThat(entry.get("error").get("class").asText(), is("java.lang.NullPointerException"));
    assertThat(entry.get("error").get("message").isNull(), is(true));
    JsonNode stack = entry.get("error").get("stack");
    assertThat(stack.size(), is(EpisodeOutcome.Cause.STACK_FRAMES));
    assertThat(stack.get(0).asText(), containsString("throwWithoutMessage"));
  }

  private static void throwWithoutMessage() {
    throw new NullPointerException();
  }

  @Test
  void showsTargetAndAchievedMinutesPerNarratedEpisode() throws IOException {
    JsonNode report =
        JSON.readTree(
            SeasonReport.build(
                List.of(
                    EpisodeOutcome.ok("fox", 2, 10, 60.0).withMinutes(5.0, 4.876).withSpeech(10, 0),
                    EpisodeOutcome.ok("seal", 6, 5, 30.0).withMinutes(null, 0.5),
                    EpisodeOutcome.rejected("owl", 7, "every story was rejected")),
                RUN,
                FINISHED_30_SECONDS_LATER));
    JsonNode episodes = report.get("episodes");
    assertThat(episodes.get(0).get("minutes").get("target").asDouble(), is(5.0));
    assertThat(episodes.get(0).get("minutes").get("achieved").asDouble(), is(4.88));
    assertThat(episodes.get(1).get("minutes").get("target").isNull(), is(true));
    assertThat(episodes.get(1).get("minutes").get("achieved").asDouble(), is(0.5));
    assertThat(episodes.get(2).has("minutes"), is(false));
  }

  @Test
  void listsStoryWarningsAndTheEpisodesOwnUnderItsEntry() throws IOException {
    EpisodeOutcome loud =
        EpisodeOutcome.ok("fox", 2, 10, 60.0).withWarnings(List.of("off the loudness target"));

    JsonNode report =
        JSON.readTree(
            SeasonReport.build(
                List.of(loud, SEAL_MADE),
                Map.of("fox", List.of("story: short"), "seal", List.of("story: long")),
                RUN,
                FINISHED_30_SECONDS_LATER));

    JsonNode episodes = report.get("episodes");
    assertThat(
        JSON.convertValue(episodes.get(0).get("warnings"), new TypeReference<List<String>>() {}),
        contains("story: short", "off the loudness target"));
    assertThat(
        JSON.convertValue(episodes.get(1).get("warnings"), new TypeReference<List<String>>() {}),
        contains("story: long"));
    assertThat(report.get("totals").get("with_warnings").asInt(), is(2));
  }

  @Test
  void listsOneEntryPerRowInCatalogueOrder() throws IOException {
    JsonNode episodes = build(SEASON_OUTCOMES, FINISHED_30_SECONDS_LATER).get("episodes");

    assertThat(linesOf(episodes), contains(2L, 3L, 4L, 5L, 6L));
    assertThat(
        episodes.get(0),
        is(
            json(
                "{\"id\":\"fox\",\"line\":2,\"status\":\"ok\",\"sentences\":10,"
                    + "\"audio_seconds\":60.0}")));
    assertThat(
        episodes.get(1),
        is(
            json(
                "{\"id\":\"owl\",\"line\":3,\"status\":\"ok\",\"sentences\":8,"
                    + "\"audio_seconds\":600.0,\"reused\":true}")));
    assertThat(
        episodes.get(2), is(json("{\"line\":4,\"status\":\"bad_row\",\"reason\":\"missing id\"}")));
    assertThat(
        episodes.get(3),
        is(
            json(
                "{\"id\":\"whale\",\"line\":5,\"status\":\"failed\","
                    + "\"reason\":\"voice crashed\"}")));
  }

  @Test
  void anEmptySeasonStillGivesAValidReport() throws IOException {
    JsonNode report = build(List.of(), FINISHED_30_SECONDS_LATER);
    JsonNode totals = report.get("totals");

    assertThat(totals.get("rows").asInt(), is(0));
    assertThat(totals.get("ok").asInt(), is(0));
    assertThat(totals.get("failed").asInt(), is(0));
    assertThat(totals.get("bad_row").asInt(), is(0));
    assertThat(totals.get("reused").asInt(), is(0));
    assertThat(totals.get("sentences").asLong(), is(0L));
    assertThat(totals.get("audio_seconds").asDouble(), is(0.0));
    assertThat(totals.get("real_time_factor").isNull(), is(true));
    assertThat(totals.get("episodes_per_hour").asDouble(), is(0.0));
    assertThat(report.get("model_loads_per_jvm").isObject(), is(true));
    assertThat(report.get("model_loads_per_jvm").size(), is(0));
    assertThat(report.get("episodes").isArray(), is(true));
    assertThat(report.get("episodes").size(), is(0));
  }

  private static JsonNode build(List<EpisodeOutcome> outcomes, long finishedAt) throws IOException {
    return JSON.readTree(SeasonReport.build(outcomes, RUN, finishedAt));
  }

  private static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }

  private static List<Long> linesOf(JsonNode episodes) {
    List<Long> lines = new ArrayList<>();
    for (JsonNode episode : episodes) {
      lines.add(episode.get("line").asLong());
    }
    return lines;
  }
}
