package dev.lullabeam.app.season;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a season that ran to its end failed as a whole, judged from its report's rows. */
class SeasonFailureTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode report = JSON.createObjectNode();
  private final ArrayNode rows = report.putArray("episodes");

  private SeasonFailureTest row(String status, String reason, String errorClass) {
    ObjectNode row = rows.addObject();
    row.put("line", rows.size() + 1);
    row.put("status", status);
    if (reason != null) {
      row.put("reason", reason);
    }
    if (errorClass != null) {
      row.putObject("error").put("class", errorClass).put("message", reason);
    }
    return this;
  }

  private SeasonFailureTest reused() {
    row("ok", null, null);
    ((ObjectNode) rows.get(rows.size() - 1)).put("reused", true);
    return this;
  }

  private Optional<String> verdict() {
    return SeasonFailure.of(report);
  }

  private static final String FFMPEG_139 = "mixing failed: ffmpeg exited with status 139 on ";

  @Test
  void everyAttemptFailingForTheSameReasonFailsTheSeason() {
    row("failed", FFMPEG_139 + "/tmp/lullabeam-mix-fox-1/mix.wav", "java.io.IOException");
    row("failed", FFMPEG_139 + "/tmp/lullabeam-mix-owl-2/mix.wav", "java.io.IOException");
    // Not attempted: they say nothing about the infrastructure.
    row("bad_row", "missing id", null).row("rejected", "every story was rejected", null).reused();

    assertThat(
        verdict().orElseThrow(),
        startsWith("every episode failed for the same reason (2 of 2), e.g. line 2: " + FFMPEG_139));
  }

  @Test
  void oneEpisodeMadeKeepsTheSeasonGoing() {
    row("failed", FFMPEG_139 + "a", "java.io.IOException")
        .row("failed", FFMPEG_139 + "b", "java.io.IOException")
        .row("ok", null, null);
    assertThat(verdict(), is(Optional.empty()));
  }

  @Test
  void failuresForDifferentReasonsAreAboutTheRows() {
    row("failed", FFMPEG_139 + "a", "java.io.IOException")
        .row("failed", "speech failed: the voice cannot say 'ʘ'", "java.lang.IllegalArgumentException");
    assertThat(verdict(), is(Optional.empty()));
  }

  @Test
  void theSameMessageFromAnotherExceptionClassIsAnotherReason() {
    row("failed", FFMPEG_139 + "a", "java.io.IOException")
        .row("failed", FFMPEG_139 + "b", "java.lang.IllegalStateException");
    assertThat(verdict(), is(Optional.empty()));
  }

  @Test
  void reasonsThatDifferRightAwayMustMatchWhole() {
    row("failed", "'Zzz' cannot be said", null).row("failed", "'Hmm' cannot be said", null);
    assertThat(verdict(), is(Optional.empty()));
  }

  @Test
  void aSeasonWithoutFailuresOrWithOnlyReusedEpisodesDidNotFail() {
    assertThat(verdict(), is(Optional.empty()));
    reused().row("bad_row", "missing id", null);
    assertThat(verdict(), is(Optional.empty()));
  }

  @Test
  void aFullDiskFailsTheSeasonEvenWhenSomeEpisodesWereWritten() {
    row("ok", null, null)
        .row("failed", "writing outputs failed: No space left on device", "java.io.IOException")
        .row("failed", "mixing failed: bad input", "java.io.IOException");
    assertThat(
        verdict().orElseThrow(),
        startsWith("the output disk is full: 1 episode(s) could not be written"));
  }
}
