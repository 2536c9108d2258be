package dev.lullabeam.lib.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes a finished season from what its folder holds, speaking nothing: the cover, the feed
 * (when there is a public URL) and the page. Run by {@code publish}, and by {@code season} at
 * its end.
 */
public final class SeasonPublisher {

  private SeasonPublisher() {}

  /**
   * What publishing did.
   *
   * @param written the files written, relative to the season's folder
   * @param notes what the console should say (no feed and why, an episode without waveform)
   */
  public record Outcome(List<String> written, List<String> notes) {}

  /**
   * Checks the settings and a given cover, before any work.
   *
   * @return the given cover, checked, or empty when one is to be drawn
   * @throws PublishException in one line, naming the option
   */
  public static Optional<CoverArt.Cover> check(PublishSettings settings) throws PublishException {
    settings.check();
    return settings.cover() == null ? Optional.empty() : Optional.of(CoverArt.check(settings.cover()));
  }

  /**
   * Publishes the season in {@code files}.
   *
   * @param today the date undated new episodes count from (see {@link PodcastFeed#write})
   * @throws PublishException when the settings or cover are wrong, or there is no finished season
   */
  public static Outcome publish(SeasonFiles files, PublishSettings settings, LocalDate today)
      throws IOException, PublishException {
    Optional<CoverArt.Cover> given = check(settings);
    PublishedSeason season = PublishedSeason.read(files);
    String title = settings.channelTitle(season.title());
    String description = settings.channelDescription(title);
    List<String> written = new ArrayList<>();
    List<String> notes = new ArrayList<>();

    CoverArt.Cover cover = given.orElseGet(() -> CoverArt.draw(title));
    files.write(cover.fileName(), cover.bytes(), cover.contentType());
    written.add(cover.fileName());

    Optional<String> baseUrl = settings.baseUrl();
    if (baseUrl.isPresent()) {
      byte[] previous = files.read(PodcastFeed.FILE).orElse(null);
      byte[] feed =
          PodcastFeed.write(season, settings, baseUrl.get(), cover.fileName(), previous, today);
      files.write(PodcastFeed.FILE, feed, "application/rss+xml; charset=utf-8");
      written.add(PodcastFeed.FILE);
    } else {
      notes.add(
          "no " + PodcastFeed.FILE + " written: a feed needs the absolute URL the folder is served"
              + " at; give --publicUrl (e.g. --publicUrl=https://example.org/podcast/)");
    }

    Map<String, SeasonPage.EpisodeExtras> extras = new HashMap<>();
    for (PublishedSeason.Episode episode : season.episodes()) {
      double[] peaks = null;
      try {
        byte[] mp3 = files.read(episode.mp3Path()).orElseThrow(() -> new IOException("missing"));
        peaks = Waveform.peaks(mp3, Waveform.BARS);
      } catch (IOException | RuntimeException e) {
        notes.add("no waveform for " + episode.id() + ": " + e.getMessage());
      }
      String vtt =
          files.read(episode.vttPath()).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
      extras.put(episode.id(), new SeasonPage.EpisodeExtras(peaks, vtt));
    }
    byte[] page =
        SeasonPage.write(
            season, title, description, settings.language(), cover.fileName(), baseUrl.isPresent(),
            extras);
    files.write(SeasonPage.FILE, page, "text/html; charset=utf-8");
    written.add(SeasonPage.FILE);
    return new Outcome(written, notes);
  }
}
