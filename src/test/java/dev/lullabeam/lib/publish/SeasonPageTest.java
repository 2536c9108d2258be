package dev.lullabeam.lib.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import dev.lullabeam.lib.audio.Ffmpeg;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's content and escaping, and the waveform's peaks; the browser test loads it. */
class SeasonPageTest {

  @TempDir static Path folder;
  static String page;

  @BeforeAll
  static void publish() throws Exception {
    SeasonFixture.write(folder);
    SeasonPublisher.publish(
        new LocalSeasonFiles(folder), PodcastFeedTest.settings("https://example.org/p/", null),
        LocalDate.of(2026, 11, 30));
    page = Files.readString(folder.resolve("index.html"), StandardCharsets.UTF_8);
  }

  @Test
  void showsTheSeasonEveryEpisodeAndEveryRowThatIsNotPublished() {
    assertThat(page, containsString("<title>Moon &amp; &lt;Stars&gt;</title>"));
    assertThat(page, containsString("<img src=\"cover.png\""));
    assertThat(page, containsString("<a class=\"feed\" href=\"feed.xml\">"));
    assertThat(page, containsString("<h2>The Owl's &quot;Quiet&quot; Night</h2>"));
    assertThat(page, containsString("<audio controls preload=\"metadata\" src=\"episodes/owl-night.mp3\" data-duration=\"2.500\">"));
    assertThat(page, containsString("<audio controls preload=\"metadata\" src=\"episodes/sea_song.mp3\" data-duration=\"4.000\">"));
    assertThat(page, containsString("Episode 2 · 0:04 · loudness -16.0 LUFS, true peak -1.6 dBTP"));
    assertThat(count(page, "<svg class=\"waveform\""), is(2));
    assertThat(count(page, "<details>"), is(2));
    assertThat(page, containsString("<p>An owl sat in the old oak &amp; listened.</p>"));
    assertThat(page, containsString("<td>3</td><td>fox</td><td>rejected</td><td>attempt 1: repeats itself &lt;badly&gt;</td>"));
    assertThat(page, containsString("<td>5</td><td></td><td>bad_row</td><td>no story or prompt</td>"));
  }

  @Test
  void escapesEverythingAndLoadsNothingFromElsewhere() {
    assertThat(page, not(containsString("<Sea>")));
    assertThat(page, not(containsString("</script><b>")));
    assertThat(page, not(containsString("<script")));
    assertThat(page, not(containsString("<badly>")));
    assertThat(Pattern.compile("(src|href)=\"(https?:)?//").matcher(page).find(), is(false));
    assertThat(page, not(containsString("@import")));
  }

  @Test
  void transcriptCuesLoseNotesMarkupAndEntities() {
    String vtt = "WEBVTT\n\nNOTE make_id x\n\n1\n00:00:00.000 --> 00:00:01.000\nSun &amp; <i>moon</i> &lt;3\n\n"
        + "00:00:01.000 --> 00:00:02.000\nSecond\nline\n";
    assertThat(SeasonPage.cues(vtt), contains("Sun & moon <3", "Second line"));
  }

  @Test
  void peaksFollowTheAudio() throws Exception {
    // One second of silence, then one second of a tone at half scale.
    Path mp3 = folder.resolve("half.mp3");
    Ffmpeg.run(List.of("-loglevel", "error", "-y", "-f", "lavfi", "-i",
        "aevalsrc='if(gte(t,1),0.5*sin(2*PI*440*t),0)':s=48000:d=2", "-c:a", "libmp3lame",
        "-b:a", "128k", mp3.toString()));
    double[] peaks = Waveform.peaks(Files.readAllBytes(mp3), 20);
    assertThat(peaks.length, is(20));
    List<Double> first = Arrays.stream(peaks, 1, 8).boxed().toList();
    List<Double> second = Arrays.stream(peaks, 12, 19).boxed().toList();
    assertThat(first, everyItem(lessThan(0.02)));
    second.forEach(p -> assertThat(p, closeTo(0.5, 0.06)));
    String svg = Waveform.svg(peaks, "a <b>");
    assertThat(svg, containsString("aria-label=\"a &lt;b&gt;\""));
    assertThat(svg, containsString("viewBox=\"0 0 20 40\""));
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
