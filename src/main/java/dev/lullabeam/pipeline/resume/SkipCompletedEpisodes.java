package dev.lullabeam.pipeline.resume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lullabeam.pipeline.sentences.LexiconFile;
import dev.lullabeam.pipeline.write.EpisodeJson;
import dev.lullabeam.lib.storage.SeasonStorage;
import dev.lullabeam.lib.storage.StoredObject;
import dev.lullabeam.pipeline.write.OutputFiles;
import dev.lullabeam.pipeline.write.OutputLocation;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.lib.audio.EpisodeMixer;
import dev.lullabeam.lib.lexicon.Lexicon;
import dev.lullabeam.values.EpisodeRequest;
import java.io.IOException;
import java.util.Optional;
import javax.annotation.Nullable;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a rerun, passes over episodes that an earlier run finished — read back from the output,
 * a local folder or a bucket — reporting them as reused: their
 * JSON (written last) was made from the same catalogue row and season (story or prompt, topic,
 * voice, title, seed, track number, season name), and the MP3 and transcript beside it have
 * exactly the size and SHA-256 it records. Anything else (a truncated MP3, an empty transcript,
 * the MP3 of another make beside the JSON, an edited row) is made again. With {@code
 * --overwrite} every episode is made again.
 */
public class SkipCompletedEpisodes
    extends PTransform<PCollection<EpisodeRequest>, PCollectionTuple> {

  public static final TupleTag<EpisodeRequest> TO_MAKE = new TupleTag<EpisodeRequest>() {};
  public static final TupleTag<EpisodeOutcome> REUSED = new TupleTag<EpisodeOutcome>() {};

  private final OutputLocation output;
  private final String defaultVoice;
  private final String season;
  private final boolean overwrite;
  private final double tailSeconds;
  private Lexicon lexicon = Lexicon.EMPTY;
  private int maxSentenceChars;

  /** @param output where earlier runs wrote the season: a local folder or a bucket */
  public SkipCompletedEpisodes(
      OutputLocation output, String defaultVoice, String season, boolean overwrite) {
    this(output, defaultVoice, season, overwrite, EpisodeMixer.TAIL_SECONDS);
  }

  /** @param tailSeconds the ambience after the story this season gives (its wind-down) */
  public SkipCompletedEpisodes(
      OutputLocation output, String defaultVoice, String season, boolean overwrite, double tailSeconds) {
    this.output = output;
    this.defaultVoice = defaultVoice;
    this.season = season;
    this.overwrite = overwrite;
    this.tailSeconds = tailSeconds;
  }

  /**
   * The season's lexicon and sentence split: an episode whose story the lexicon would now say
   * differently ({@link LexiconFile#fingerprint}) is made again.
   */
  public SkipCompletedEpisodes withLexicon(Lexicon lexicon, int maxSentenceChars) {
    this.lexicon = lexicon;
    this.maxSentenceChars = maxSentenceChars;
    return this;
  }

  @Override
  public PCollectionTuple expand(PCollection<EpisodeRequest> requests) {
    return requests.apply(
        "CheckExistingOutputs",
        ParDo.of(new SkipFn(output, defaultVoice, season, overwrite, tailSeconds, lexicon, maxSentenceChars))
            .withOutputTags(TO_MAKE, TupleTagList.of(REUSED)));
  }

  static class SkipFn extends DoFn<EpisodeRequest, EpisodeRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(SkipFn.class);

    private final OutputLocation output;
    private final String defaultVoice;
    private final String season;
    private final boolean overwrite;
    private final double tailSeconds;
    private final Lexicon lexicon;
    private final int maxSentenceChars;
    private final Counter reused = Metrics.counter("lullabeam", "episodes_reused");
    private transient SeasonStorage storage;

    SkipFn(
        OutputLocation output, String defaultVoice, String season, boolean overwrite, double tailSeconds,
        Lexicon lexicon, int maxSentenceChars) {
      this.output = output;
      this.defaultVoice = defaultVoice;
      this.season = season;
      this.overwrite = overwrite;
      this.tailSeconds = tailSeconds;
      this.lexicon = lexicon;
      this.maxSentenceChars = maxSentenceChars;
    }

    @Setup
    public void setup() throws IOException {
      storage = output.open();
    }

    @Teardown
    public void teardown() {
      if (storage != null) {
        storage.close();
      }
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

    private @Nullable EpisodeOutcome completed(EpisodeRequest request) {
      String id = request.id();
      try {
        String jsonFile = OutputLocation.episodeFile(id, "json");
        if (storage.stat(jsonFile).isEmpty()) {
          return null; // never finished: nothing to say
        }
        JsonNode json = EpisodeJson.JSON.readTree(storage.read(jsonFile));
        String voice = request.voice() != null ? request.voice() : defaultVoice;
        String mismatch =
            !EpisodeJson.sourceHash(request, voice, season).equals(json.path("source_hash").asText())
                ? "its row, track number or season changed"
                : Math.abs(json.path("tail_s").asDouble(EpisodeMixer.TAIL_SECONDS) - tailSeconds) > 1e-3
                    ? "its wind-down changed"
                    : !LexiconFile.fingerprint(lexicon, json.path("story").asText(null), maxSentenceChars, voice)
                            .equals(json.path("lexicon_hash").asText(""))
                        ? "the lexicon says its story differently"
                        : firstNonNull(mismatch(json, id, "mp3"), mismatch(json, id, "vtt"));
        if (mismatch != null) {
          LOG.info("Episode {} is made again: {}", id, mismatch);
          return null;
        }
        JsonNode minutes = json.path("minutes");
        return EpisodeOutcome.reused(
                id, request.line(), json.path("sentences").size(), json.path("duration_s").asDouble())
            .withMinutes(
                minutes.path("target").isNumber() ? minutes.path("target").asDouble() : null,
                minutes.path("achieved").isNumber() ? minutes.path("achieved").asDouble() : null);
      } catch (IOException e) {
        LOG.info("Episode {} is made again: its earlier outputs cannot be read ({})", id, e.toString());
        return null;
      }
    }

    /** Why the file on disk is not the one the JSON was written with, or null when it is. */
    private @Nullable String mismatch(JsonNode json, String id, String extension)
        throws IOException {
      JsonNode recorded = json.path("files").path(extension);
      if (!recorded.has("sha256")) {
        return "its JSON does not record its " + extension;
      }
      String file = OutputLocation.episodeFile(id, extension);
      Optional<StoredObject> stored = storage.stat(file);
      if (stored.isEmpty()) {
        return "its " + extension + " is missing";
      }
      if (stored.get().size() != recorded.path("bytes").asLong()) {
        return "its " + extension + " is not the one its JSON was written with ("
            + stored.get().size() + " bytes, " + recorded.path("bytes").asLong() + " recorded)";
      }
      byte[] content = storage.read(file);
      if (content.length != recorded.path("bytes").asLong()
          || !OutputFiles.sha256(content).equals(recorded.path("sha256").asText())) {
        return "its " + extension + " is not the one its JSON was written with ("
            + content.length + " bytes, " + recorded.path("bytes").asLong() + " recorded)";
      }
      return null;
    }

    private static @Nullable String firstNonNull(@Nullable String a, @Nullable String b) {
      return a != null ? a : b;
    }
  }
}
