package dev.lullabeam.app;

import dev.lullabeam.app.season.ConfigurationException;
import dev.lullabeam.app.season.SeasonPublishing;
import dev.lullabeam.lib.publish.PublishException;
import dev.lullabeam.lib.publish.PublishSettings;
import dev.lullabeam.lib.text.TextDecoding;
import dev.lullabeam.pipeline.write.OutputLocation;
import dev.lullabeam.pipeline.write.PublishOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code publish}: rewrites feed.xml, the cover and index.html of a season's folder from what is
 * there, speaking nothing. The options are the season's publishing options, with their defaults
 * ({@link PublishOptions}).
 */
@Command(
    name = "publish",
    description = {
      "Publish a finished season from its output folder: feed.xml (with --publicUrl), the cover",
      "and index.html, rewritten from the episodes and report already there; nothing is spoken.",
      "'--name value' works as well as '--name=value'. See docs/publishing.md."
    },
    defaultValueProvider = PipelineOptionDefaults.class)
public final class PublishCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--output", required = true, description = "The season's output folder or gs://bucket/prefix.")
  String output;

  @Option(names = "--gcsEndpoint", description = "Google Cloud Storage endpoint for a gs:// output (emulators, private endpoints).")
  String gcsEndpoint;

  @Option(names = "--publicUrl", description = "The http(s) URL the folder is served at; without it no feed.")
  String publicUrl;

  @Option(names = "--firstPubDate", description = "The first episode's date, YYYY-MM-DD (one a day after).")
  String firstPubDate;

  @Option(names = "--cover", description = "A square RGB PNG or JPEG of 1400-3000 px instead of a drawn cover.")
  String cover;

  @Option(names = "--podcastTitle", description = "The podcast's title (default: the season's name).")
  String podcastTitle;

  @Option(names = "--podcastDescription", description = "The podcast's description (at most 4000 bytes).")
  String podcastDescription;

  @Option(names = "--podcastAuthor", description = "itunes:author (default: ${DEFAULT-VALUE}).")
  String podcastAuthor;

  @Option(names = "--podcastOwnerName", description = "itunes:owner name (default: ${DEFAULT-VALUE}).")
  String podcastOwnerName;

  @Option(names = "--podcastOwnerEmail", description = "itunes:owner e-mail.")
  String podcastOwnerEmail;

  @Option(names = "--podcastLanguage", description = "Language code (default: ${DEFAULT-VALUE}).")
  String podcastLanguage;

  @Option(names = "--podcastCategory", description = "itunes:category (default: ${DEFAULT-VALUE}).")
  String podcastCategory;

  @Option(names = "--podcastExplicit", arity = "0..1", description = "itunes:explicit (default: ${DEFAULT-VALUE}).")
  boolean podcastExplicit;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      PublishSettings settings = SeasonPublishing.settings(options());
      SeasonPublishing.publish(new OutputLocation(output, gcsEndpoint), settings, out);
      return 0;
    } catch (ConfigurationException | PublishException e) {
      err.println("lullabeam publish: " + TextDecoding.printable(e.getMessage()));
      return CommandErrors.USAGE_OR_INPUT_ERROR;
    } catch (IOException e) {
      err.println("lullabeam publish: " + TextDecoding.printable(String.valueOf(e.getMessage())));
      return 1;
    }
  }

  /** The command's options as the season's, so both check and default them in one place. */
  private PublishOptions options() {
    PublishOptions options = PipelineOptionsFactory.as(PublishOptions.class);
    options.setPublicUrl(publicUrl);
    options.setFirstPubDate(firstPubDate);
    options.setCover(cover);
    options.setPodcastTitle(podcastTitle);
    options.setPodcastDescription(podcastDescription);
    options.setPodcastAuthor(podcastAuthor);
    options.setPodcastOwnerName(podcastOwnerName);
    options.setPodcastOwnerEmail(podcastOwnerEmail);
    options.setPodcastLanguage(podcastLanguage);
    options.setPodcastCategory(podcastCategory);
    options.setPodcastExplicit(podcastExplicit);
    return options;
  }
}
