package dev.lullabeam.lib.publish;

import com.rometools.modules.itunes.AbstractITunesObject;
import com.rometools.modules.itunes.EntryInformationImpl;
import com.rometools.modules.itunes.FeedInformationImpl;
import com.rometools.modules.itunes.types.Category;
import com.rometools.modules.itunes.types.Duration;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Enclosure;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.filter.Filters;
import org.jdom2.input.SAXBuilder;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * {@code feed.xml}: RSS 2.0 with the iTunes and Podcasting 2.0 namespaces, written with ROME and
 * its iTunes module. ROME has no Podcasting 2.0 module, so {@code podcast:guid} and
 * {@code podcast:transcript} are foreign markup, their namespace declared once on the root. What
 * ROME 2.1.0 writes is then corrected where Apple asks otherwise: {@code itunes:explicit} is
 * {@code true}/{@code false} (ROME writes {@code no}), {@code itunes:duration} is in whole seconds
 * (ROME writes H:MM:SS), and the empty {@code itunes:keywords} (and {@code itunes:email} without an
 * owner e-mail) it adds are dropped.
 */
public final class PodcastFeed {

  public static final String FILE = "feed.xml";
  public static final Namespace ITUNES =
      Namespace.getNamespace("itunes", AbstractITunesObject.URI);
  public static final Namespace PODCAST =
      Namespace.getNamespace("podcast", "https://podcastindex.org/namespace/1.0");
  /** How long an episode description (the story's opening) may be, in characters. */
  static final int OPENING_CHARS = 400;
  /** Item guids: the UUIDv5 of "season/id" in this namespace, the UUIDv5 of "lullabeam". */
  static final UUID EPISODE_NAMESPACE = PodcastGuid.uuid5(PodcastGuid.PODCAST_NAMESPACE, "lullabeam");

  private PodcastFeed() {}

  /** The episode's {@code guid}: the same for the same season name and id, whatever the rerun. */
  public static String episodeGuid(String season, String id) {
    return PodcastGuid.uuid5(EPISODE_NAMESPACE, season + "/" + id).toString();
  }

