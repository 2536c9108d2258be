package dev.lullabeam.lib.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * What every feed lullabeam writes must satisfy, checked with plain DOM and XPath: Apple's
 * required channel and item elements, the Podcasting 2.0 elements used, and enclosures whose
 * lengths are the sizes of the files in the season's folder. For any season's feed.
 */
public final class FeedChecks {

  private FeedChecks() {}

  /**
   * @param folder the season's folder, where the enclosures' files are
   * @param publicUrl the URL the feed was written for, ending in "/"
   * @return the number of items
   */
  public static int assertValid(String feed, Path folder, String publicUrl) throws Exception {
    XPath xpath = xpath();
    Document doc = parse(feed);
    assertThat(text(xpath, doc, "/rss/@version"), equalTo("2.0"));
    assertThat(text(xpath, doc, "/rss/channel/title"), not(equalTo("")));
    String description = text(xpath, doc, "/rss/channel/description");
    assertThat(description, not(equalTo("")));
    assertThat(description.getBytes(StandardCharsets.UTF_8).length, lessThanOrEqualTo(4000));
    assertThat(text(xpath, doc, "/rss/channel/language"), matchesPattern("[a-z]{2,3}(-[A-Za-z0-9]+)*"));
    String image = text(xpath, doc, "/rss/channel/itunes:image/@href");
    assertThat(image, matchesPattern(java.util.regex.Pattern.quote(publicUrl) + "cover\\.(png|jpg)"));
    assertThat(Files.exists(folder.resolve(image.substring(publicUrl.length()))), equalTo(true));
    assertThat(text(xpath, doc, "/rss/channel/itunes:category/@text"), not(equalTo("")));
    assertThat(count(xpath, doc, "/rss/channel/itunes:explicit"), equalTo(1));
    assertThat(count(xpath, doc, "//itunes:explicit[. != 'true' and . != 'false']"), equalTo(0));
    assertThat(count(xpath, doc, "//itunes:keywords"), equalTo(0));
    assertThat(text(xpath, doc, "/rss/channel/itunes:author"), not(equalTo("")));
    assertThat(text(xpath, doc, "/rss/channel/itunes:owner/itunes:name"), not(equalTo("")));
    assertThat(text(xpath, doc, "/rss/channel/itunes:type"), equalTo("episodic"));
    assertThat(text(xpath, doc, "/rss/channel/podcast:guid"),
        equalTo(PodcastGuid.ofFeedUrl(publicUrl + "feed.xml").toString()));
    int items = count(xpath, doc, "/rss/channel/item");
    for (int i = 1; i <= items; i++) {
      String item = "/rss/channel/item[" + i + "]/";
      assertThat(text(xpath, doc, item + "title"), not(equalTo("")));
      String url = text(xpath, doc, item + "enclosure/@url");
      assertThat(url, matchesPattern(java.util.regex.Pattern.quote(publicUrl) + "episodes/[A-Za-z0-9_-]+\\.mp3"));
      long bytes = Files.size(folder.resolve(url.substring(publicUrl.length())));
      assertThat(bytes, greaterThan(0L));
      assertThat(text(xpath, doc, item + "enclosure/@length"), equalTo(Long.toString(bytes)));
      assertThat(text(xpath, doc, item + "enclosure/@type"), equalTo("audio/mpeg"));
      assertThat(text(xpath, doc, item + "guid/@isPermaLink"), equalTo("false"));
      assertThat(text(xpath, doc, item + "guid"), matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
      ZonedDateTime.parse(text(xpath, doc, item + "pubDate"), DateTimeFormatter.RFC_1123_DATE_TIME);
      assertThat(text(xpath, doc, item + "itunes:duration"), matchesPattern("\\d+"));
      assertThat(text(xpath, doc, item + "itunes:episode"), matchesPattern("[1-9]\\d*"));
      String transcript = text(xpath, doc, item + "podcast:transcript/@url");
      assertThat(transcript, startsWith(publicUrl + "episodes/"));
      assertThat(Files.exists(folder.resolve(transcript.substring(publicUrl.length()))), equalTo(true));
      assertThat(text(xpath, doc, item + "podcast:transcript/@type"), equalTo("text/vtt"));
      assertThat(text(xpath, doc, item + "podcast:transcript/@rel"), equalTo("captions"));
    }
    return items;
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder()
        .parse(new InputSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
  }

  static XPath xpath() {
    XPath xpath = XPathFactory.newInstance().newXPath();
    xpath.setNamespaceContext(
        new NamespaceContext() {
          @Override
          public String getNamespaceURI(String prefix) {
            return switch (prefix) {
              case "itunes" -> "http://www.itunes.com/dtds/podcast-1.0.dtd";
              case "podcast" -> "https://podcastindex.org/namespace/1.0";
              default -> XMLConstants.NULL_NS_URI;
            };
          }

          @Override
          public String getPrefix(String uri) {
            return null;
          }

          @Override
          public Iterator<String> getPrefixes(String uri) {
            return null;
          }
        });
    return xpath;
  }

  static String text(XPath xpath, Document doc, String expression) throws Exception {
    NodeList nodes = (NodeList) xpath.evaluate(expression, doc, XPathConstants.NODESET);
    assertThat(expression + " is present", nodes.getLength(), greaterThan(0));
    return nodes.item(0).getTextContent().strip();
  }

  static int count(XPath xpath, Document doc, String expression) throws Exception {
    return ((NodeList) xpath.evaluate(expression, doc, XPathConstants.NODESET)).getLength();
  }
}
