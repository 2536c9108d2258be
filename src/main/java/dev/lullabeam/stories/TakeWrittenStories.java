package dev.lullabeam.stories;

import dev.lullabeam.catalogue.EpisodeRequest;
import dev.lullabeam.report.EpisodeOutcome;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Passes on the episodes whose story the catalogue gives. Rows with only a prompt need a language
 * model, which this build does not have yet: each is reported failed, naming the row.
 */
public class TakeWrittenStories
    extends PTransform<PCollection<EpisodeRequest>, PCollectionTuple> {

  public static final TupleTag<EpisodeRequest> WRITTEN = new TupleTag<EpisodeRequest>() {};
  public static final TupleTag<EpisodeOutcome> FAILED = new TupleTag<EpisodeOutcome>() {};

  static final String NO_MODEL =
      "the row has a prompt but no story, and story generation is not available in this build:"
          + " give the story in the catalogue's story column";

  @Override
  public PCollectionTuple expand(PCollection<EpisodeRequest> requests) {
    return requests.apply(
        "KeepWrittenStories",
        ParDo.of(new KeepWrittenFn()).withOutputTags(WRITTEN, TupleTagList.of(FAILED)));
  }

  static class KeepWrittenFn extends DoFn<EpisodeRequest, EpisodeRequest> {
    @ProcessElement
    public void process(@Element EpisodeRequest request, MultiOutputReceiver out) {
      if (request.story() != null) {
        out.get(WRITTEN).output(request);
      } else {
        out.get(FAILED).output(EpisodeOutcome.failed(request.id(), request.line(), NO_MODEL));
      }
    }
  }
}
