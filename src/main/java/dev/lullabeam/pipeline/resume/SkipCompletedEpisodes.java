package dev.lullabeam.pipeline.resume;

import dev.lullabeam.pipeline.write.EpisodeJson;
import dev.lullabeam.pipeline.write.OutputFiles;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lullabeam.values.EpisodeRequest;
import dev.lullabeam.values.EpisodeOutcome;
import java.io.IOException;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * On a rerun, passes over episodes whose MP3, transcript and JSON are all there and were made
 * from the same catalogue row (same story or prompt, topic, voice, title and seed), reporting
 * them as reused. With {@code --overwrite} every episode is made again.
 */
public class SkipCompletedEpisodes
    extends PTransform<PCollection<EpisodeRequest>, PCollectionTuple> {

  public static final TupleTag<EpisodeRequest> TO_MAKE = new TupleTag<EpisodeRequest>() {};
  public static final TupleTag<EpisodeOutcome> REUSED = new TupleTag<EpisodeOutcome>() {};

  private final String output;
  private final String defaultVoice;
  private final boolean overwrite;

  public SkipCompletedEpisodes(String output, String defaultVoice, boolean overwrite) {
    this.output = output;
    this.defaultVoice = defaultVoice;
    this.overwrite = overwrite;
  }

  @Override
  public PCollectionTuple expand(PCollection<EpisodeRequest> requests) {
    return requests.apply(
        "CheckExistingOutputs",
        ParDo.of(new SkipFn(output, defaultVoice, overwrite))
            .withOutputTags(TO_MAKE, TupleTagList.of(REUSED)));
  }

  static class SkipFn extends DoFn<EpisodeRequest, EpisodeRequest> {
    private final String output;
    private final String defaultVoice;
    private final boolean overwrite;
    private final Counter reused = Metrics.counter("lullabeam", "episodes_reused");

    SkipFn(String output, String defaultVoice, boolean overwrite) {
      this.output = output;
      this.defaultVoice = defaultVoice;
      this.overwrite = overwrite;
    }

    @ProcessElement
    public void process(@Element EpisodeRequest request, MultiOutputReceiver out) {
      if (!overwrite) {
        EpisodeOutcome previous = completed(request);
        if (previous != null) {
          reused.inc();
          out.get(REUSED).output(previous);
          return;
        }
      }
      out.get(TO_MAKE).output(request);
    }

    private EpisodeOutcome completed(EpisodeRequest request) {
      String id = request.id();
      try {
        if (!OutputFiles.exists(OutputFiles.episodeFile(output, id, "json"))
            || !OutputFiles.exists(OutputFiles.episodeFile(output, id, "mp3"))
            || !OutputFiles.exists(OutputFiles.episodeFile(output, id, "vtt"))) {
          return null;
        }
        JsonNode json =
            EpisodeJson.JSON.readTree(OutputFiles.read(OutputFiles.episodeFile(output, id, "json")));
        String voice = request.voice() != null ? request.voice() : defaultVoice;
        if (!EpisodeJson.sourceHash(request, voice).equals(json.path("source_hash").asText())) {
          return null;
        }
        return EpisodeOutcome.reused(
            id, request.line(), json.path("sentences").size(), json.path("duration_s").asDouble());
      } catch (IOException e) {
        return null; // unreadable leftovers: make the episode again
      }
    }
  }
}
