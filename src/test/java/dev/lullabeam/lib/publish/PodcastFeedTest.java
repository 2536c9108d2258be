package dev.lullabeam.lib.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.FeedInformation;
import com.rometools.modules.itunes.ITunes;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.xpath.XPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class PodcastFeedTest {

  static final String PUBLIC_URL = "https://example.org/podcast/";
  static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

  @TempDir static Path folder;
  static String feed;

  static PublishSettings settings(String publicUrl, LocalDate firstPubDate) {
    return new PublishSettings(
        publicUrl, firstPubDate, null, null, null, "lullabeam", "Night Owl Studio",
        "owner@example.org", "en", "Kids & Family", false);
  }

  @BeforeAll
  static void publish() throws Exception {
    SeasonFixture.write(folder);
    SeasonPublisher.publish(
        new LocalSeasonFiles(folder), settings(PUBLIC_URL, LocalDate.of(2026, 12, 1)), TODAY);
    feed = Files.readString(folder.resolve("feed.xml"), StandardCharsets.UTF_8);
  }

  @Test
  void podcastGuidIsTheSpecsUuid5() {
    // The Podcasting 2.0 namespace's own example (docs/1.0.md, "guid").
    assertThat(
        PodcastGuid.ofFeedUrl("https://mp3s.nashownotes.com/pc20rss.xml"),
        equalTo(UUID.fromString("917393e3-1b1e-5cef-ace4-edaa54e1f810")));
    // Scheme and trailing slashes do not count.
    assertThat(
        PodcastGuid.ofFeedUrl("http://mp3s.nashownotes.com/pc20rss.xml//"),
        equalTo(UUID.fromString("917393e3-1b1e-5cef-ace4-edaa54e1f810")));
  }

  @Test
  void romeParsesItBackWithItsItunesFields() throws Exception {
    Channel channel = (Channel) new WireFeedInput().build(new StringReader(feed));
    assertThat(channel.getTitle(), equalTo(SeasonFixture.SEASON));
    assertThat(channel.getLanguage(), equalTo("en"));
    assertThat(channel.getLink(), equalTo(PUBLIC_URL + "index.html"));
    FeedInformation itunes = (FeedInformation) channel.getModule(ITunes.URI);
    assertThat(itunes.getAuthor(), equalTo("lullabeam"));
    assertThat(itunes.getOwnerName(), equalTo("Night Owl Studio"));
    assertThat(itunes.getOwnerEmailAddress(), equalTo("owner@example.org"));
    assertThat(itunes.getCategories().get(0).getName(), equalTo("Kids & Family"));
    assertThat(itunes.getType(), equalTo("episodic"));
    assertThat(itunes.getImageUri(), equalTo(PUBLIC_URL + "cover.png"));
    List<Item> items = channel.getItems();
    assertThat(items.stream().map(Item::getTitle).toList(),
        contains("The Owl's \"Quiet\" Night", "Song of the <Sea>"));
    EntryInformation second = (EntryInformation) items.get(1).getModule(ITunes.URI);
    assertThat(second.getEpisode(), equalTo(2));
    assertThat(second.getDuration().getMilliseconds(), equalTo(4000L));
  }

  @Test
  void everyRequiredElementIsPresentAndValid() throws Exception {
    assertThat(FeedChecks.assertValid(feed, folder, PUBLIC_URL), is(2));
    XPath xpath = xpath();
    Document doc = parse(feed);
    // Apple's required channel tags.
    assertThat(text(xpath, doc, "/rss/@version"), equalTo("2.0"));
    assertThat(text(xpath, doc, "/rss/channel/title"), not(equalTo("")));
    String description = text(xpath, doc, "/rss/channel/description");
    assertThat(description, not(equalTo("")));
    assertThat(description.getBytes(StandardCharsets.UTF_8).length, lessThanOrEqualTo(4000));
    assertThat(text(xpath, doc, "/rss/channel/language"), equalTo("en"));
    assertThat(text(xpath, doc, "/rss/channel/itunes:image/@href"), equalTo(PUBLIC_URL + "cover.png"));
    assertThat(text(xpath, doc, "/rss/channel/itunes:category/@text"), equalTo("Kids & Family"));
    assertThat(count(xpath, doc, "/rss/channel/itunes:explicit"), equalTo(1));
    assertThat(text(xpath, doc, "/rss/channel/itunes:explicit"), equalTo("false"));
    assertThat(count(xpath, doc, "//itunes:explicit[. != 'true' and . != 'false']"), equalTo(0));
    assertThat(count(xpath, doc, "//itunes:keywords"), equalTo(0));
    assertThat(text(xpath, doc, "/rss/channel/itunes:author"), equalTo("lullabeam"));
    assertThat(text(xpath, doc, "/rss/channel/itunes:owner/itunes:email"), equalTo("owner@example.org"));
    // podcast:guid: UUIDv5 of "example.org/podcast/feed.xml" (Python's uuid.uuid5 agrees).
    assertThat(text(xpath, doc, "/rss/channel/podcast:guid"), equalTo("080cbc85-2163-502d-8b52-3171206ba87e"));
    // Items: only the ok rows, in catalogue order; Apple's required item tags.
    assertThat(count(xpath, doc, "/rss/channel/item"), equalTo(2));
    assertThat(text(xpath, doc, "/rss/channel/item[1]/title"), equalTo("The Owl's \"Quiet\" Night"));
    assertThat(text(xpath, doc, "/rss/channel/item[2]/title"), equalTo("Song of the <Sea>"));
    for (int i = 1; i <= 2; i++) {
      String item = "/rss/channel/item[" + i + "]/";
      String id = i == 1 ? SeasonFixture.FIRST_ID : SeasonFixture.SECOND_ID;
      assertThat(text(xpath, doc, item + "enclosure/@url"), equalTo(PUBLIC_URL + "episodes/" + id + ".mp3"));
      assertThat(text(xpath, doc, item + "enclosure/@type"), equalTo("audio/mpeg"));
      long bytes = Files.size(folder.resolve("episodes/" + id + ".mp3"));
      assertThat(bytes, greaterThan(1000L));
      assertThat(text(xpath, doc, item + "enclosure/@length"), equalTo(Long.toString(bytes)));
      assertThat(text(xpath, doc, item + "guid/@isPermaLink"), equalTo("false"));
      assertThat(text(xpath, doc, item + "guid"), matchesPattern("[0-9a-f-]{36}"));
      assertThat(text(xpath, doc, item + "itunes:duration"), equalTo(i == 1 ? "3" : "4"));
      assertThat(text(xpath, doc, item + "itunes:episode"), equalTo(Integer.toString(i)));
      assertThat(text(xpath, doc, item + "podcast:transcript/@url"), equalTo(PUBLIC_URL + "episodes/" + id + ".vtt"));
      assertThat(text(xpath, doc, item + "podcast:transcript/@type"), equalTo("text/vtt"));
      assertThat(text(xpath, doc, item + "podcast:transcript/@rel"), equalTo("captions"));
    }
    // RFC 2822 dates: --firstPubDate, then one a day by track.
    assertThat(text(xpath, doc, "/rss/channel/item[1]/pubDate"), equalTo("Tue, 01 Dec 2026 00:00:00 GMT"));
    assertThat(text(xpath, doc, "/rss/channel/item[2]/pubDate"), equalTo("Wed, 02 Dec 2026 00:00:00 GMT"));
    assertThat(text(xpath, doc, "/rss/channel/item[1]/description"), equalTo("An owl sat in the old oak & listened."));
  }

  @Test
  void namespacesAreTheExactOnesDeclaredOnceOnTheRoot() {
    assertThat(feed, startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assertThat(occurrences(feed, "xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""), equalTo(1));
    assertThat(occurrences(feed, "xmlns:podcast=\"https://podcastindex.org/namespace/1.0\""), equalTo(1));
    assertThat(occurrences(feed, "xmlns:podcast="), equalTo(1));
    assertThat(feed, matchesPattern("(?s).*<rss[^>]*xmlns:podcast=.*"));
  }

  @Test
  void aRerunKeepsEveryGuidAndDate() throws Exception {
    Path copy = Files.createTempDirectory("rerun");
    SeasonFixture.write(copy);
    LocalSeasonFiles files = new LocalSeasonFiles(copy);
    SeasonPublisher.publish(files, settings(PUBLIC_URL, null), TODAY);
    String first = Files.readString(copy.resolve("feed.xml"));
    // Later, after a rerun remade the second episode: no --firstPubDate, so dates are kept.
    SeasonFixture.episode(copy, SeasonFixture.SECOND_ID, "Song of the <Sea>", 2, 4, 3.0, 600,
        "Remade.");
    SeasonPublisher.publish(files, settings(PUBLIC_URL, null), TODAY.plusDays(10));
    String second = Files.readString(copy.resolve("feed.xml"));
    assertThat(all(second, "<guid[^>]*>([^<]+)</guid>"), equalTo(all(first, "<guid[^>]*>([^<]+)</guid>")));
    assertThat(all(second, "<guid[^>]*>([^<]+)</guid>"), hasSize(2));
    assertThat(all(second, "<pubDate>([^<]+)</pubDate>"), equalTo(all(first, "<pubDate>([^<]+)</pubDate>")));
    assertThat(all(first, "<pubDate>([^<]+)</pubDate>").get(0), equalTo("Mon, 30 Nov 2026 00:00:00 GMT"));
    assertThat(all(second, "<podcast:guid>([^<]+)</podcast:guid>"), equalTo(all(first, "<podcast:guid>([^<]+)</podcast:guid>")));
    // The enclosure follows the remade file.
    assertThat(
        all(second, "length=\"(\\d+)\"").get(1),
        equalTo(Long.toString(Files.size(copy.resolve("episodes/sea_song.mp3")))));
  }

  @Test
  void aCataloguePubDateWins() throws Exception {
    Path copy = Files.createTempDirectory("dated");
    SeasonFixture.write(copy);
    SeasonFixture.pubDate(copy, SeasonFixture.FIRST_ID, "2027-01-15");
    SeasonPublisher.publish(new LocalSeasonFiles(copy), settings(PUBLIC_URL, LocalDate.of(2026, 12, 1)), TODAY);
    List<String> dates = all(Files.readString(copy.resolve("feed.xml")), "<pubDate>([^<]+)</pubDate>");
    assertThat(dates, contains("Fri, 15 Jan 2027 00:00:00 GMT", "Wed, 02 Dec 2026 00:00:00 GMT"));
  }

  @Test
  void withoutPublicUrlNoFeedAndTheReasonIsSaid() throws Exception {
    Path copy = Files.createTempDirectory("nofeed");
    SeasonFixture.write(copy);
    SeasonPublisher.Outcome outcome =
        SeasonPublisher.publish(new LocalSeasonFiles(copy), settings(null, null), TODAY);
    assertThat(Files.exists(copy.resolve("feed.xml")), is(false));
    assertThat(outcome.written(), contains("cover.png", "index.html"));
    assertThat(outcome.notes(), hasSize(1));
    assertThat(outcome.notes().get(0), containsString("--publicUrl"));
  }

  @Test
  void badSettingsAreRefusedInOneLine() {
    for (PublishSettings bad :
        List.of(
            settings("ftp://example.org/", null),
            settings("example.org/podcast", null),
            new PublishSettings(PUBLIC_URL, null, null, null, null, "a", "b", "not-an-address", "en", "Kids & Family", false),
            new PublishSettings(PUBLIC_URL, null, null, null, null, "a", "b", null, "english!", "Kids & Family", false),
            new PublishSettings(PUBLIC_URL, null, null, null, "x".repeat(4001), "a", "b", null, "en", "Kids & Family", false))) {
      PublishException e =
          org.junit.jupiter.api.Assertions.assertThrows(PublishException.class, bad::check);
      assertThat(e.getMessage(), not(containsString("\n")));
      assertThat(e.getMessage(), startsWith("--"));
    }
  }

  @Test
  void withoutAnOwnerEmailTheFeedHasNoEmptyEmailElement() throws Exception {
    Path other = Files.createTempDirectory("no-email");
    SeasonFixture.write(other);
    SeasonPublisher.publish(
        new LocalSeasonFiles(other),
        new PublishSettings(
            PUBLIC_URL, null, null, null, null, "lullabeam", "Night Owl Studio", null, "en",
            "Kids & Family", false),
        TODAY);
    String written = Files.readString(other.resolve("feed.xml"), StandardCharsets.UTF_8);
    assertThat(written, containsString("<itunes:name>Night Owl Studio</itunes:name>"));
    assertThat(written, not(containsString("itunes:email")));
  }

  @Test
  void noFinishedSeasonIsRefused() throws Exception {
    Path empty = Files.createTempDirectory("empty");
    PublishException missing =
        org.junit.jupiter.api.Assertions.assertThrows(
            PublishException.class,
            () -> SeasonPublisher.publish(new LocalSeasonFiles(empty), settings(PUBLIC_URL, null), TODAY));
    assertThat(missing.getMessage(), containsString("report.json is missing"));
    Files.writeString(empty.resolve("report.json"), "{\"season\":\"x\",\"status\":\"running\"}   \n");
    PublishException running =
        org.junit.jupiter.api.Assertions.assertThrows(
            PublishException.class,
            () -> SeasonPublisher.publish(new LocalSeasonFiles(empty), settings(PUBLIC_URL, null), TODAY));
    assertThat(running.getMessage(), containsString("has not finished"));
    try (var files = Files.list(empty)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList(), contains("report.json"));
    }
  }

  @Test
  void aDamagedEpisodeJsonKeepsThatEpisodeOutOnly() throws Exception {
    Path copy = Files.createTempDirectory("damaged");
    SeasonFixture.write(copy);
    Files.writeString(copy.resolve("episodes/" + SeasonFixture.FIRST_ID + ".json"), "{ truncated");
    SeasonPublisher.publish(new LocalSeasonFiles(copy), settings(PUBLIC_URL, null), TODAY);
    String written = Files.readString(copy.resolve("feed.xml"));
    assertThat(all(written, "<title>([^<]+)</title>"), contains("Moon &amp; &lt;Stars&gt;", "Song of the &lt;Sea&gt;"));
    assertThat(Files.readString(copy.resolve("index.html")),
        containsString("<td>2</td><td>owl-night</td><td>unreadable</td><td>episodes/owl-night.json is not JSON"));
  }

  @Test
  void theOpeningIsTheFirstParagraphCutAtAWord() {
    assertThat(PodcastFeed.opening("One two.\n\nThree.", "t"), equalTo("One two."));
    String opening = PodcastFeed.opening("word ".repeat(200), "t");
    assertThat(opening.length(), lessThanOrEqualTo(PodcastFeed.OPENING_CHARS));
    assertThat(opening, matchesPattern("(word )*word…"));
    assertThat(PodcastFeed.opening("", "Title"), equalTo("Title"));
  }

  static List<String> all(String text, String regex) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  static int occurrences(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  static Document parse(String xml) throws Exception {
    return FeedChecks.parse(xml);
  }

  static XPath xpath() {
    return FeedChecks.xpath();
  }

  static String text(XPath xpath, Document doc, String expression) throws Exception {
    return FeedChecks.text(xpath, doc, expression);
  }

  static int count(XPath xpath, Document doc, String expression) throws Exception {
    return FeedChecks.count(xpath, doc, expression);
  }
}
