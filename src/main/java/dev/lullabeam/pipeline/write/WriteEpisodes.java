package dev.lullabeam.pipeline.write;

import dev.lullabeam.lib.text.WebVtt;

import dev.lullabeam.values.MixedEpisode;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.EpisodeRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * Writes each episode's MP3, WebVTT transcript and JSON, each atomically. The JSON goes last: an
 * episode is complete exactly when its JSON exists, which is what a rerun checks.
 */
public class WriteEpisodes extends PTransform<PCollection<MixedEpisode>, PCollection<EpisodeOutcome>> {

  private final String output;

  public WriteEpisodes(String output) {
    this.output = output;
  }

  @Override
  public PCollection<EpisodeOutcome> expand(PCollection<MixedEpisode> episodes) {
    return episodes.apply("WriteFiles", ParDo.of(new WriteEpisodeFn(output)));
  }

  /** How many stories the language model wrote, from the story info (0 for written stories). */
  static int storyAttempts(String storyInfoJson) {
    if (storyInfoJson == null) {
      return 0;
    }
    try {
      return EpisodeJson.JSON.readTree(storyInfoJson).path("attempts").size();
    } catch (IOException e) {
      return 0;
    }
  }

  static class WriteEpisodeFn extends DoFn<MixedEpisode, EpisodeOutcome> {
    private static final Logger LOG = LoggerFactory.getLogger(WriteEpisodeFn.class);

    private final String output;
    private final Counter audioMillis = Metrics.counter("lullabeam", "audio_ms");

    WriteEpisodeFn(String output) {
      this.output = output;
    }

    @ProcessElement
    public void process(@Element MixedEpisode episode, OutputReceiver<EpisodeOutcome> out) {
      EpisodeRequest request = episode.plan().request();
      String id = request.id();
      long start = System.nanoTime();
      try {
        ResourceId mixedMp3 = FileSystems.matchNewResource(episode.mp3File(), false);
        OutputFiles.writeAtomically(
            OutputFiles.episodeFile(output, id, "mp3"), OutputFiles.read(mixedMp3), "audio/mpeg");
        OutputFiles.writeAtomically(
            OutputFiles.episodeFile(output, id, "vtt"),
            WebVtt.of(episode.sentences()).getBytes(StandardCharsets.UTF_8),
            "text/vtt");
        double seconds = (System.nanoTime() - start) / 1e9;
        OutputFiles.writeAtomically(
            OutputFiles.episodeFile(output, id, "json"),
            EpisodeJson.of(episode, seconds),
            "application/json");
        FileSystems.delete(List.of(mixedMp3), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Episode {}: writing outputs failed", id, e);
        out.output(EpisodeOutcome.failed(id, request.line(), "writing outputs failed", e));
        return;
      }
      audioMillis.inc(Math.round(episode.durationSeconds() * 1000));
      String loudnessWarning = episode.loudnessWarning();
      out.output(
          EpisodeOutcome.ok(id, request.line(), episode.sentences().size(), episode.durationSeconds())
              .withStoryAttempts(storyAttempts(request.storyInfoJson()))
              .withSpeech(episode.sentencesSpoken(), episode.sentencesReused())
              .withWarnings(loudnessWarning == null ? List.of() : List.of(loudnessWarning)));
    }
  }
}