  /**
   * The feed.
   *
   * @param baseUrl where the output folder is served, ending in "/"
   * @param coverFile the cover's file name in the output folder
   * @param previousFeed the feed this replaces, or null: an episode it lists keeps its pubDate
   *     unless {@code --firstPubDate} or the catalogue's {@code pub_date} say otherwise
   * @param today the date episodes are dated from when nothing else dates them
   */
  public static byte[] write(
      PublishedSeason season, PublishSettings settings, String baseUrl, String coverFile,
      byte[] previousFeed, LocalDate today) {
    String title = settings.channelTitle(season.title());
    String feedUrl = baseUrl + FILE;
    Map<String, Date> previousDates = previousFeed == null ? Map.of() : pubDates(previousFeed);

    Channel channel = new Channel("rss_2.0");
    channel.setEncoding("UTF-8");
    channel.setTitle(title);
    channel.setLink(baseUrl + SeasonPage.FILE);
    channel.setDescription(settings.channelDescription(title));
    channel.setLanguage(settings.language());
    channel.setGenerator("lullabeam");

    FeedInformationImpl itunes = new FeedInformationImpl();
    itunes.setImageUri(baseUrl + coverFile);
    itunes.setCategories(new ArrayList<>(List.of(new Category(settings.category()))));
    itunes.setExplicit(settings.explicit());
    itunes.setAuthor(settings.author());
    itunes.setOwnerName(settings.ownerName());
    if (settings.ownerEmail() != null && !settings.ownerEmail().isBlank()) {
      itunes.setOwnerEmailAddress(settings.ownerEmail());
    }
    itunes.setType("episodic");
    channel.setModules(new ArrayList<Module>(List.of(itunes)));
    channel.setForeignMarkup(
        new ArrayList<>(List.of(new Element("guid", PODCAST).setText(PodcastGuid.ofFeedUrl(feedUrl).toString()))));

    List<Item> items = new ArrayList<>();
    for (PublishedSeason.Episode episode : season.episodes()) {
      String guid = episodeGuid(season.title(), episode.id());
      Item item = new Item();
      item.setTitle(episode.title());
      Description description = new Description();
      description.setType("text/plain");
      description.setValue(opening(episode.story(), episode.title()));
      item.setDescription(description);
      Enclosure enclosure = new Enclosure();
      enclosure.setUrl(baseUrl + episode.mp3Path());
      enclosure.setLength(episode.mp3Bytes());
      enclosure.setType("audio/mpeg");
      item.setEnclosures(new ArrayList<>(List.of(enclosure)));
      Guid itemGuid = new Guid();
      itemGuid.setValue(guid);
      itemGuid.setPermaLink(false);
      item.setGuid(itemGuid);
      item.setPubDate(pubDate(episode, settings.firstPubDate(), previousDates.get(guid), today));
      EntryInformationImpl entry = new EntryInformationImpl();
      entry.setDuration(new Duration(Math.round(episode.durationSeconds()) * 1000));
      entry.setEpisode(episode.track());
      entry.setEpisodeType("full");
      item.setModules(new ArrayList<Module>(List.of(entry)));
      if (episode.hasTranscript()) {
        item.setForeignMarkup(
            new ArrayList<>(
                List.of(
                    new Element("transcript", PODCAST)
                        .setAttribute("url", baseUrl + episode.vttPath())
                        .setAttribute("type", "text/vtt")
                        .setAttribute("rel", "captions"))));
      }
      items.add(item);
    }
    channel.setItems(items);

    Document document;
    try {
      document = new WireFeedOutput().outputJDom(channel);
    } catch (FeedException e) {
      throw new IllegalStateException("ROME cannot write the feed: " + e.getMessage(), e);
    }
    Element root = document.getRootElement();
    root.addNamespaceDeclaration(ITUNES);
    root.addNamespaceDeclaration(PODCAST);
    correctItunes(root, settings.explicit(), season);
    StringWriter xml = new StringWriter();
    try {
      new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).output(document, xml);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return xml.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The catalogue's date, else {@code --firstPubDate} plus a day per track, else the feed's. */
  private static Date pubDate(
      PublishedSeason.Episode episode, LocalDate firstPubDate, Date previous, LocalDate today) {
    LocalDate date = null;
    if (episode.pubDate() != null) {
      try {
        date = LocalDate.parse(episode.pubDate());
      } catch (DateTimeParseException e) {
        date = null; // the catalogue checked it; an edited JSON falls back to the rules below
      }
    }
    if (date == null && firstPubDate == null && previous != null) {
      return previous;
    }
    if (date == null) {
      date = (firstPubDate != null ? firstPubDate : today).plusDays(Math.max(0, episode.track() - 1));
    }
    return Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /** The first paragraph of the story, cut at a word before {@link #OPENING_CHARS}. */
  static String opening(String story, String fallback) {
    String text = story == null ? "" : story.strip();
    if (text.isEmpty()) {
      return fallback;
    }
    String paragraph = text.split("\\R\\s*\\R", 2)[0].replaceAll("\\s+", " ");
    if (paragraph.length() <= OPENING_CHARS) {
      return paragraph;
    }
    int cut = paragraph.lastIndexOf(' ', OPENING_CHARS - 1);
    return paragraph.substring(0, cut > 0 ? cut : OPENING_CHARS - 1) + "…";
  }

  private static void correctItunes(Element root, boolean explicit, PublishedSeason season) {
    Map<String, Long> seconds = new HashMap<>();
    for (PublishedSeason.Episode episode : season.episodes()) {
      seconds.put(episodeGuid(season.title(), episode.id()), Math.round(episode.durationSeconds()));
    }
    List<Element> elements = new ArrayList<>();
    root.getDescendants(Filters.element(ITUNES)).forEach(elements::add);
    for (Element e : elements) {
      switch (e.getName()) {
        case "explicit" -> e.setText(Boolean.toString(explicit));
        case "keywords", "summary", "subtitle", "email" -> { // email: no --podcastOwnerEmail
          if (e.getTextTrim().isEmpty()) {
            e.detach();
          }
        }
        case "duration" -> {
          String guid = e.getParentElement().getChildText("guid");
          e.setText(String.valueOf(seconds.get(guid)));
        }
        default -> {}
      }
    }
  }

  /** guid → pubDate of a feed written before; an unreadable feed dates nothing. */
  static Map<String, Date> pubDates(byte[] feed) {
    Map<String, Date> dates = new HashMap<>();
    try {
      SAXBuilder builder = new SAXBuilder();
      builder.setExpandEntities(false);
      Document document = builder.build(new ByteArrayInputStream(feed));
      Element channel = document.getRootElement().getChild("channel");
      if (channel == null) {
        return dates;
      }
      for (Element item : channel.getChildren("item")) {
        String guid = item.getChildTextTrim("guid");
        String pubDate = item.getChildTextTrim("pubDate");
        if (guid != null && pubDate != null) {
          try {
            dates.put(guid, Date.from(ZonedDateTime.parse(pubDate, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
          } catch (DateTimeParseException e) {
            // a date we cannot read is replaced by one we compute
          }
        }
      }
    } catch (JDOMException | IOException e) {
      // no usable earlier feed: every episode is dated afresh
    }
    return dates;
  }
}
