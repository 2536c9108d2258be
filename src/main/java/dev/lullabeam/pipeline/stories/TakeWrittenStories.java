package dev.lullabeam.pipeline.stories;

import dev.lullabeam.values.EpisodeRequest;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Separates rows whose story the catalogue gives ({@link #WRITTEN}) from rows that give only a
 * prompt ({@link #PROMPTED}), which the language model writes.
 */
public class TakeWrittenStories
    extends PTransform<PCollection<EpisodeRequest>, PCollectionTuple> {

  public static final TupleTag<EpisodeRequest> WRITTEN = new TupleTag<EpisodeRequest>() {};
  public static final TupleTag<EpisodeRequest> PROMPTED = new TupleTag<EpisodeRequest>() {};

  @Override
  public PCollectionTuple expand(PCollection<EpisodeRequest> requests) {
    return requests.apply(
        "WrittenOrPrompted",
        ParDo.of(new KeepWrittenFn()).withOutputTags(WRITTEN, TupleTagList.of(PROMPTED)));
  }

  static class KeepWrittenFn extends DoFn<EpisodeRequest, EpisodeRequest> {
    @ProcessElement
    public void process(@Element EpisodeRequest request, MultiOutputReceiver out) {
      if (request.story() != null) {
        out.get(WRITTEN).output(request);
      } else {
        out.get(PROMPTED).output(request);
      }
    }
  }
}
