package dev.lullabeam.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.lullabeam.lib.publish.FeedChecks;
import dev.lullabeam.lib.publish.PageInBrowser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code season} publishes at its end; {@code publish} rewrites feed, cover and page of a season's
 * folder from what is there, and refuses a folder without a finished season or a bad cover in
 * one line with exit status 2.
 */
class PublishCommandTest {

  @TempDir static Path work;
  static Path output;
  static Run season;

  record Run(int exit, String out, String err) {}

  static Run lullabeam(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Lullabeam.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @BeforeAll
  static void runSeason() throws IOException {
    Path catalogue = work.resolve("season.csv");
    Files.writeString(
        catalogue,
        "id,topic,title,story,pub_date\n"
            + "moon-boat,ocean,The Moon Boat,\"A little boat sailed under the moon.\",2026-12-24\n"
            + "bad id!,rain,Oops,\"This row has a bad id.\",\n",
        StandardCharsets.UTF_8);
    output = work.resolve("out");
    season =
        lullabeam(
            "season", "--catalogue=" + catalogue, "--output=" + output,
            "--backgrounds=backgrounds/backgrounds.csv", "--season=Publish Test",
            "--progressSeconds=0", "--publicUrl=https://example.org/podcast/",
            "--firstPubDate=2026-12-01");
  }

  @Test
  void aSeasonPublishesItselfAtTheEnd() throws IOException {
    assertThat(season.err, season.exit, is(0));
    assertThat(season.out, containsString("published cover.png, feed.xml, index.html"));
    String feed = Files.readString(output.resolve("feed.xml"));
    assertThat(feed, containsString("<enclosure url=\"https://example.org/podcast/episodes/moon-boat.mp3\" length=\""
        + Files.size(output.resolve("episodes/moon-boat.mp3")) + "\" type=\"audio/mpeg\" />"));
    // The catalogue's pub_date wins over --firstPubDate; the report keeps it for later publishing.
    assertThat(feed, containsString("<pubDate>Thu, 24 Dec 2026 00:00:00 GMT</pubDate>"));
    assertThat(Files.readString(output.resolve("report.json")), containsString("\"pub_date\" : \"2026-12-24\""));
    BufferedImage cover = ImageIO.read(output.resolve("cover.png").toFile());
    assertThat(cover.getWidth(), is(1400));
    String page = Files.readString(output.resolve("index.html"));
    assertThat(page, allOf(containsString("The Moon Boat"), containsString("<svg class=\"waveform\""),
        containsString("bad id!"), containsString("<a class=\"feed\" href=\"feed.xml\"")));
  }

  @Test
  void theSeasonsFeedIsValidAndItsPageWorksInABrowser() throws Exception {
    assertThat(season.err, season.exit, is(0));
    String feed = Files.readString(output.resolve("feed.xml"));
    assertThat(FeedChecks.assertValid(feed, output, "https://example.org/podcast/"), is(1));
    assertThat(
        PageInBrowser.check(output.resolve("index.html"), Path.of("target", "season-page-real.png")),
        is(1));
  }

  @Test
  void publishRewritesFromWhatIsThereSpeakingNothing() throws IOException {
    assertThat(season.err, season.exit, is(0));
    String guid = guid(Files.readString(output.resolve("feed.xml")));
    Files.delete(output.resolve("index.html"));
    byte[] mp3 = Files.readAllBytes(output.resolve("episodes/moon-boat.mp3"));
    Run run =
        lullabeam(
            "publish", "--output", output.toString(), "--publicUrl", "https://example.org/podcast",
            "--podcastTitle", "Renamed & Co", "--podcastExplicit");
    assertThat(run.err, run.exit, is(0));
    assertThat(run.out, containsString("published cover.png, feed.xml, index.html"));
    String feed = Files.readString(output.resolve("feed.xml"));
    assertThat(feed, containsString("<title>Renamed &amp; Co</title>"));
    assertThat(feed, containsString("<itunes:explicit>true</itunes:explicit>"));
    assertThat(guid(feed), equalTo(guid));
    // The catalogue's date, read back from the report.
    assertThat(feed, containsString("<pubDate>Thu, 24 Dec 2026 00:00:00 GMT</pubDate>"));
    assertThat(Files.exists(output.resolve("index.html")), is(true));
    assertThat(Files.readAllBytes(output.resolve("episodes/moon-boat.mp3")), equalTo(mp3));
  }

  @Test
  void publishWithoutPublicUrlWritesNoFeedAndSaysWhy() throws IOException {
    Path copy = work.resolve("nofeed");
    Files.createDirectories(copy.resolve("episodes"));
    for (String file : new String[] {"report.json", "episodes/moon-boat.mp3", "episodes/moon-boat.json", "episodes/moon-boat.vtt"}) {
      Files.copy(output.resolve(file), copy.resolve(file));
    }
    Run run = lullabeam("publish", "--output=" + copy);
    assertThat(run.err, run.exit, is(0));
    assertThat(run.out, containsString("no feed.xml written"));
    assertThat(run.out, containsString("--publicUrl"));
    assertThat(Files.exists(copy.resolve("feed.xml")), is(false));
    assertThat(Files.exists(copy.resolve("index.html")), is(true));
  }

  @Test
  void publishOnAFolderWithoutASeasonExitsTwo() throws IOException {
    Path empty = Files.createDirectories(work.resolve("empty"));
    Run run = lullabeam("publish", "--output=" + empty, "--publicUrl=https://example.org/");
    assertThat(run.exit, is(2));
    assertThat(run.err, allOf(startsWith("lullabeam publish: no season in "), containsString("report.json is missing")));
    assertThat(run.err.strip().lines().count(), is(1L));
    try (var files = Files.list(empty)) {
      assertThat(files.count(), is(0L));
    }
  }

  @Test
  void aBadCoverOrUrlExitsTwoWithOneLineBeforeAnyWork() throws IOException {
    Path small = work.resolve("small.png");
    ImageIO.write(new BufferedImage(600, 600, BufferedImage.TYPE_INT_RGB), "png", small.toFile());
    for (String[] args :
        new String[][] {
          {"publish", "--output=" + output, "--cover=" + small},
          {"publish", "--output=" + output, "--publicUrl=ftp://example.org/"},
          {"publish", "--output=" + output, "--firstPubDate=1 December"},
          {"season", "--catalogue=" + work.resolve("season.csv"), "--output=" + work.resolve("never"),
              "--backgrounds=backgrounds/backgrounds.csv", "--cover=" + small}
        }) {
      Run run = lullabeam(args);
      assertThat(run.err, run.exit, is(2));
      assertThat(run.err, startsWith("lullabeam " + args[0] + ": --"));
      assertThat(run.err.strip().lines().count(), is(1L));
    }
    assertThat(Files.exists(work.resolve("never")), is(false));
    assertThat(lullabeam("publish", "--output=" + output, "--cover=" + small).err,
        containsString("600 px wide; it must be 1400 to 3000"));
  }

  @Test
  void publishIsACommandWithHelp() {
    Run run = lullabeam("help", "publish");
    assertThat(run.out, allOf(containsString("--publicUrl"), containsString("--firstPubDate"),
        containsString("--cover"), containsString("Kids & Family")));
    assertThat(lullabeam("help").out, containsString("publish"));
    assertThat(run.out, not(containsString("${DEFAULT-VALUE}")));
  }

  private static String guid(String feed) {
    Matcher m = Pattern.compile("<guid[^>]*>([^<]+)</guid>").matcher(feed);
    assertThat(m.find(), is(true));
    return m.group(1);
  }
}
