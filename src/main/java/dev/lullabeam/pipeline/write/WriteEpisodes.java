package dev.lullabeam.pipeline.write;

import dev.lullabeam.lib.text.WebVtt;
import dev.lullabeam.values.MixedEpisode;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.EpisodeRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Writes each episode's MP3, WebVTT transcript and JSON, each atomically. The JSON goes last and
 * records the size and hash of the other two: a rerun reuses an episode only when its JSON
 * exists and the files beside it are exactly those. An episode that cannot be written completely
 * leaves none of its files, which on a full disk frees room for the report.
 */
public class WriteEpisodes extends PTransform<PCollection<MixedEpisode>, PCollection<EpisodeOutcome>> {

  private final String output;
  private final String season;

  /** @param season the season's name, part of what each episode's JSON says it was made from */
  public WriteEpisodes(String output, String season) {
    this.output = output;
    this.season = season;
  }

  @Override
  public PCollection<EpisodeOutcome> expand(PCollection<MixedEpisode> episodes) {
    return episodes.apply("WriteFiles", ParDo.of(new WriteEpisodeFn(output, season)));
  }

  /** How many stories the language model wrote (0 for written stories). */
  static int storyAttempts(EpisodeRequest request) {
    return request.storyInfo() == null ? 0 : request.storyInfo().storyAttempts();
  }

  static class WriteEpisodeFn extends DoFn<MixedEpisode, EpisodeOutcome> {
    private static final Logger LOG = LoggerFactory.getLogger(WriteEpisodeFn.class);

    private final String output;
    private final String season;
    private final Counter audioMillis = Metrics.counter("lullabeam", "audio_ms");

    WriteEpisodeFn(String output, String season) {
      this.output = output;
      this.season = season;
    }

    @ProcessElement
    public void process(@Element MixedEpisode episode, OutputReceiver<EpisodeOutcome> out) {
      EpisodeRequest request = episode.plan().request();
      String id = request.id();
      long start = System.nanoTime();
      String makeId = UUID.randomUUID().toString();
      byte[] vtt = WebVtt.of(episode.sentences(), makeId).getBytes(StandardCharsets.UTF_8);
      List<ResourceId> files =
          List.of(
              OutputFiles.episodeFile(output, id, "mp3"),
              OutputFiles.episodeFile(output, id, "vtt"),
              OutputFiles.episodeFile(output, id, "json"));
      try {
        // The mixer left the MP3 in the work folder (not in memory): copy it in, then drop it.
        ResourceId mixedMp3 = FileSystems.matchNewResource(episode.mp3File(), false);
        byte[] mp3 = OutputFiles.read(mixedMp3);
        OutputFiles.writeAtomically(files.get(0), mp3, "audio/mpeg");
        OutputFiles.writeAtomically(files.get(1), vtt, "text/vtt");
        double seconds = (System.nanoTime() - start) / 1e9;
        OutputFiles.writeAtomically(
            files.get(2), EpisodeJson.of(episode, season, makeId, mp3, vtt, seconds), "application/json");
        FileSystems.delete(List.of(mixedMp3), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Episode {}: writing outputs failed", id, e);
        deleteIncomplete(id, files, e);
        out.output(EpisodeOutcome.failed(id, request.line(), "writing outputs failed", e));
        return;
      }
      audioMillis.inc(Math.round(episode.durationSeconds() * 1000));
      String loudnessWarning = episode.loudnessWarning();
      out.output(
          EpisodeOutcome.ok(id, request.line(), episode.sentences().size(), episode.durationSeconds())
              .withStoryAttempts(storyAttempts(request))
              .withSpeech(episode.sentencesSpoken(), episode.sentencesReused())
              .withWarnings(loudnessWarning == null ? List.of() : List.of(loudnessWarning)));
    }

    /** The episode's files, none of which a rerun could trust now that the make failed. */
    private static void deleteIncomplete(String id, List<ResourceId> files, Exception failure) {
      for (ResourceId file : files) {
        try {
          OutputFiles.delete(file);
        } catch (IOException | RuntimeException e) {
          LOG.warn("Episode {}: cannot delete {} after the failure", id, file, e);
          failure.addSuppressed(e);
        }
      }
    }
  }
}
