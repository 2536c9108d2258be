package dev.lullabeam.pipeline.write;

import dev.lullabeam.lib.storage.PreconditionFailedException;
import dev.lullabeam.lib.storage.SeasonStorage;
import dev.lullabeam.lib.storage.WriteCondition;
import dev.lullabeam.lib.text.WebVtt;
import dev.lullabeam.lib.lexicon.Lexicon;
import dev.lullabeam.pipeline.sentences.LexiconFile;
import dev.lullabeam.values.MixedEpisode;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.EpisodeRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each episode's MP3, WebVTT transcript and JSON into the season's {@link
 * OutputLocation} (a local folder or a bucket), each atomically and replacing only the version
 * that was there when the write began. The JSON goes last and
 * records the size and hash of the other two: a rerun reuses an episode only when its JSON
 * exists and the files beside it are exactly those. An episode that cannot be written completely
 * leaves none of its files, which on a full disk frees room for the report.
 */
public class WriteEpisodes extends PTransform<PCollection<MixedEpisode>, PCollection<EpisodeOutcome>> {

  private final OutputLocation output;
  private final String season;

  /** @param season the season's name, part of what each episode's JSON says it was made from */
  private Lexicon lexicon = Lexicon.EMPTY;
  private int maxSentenceChars;

  public WriteEpisodes(OutputLocation output, String season) {
    this.output = output;
    this.season = season;
  }

  /**
   * The season's lexicon and sentence split: each episode's JSON records which entries change what
   * its voice says ({@code lexicon_hash}), so that a rerun notices a lexicon that says it differently.
   */
  public WriteEpisodes withLexicon(Lexicon lexicon, int maxSentenceChars) {
    this.lexicon = lexicon;
    this.maxSentenceChars = maxSentenceChars;
    return this;
  }

  /** Into a local folder (or a folder of any Beam file system). */
  public WriteEpisodes(String output, String season) {
    this(OutputLocation.of(output), season);
  }

  @Override
  public PCollection<EpisodeOutcome> expand(PCollection<MixedEpisode> episodes) {
    return episodes.apply("WriteFiles", ParDo.of(new WriteEpisodeFn(output, season, lexicon, maxSentenceChars)));
  }

  /** How many stories the language model wrote (0 for written stories). */
  static int storyAttempts(EpisodeRequest request) {
    return request.storyInfo() == null ? 0 : request.storyInfo().storyAttempts();
  }

  static class WriteEpisodeFn extends DoFn<MixedEpisode, EpisodeOutcome> {
    private static final Logger LOG = LoggerFactory.getLogger(WriteEpisodeFn.class);

    private final OutputLocation output;
    private final String season;
    private final Lexicon lexicon;
    private final int maxSentenceChars;
    private final Counter audioMillis = Metrics.counter("lullabeam", "audio_ms");
    private transient SeasonStorage storage;

    WriteEpisodeFn(OutputLocation output, String season, Lexicon lexicon, int maxSentenceChars) {
      this.output = output;
      this.season = season;
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
    public void process(@Element MixedEpisode episode, OutputReceiver<EpisodeOutcome> out) {
      EpisodeRequest request = episode.plan().request();
      String id = request.id();
      long start = System.nanoTime();
      String makeId = UUID.randomUUID().toString();
      byte[] vtt = WebVtt.of(episode.sentences(), makeId).getBytes(StandardCharsets.UTF_8);
      List<String> files =
          List.of(
              OutputLocation.episodeFile(id, "mp3"),
              OutputLocation.episodeFile(id, "vtt"),
              OutputLocation.episodeFile(id, "json"));
      List<String> written = new ArrayList<>();
      try {
        // The mixer left the MP3 in the work folder (not in memory): copy it in, then drop it.
        ResourceId mixedMp3 = FileSystems.matchNewResource(episode.mp3File(), false);
        byte[] mp3 = OutputFiles.read(mixedMp3);
        replace(files.get(0), mp3, "audio/mpeg", written);
        replace(files.get(1), vtt, "text/vtt", written);
        double seconds = (System.nanoTime() - start) / 1e9;
        replace(
            files.get(2),
            EpisodeJson.of(
                episode, season, makeId, mp3, vtt, seconds,
                LexiconFile.fingerprint(lexicon, request.story(), maxSentenceChars, episode.plan().voice())),
            "application/json",
            written);
        FileSystems.delete(List.of(mixedMp3), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Episode {}: writing outputs failed", id, e);
        // Another run writing this episode now owns what it wrote: delete only ours then.
        deleteIncomplete(id, e instanceof PreconditionFailedException ? written : files, e);
        out.output(EpisodeOutcome.failed(id, request.line(), "writing outputs failed", e));
        return;
      }
      audioMillis.inc(Math.round(episode.durationSeconds() * 1000));
      String loudnessWarning = episode.loudnessWarning();
      out.output(
          EpisodeOutcome.ok(id, request.line(), episode.sentences().size(), episode.durationSeconds())
              .withStoryAttempts(storyAttempts(request))
              .withSpeech(episode.sentencesSpoken(), episode.sentencesReused())
              .withMinutes(request.targetMinutes(), EpisodeJson.narrationMinutes(episode))
              .withWarnings(loudnessWarning == null ? List.of() : List.of(loudnessWarning)));
    }

    /**
     * Writes the file over the version there now (none, or an earlier run's): if another run
     * writes it meanwhile, this write fails rather than overwrite that run's file.
     */
    private void replace(String name, byte[] content, String mimeType, List<String> written)
        throws IOException {
      storage.write(name, content, mimeType, WriteCondition.replacing(storage.stat(name)));
      written.add(name);
    }

    /** The episode's files, none of which a rerun could trust now that the make failed. */
    private void deleteIncomplete(String id, List<String> files, Exception failure) {
      for (String file : files) {
        try {
          storage.delete(file);
        } catch (IOException | RuntimeException e) {
          LOG.warn("Episode {}: cannot delete {} after the failure", id, file, e);
          failure.addSuppressed(e);
        }
      }
    }
  }
}
