package dev.lullabeam.pipeline.write;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * How a season is published when it ends (and by {@code publish}): feed.xml, cover and
 * index.html beside the episodes. See docs/publishing.md.
 */
public interface PublishOptions extends PipelineOptions {

  @Description(
      "The public http(s) URL the output folder is served at, e.g. https://example.org/podcast/."
          + " Without it no feed.xml is written (a feed needs absolute URLs).")
  String getPublicUrl();

  void setPublicUrl(String value);

  @Description(
      "The first episode's publication date (YYYY-MM-DD); each later track one day later. Without"
          + " it, episodes keep the dates of the feed already published, and new ones count from today.")
  String getFirstPubDate();

  void setFirstPubDate(String value);

  @Description(
      "A cover image to publish instead of drawing one: a square RGB PNG or JPEG of 1400 to 3000 px.")
  String getCover();

  void setCover(String value);

  @Description("The podcast's title (default: the season's name, --season).")
  String getPodcastTitle();

  void setPodcastTitle(String value);

  @Description("The podcast's description (at most 4000 bytes; default: made from the title).")
  String getPodcastDescription();

  void setPodcastDescription(String value);

  @Description("The podcast's author (itunes:author).")
  @Default.String("lullabeam")
  String getPodcastAuthor();

  void setPodcastAuthor(String value);

  @Description("The podcast owner's name (itunes:owner).")
  @Default.String("lullabeam")
  String getPodcastOwnerName();

  void setPodcastOwnerName(String value);

  @Description("The podcast owner's e-mail address (itunes:owner; podcast directories write to it).")
  String getPodcastOwnerEmail();

  void setPodcastOwnerEmail(String value);

  @Description("The podcast's language, a code such as en or en-GB.")
  @Default.String("en")
  String getPodcastLanguage();

  void setPodcastLanguage(String value);

  @Description("The podcast's Apple Podcasts category (itunes:category).")
  @Default.String("Kids & Family")
  String getPodcastCategory();

  void setPodcastCategory(String value);

  @Description("Whether the podcast is explicit (itunes:explicit true/false).")
  @Default.Boolean(false)
  boolean isPodcastExplicit();

  void setPodcastExplicit(boolean value);
}
