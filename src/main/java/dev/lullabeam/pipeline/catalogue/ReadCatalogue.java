package dev.lullabeam.pipeline.catalogue;

import dev.lullabeam.values.EpisodeRequest;

import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.lib.text.TextDecoding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads a catalogue file into episode requests ({@link #EPISODES}) and bad-row outcomes ({@link
 * #BAD_ROWS}). The file is parsed whole by one worker: quoted fields may span lines, and repeated
 * ids can only be seen with every row in view. Catalogues are small next to the work they cause.
 */
public class ReadCatalogue extends PTransform<PBegin, PCollectionTuple> {

  public static final TupleTag<EpisodeRequest> EPISODES = new TupleTag<EpisodeRequest>() {};
  public static final TupleTag<EpisodeOutcome> BAD_ROWS = new TupleTag<EpisodeOutcome>() {};

  private final String catalogue;
  private final Set<String> topics;
  private final Set<String> voices;

  /**
   * @param catalogue path or URI of the CSV file
   * @param topics topics that have a background (normalised)
   * @param voices voice names a row may ask for
   */
  public ReadCatalogue(String catalogue, Set<String> topics, Set<String> voices) {
    this.catalogue = catalogue;
    this.topics = Set.copyOf(topics);
    this.voices = Set.copyOf(voices);
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    return input
        .apply("CatalogueFile", Create.of(catalogue))
        .apply(
            "ParseRows",
            ParDo.of(new ParseCatalogueFn(topics, voices))
                .withOutputTags(EPISODES, TupleTagList.of(BAD_ROWS)));
  }

  static class ParseCatalogueFn extends DoFn<String, EpisodeRequest> {
    private final Set<String> topics;
    private final Set<String> voices;
    private final Counter episodesTotal = Metrics.counter("lullabeam", "episodes_total");
    private final Counter badRows = Metrics.counter("lullabeam", "bad_rows");

    ParseCatalogueFn(Set<String> topics, Set<String> voices) {
      this.topics = topics;
      this.voices = voices;
    }

    @ProcessElement
    public void process(@Element String file, MultiOutputReceiver out) throws IOException {
      String text;
      try (InputStream in =
          Channels.newInputStream(FileSystems.open(FileSystems.matchSingleFileSpec(file).resourceId()))) {
        // Decoded as the launcher did when it checked the file (and warned about a guessed encoding).
        text = TextDecoding.decode(in.readAllBytes()).text();
      } catch (TextDecoding.NotText e) {
        throw new IOException(file + " cannot be read: " + e.getMessage(), e);
      }
      CatalogueParser.Result result;
      try {
        result = new CatalogueParser(topics::contains, voices::contains).parse(text);
      } catch (CatalogueParser.HeaderException e) {
        // Checked before the run starts; reaching this means the file changed since.
        throw new IOException(file + ": " + e.getMessage(), e);
      }
      for (EpisodeRequest episode : result.episodes) {
        episodesTotal.inc();
        out.get(EPISODES).output(episode);
      }
      for (EpisodeOutcome bad : result.badRows) {
        badRows.inc();
        out.get(BAD_ROWS).output(bad);
      }
    }
  }
}
