package dev.lullabeam.app.season;

import dev.lullabeam.lib.publish.LocalSeasonFiles;
import dev.lullabeam.lib.publish.PublishException;
import dev.lullabeam.lib.publish.PublishSettings;
import dev.lullabeam.lib.publish.SeasonPublisher;
import dev.lullabeam.lib.publish.StoredSeasonFiles;
import dev.lullabeam.lib.storage.SeasonStorage;
import dev.lullabeam.lib.text.TextDecoding;
import dev.lullabeam.pipeline.write.OutputLocation;
import dev.lullabeam.pipeline.write.PublishOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Publishing a season's folder (feed, cover, page), for {@code publish} and for {@code season}
 * at its end: the options as settings, checked before any work, and the run with its console
 * lines.
 */
public final class SeasonPublishing {

  private SeasonPublishing() {}

  /**
   * The publishing options as settings, checked (URL, date, language, e-mail, a given cover).
   *
   * @throws ConfigurationException in one line naming the option
   */
  public static PublishSettings settings(PublishOptions options) throws ConfigurationException {
    try {
      PublishSettings settings =
          new PublishSettings(
              blankToNull(options.getPublicUrl()),
              PublishSettings.parseDate("--firstPubDate", options.getFirstPubDate()),
              blankToNull(options.getCover()) == null ? null : Path.of(options.getCover()),
              blankToNull(options.getPodcastTitle()),
              blankToNull(options.getPodcastDescription()),
              options.getPodcastAuthor(),
              options.getPodcastOwnerName(),
              blankToNull(options.getPodcastOwnerEmail()),
              options.getPodcastLanguage(),
              options.getPodcastCategory(),
              options.isPodcastExplicit());
      SeasonPublisher.check(settings);
      return settings;
    } catch (PublishException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  /**
   * Publishes the season at {@code output} (a local folder, or a bucket through
   * {@link SeasonStorage}), printing what was written and any note. For a bucket without
   * {@code --publicUrl}, URLs are the bucket's public HTTPS addresses.
   *
   * @throws PublishException when there is no finished season there (or a setting is wrong)
   * @throws IOException when a file cannot be read or written
   * @throws ConfigurationException when the output is neither a local folder nor a bucket (another
   *     Beam file system): nothing is published there
   */
  public static void publish(OutputLocation output, PublishSettings settings, PrintWriter out)
      throws IOException, PublishException, ConfigurationException {
    SeasonPublisher.Outcome outcome;
    String where;
    if (output.isGcs()) {
      try (SeasonStorage storage = output.open()) {
        PublishSettings withUrl = settings;
        if (settings.publicUrl() == null) {
          withUrl = settings.withPublicUrl(storage.publicUrl("").orElse(null));
        }
        StoredSeasonFiles files = new StoredSeasonFiles(storage);
        where = files.location();
        outcome = SeasonPublisher.publish(files, withUrl, LocalDate.now(ZoneOffset.UTC));
      }
    } else {
      Path folder = localFolder(output.output());
      where = folder.toString();
      outcome =
          SeasonPublisher.publish(new LocalSeasonFiles(folder), settings, LocalDate.now(ZoneOffset.UTC));
    }
    outcome.notes().forEach(note -> out.println("lullabeam: " + TextDecoding.printable(note)));
    out.println("lullabeam: published " + String.join(", ", outcome.written()) + " in " + where);
    out.flush();
  }

  private static Path localFolder(String output) throws ConfigurationException {
    if (output.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") && !output.startsWith("file:")) {
      throw new ConfigurationException(
          "publishing works on a local folder or a gs:// bucket, not " + output);
    }
    return output.startsWith("file:") ? Path.of(URI.create(output)) : Path.of(output);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
