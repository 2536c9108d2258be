package dev.lullabeam.pipeline.mix;

import dev.lullabeam.lib.audio.NarrationAssembler;
import dev.lullabeam.pipeline.assembly.EpisodeNarration;
import dev.lullabeam.pipeline.speech.SpeechStore;
import dev.lullabeam.values.MixedEpisode;
import dev.lullabeam.values.SpokenEpisode;

import dev.lullabeam.lib.audio.AmbienceBed;
import dev.lullabeam.lib.audio.EpisodeMixer;
import dev.lullabeam.lib.audio.SentenceTiming;
import dev.lullabeam.lib.backgrounds.Background;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.EpisodeRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import dev.lullabeam.pipeline.write.OutputFiles;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles each episode's narration from the speech store ({@link EpisodeNarration}), mixes it
 * with its topic's ambience (a side input mapping topics to backgrounds), normalises loudness and
 * encodes the tagged MP3. See {@link EpisodeMixer} for the recipe. Assembly happens here, in the
 * same call as mixing, so that no stage hands an episode's audio to another.
 */
public class MixEpisode extends PTransform<PCollection<SpokenEpisode>, PCollectionTuple> {

  public static final TupleTag<MixedEpisode> MIXED = new TupleTag<MixedEpisode>() {};
  public static final TupleTag<EpisodeOutcome> FAILED = new TupleTag<EpisodeOutcome>() {};

  private final PCollectionView<Map<String, Background>> backgrounds;
  private final String season;
  private final SpeechStore store;
  private final double windDownSeconds;

  public MixEpisode(
      PCollectionView<Map<String, Background>> backgrounds, String season, SpeechStore store) {
    this(backgrounds, season, store, 0);
  }

  /** @param windDownMinutes ambience alone after the story; 0 for the usual short tail */
  public MixEpisode(
      PCollectionView<Map<String, Background>> backgrounds,
      String season,
      SpeechStore store,
      double windDownMinutes) {
    this.backgrounds = backgrounds;
    this.season = season;
    this.store = store;
    this.windDownSeconds = windDownMinutes * 60;
  }

  @Override
  public PCollectionTuple expand(PCollection<SpokenEpisode> episodes) {
    return episodes.apply(
        "AssembleAndMixWithAmbience",
        ParDo.of(new MixFn(backgrounds, season, store, windDownSeconds))
            .withSideInputs(backgrounds)
            .withOutputTags(MIXED, TupleTagList.of(FAILED)));
  }

  static class MixFn extends DoFn<SpokenEpisode, MixedEpisode> {
    private static final Logger LOG = LoggerFactory.getLogger(MixFn.class);

    private final PCollectionView<Map<String, Background>> backgrounds;
    private final String season;
    private final SpeechStore store;
    private final double windDownSeconds;

    MixFn(
        PCollectionView<Map<String, Background>> backgrounds,
        String season,
        SpeechStore store,
        double windDownSeconds) {
      this.backgrounds = backgrounds;
      this.season = season;
      this.store = store;
      this.windDownSeconds = windDownSeconds;
    }

    @ProcessElement
    public void process(
        @Element SpokenEpisode episode, MultiOutputReceiver out, ProcessContext context) {
      EpisodeRequest request = episode.plan().request();
      String id = request.id();
      long line = request.line();
      Background background = context.sideInput(backgrounds).get(request.topic());
      int spoken = episode.sentencesSpoken();
      int reused = episode.sentencesReused();
      if (background == null) {
        out.get(FAILED)
            .output(
                EpisodeOutcome.failed(
                        id, line, "no background for topic '" + request.topic() + "'")
                    .withSpeech(spoken, reused));
        return;
      }
      long assemblyStart = System.nanoTime();
      NarrationAssembler.Narration narration;
      try {
        narration = EpisodeNarration.assemble(episode, store);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Episode {}: assembly failed", id, e);
        out.get(FAILED)
            .output(EpisodeOutcome.failed(id, line, "assembly failed", e).withSpeech(spoken, reused));
        return;
      }
      long start = System.nanoTime();
      double assemblySeconds = (start - assemblyStart) / 1e9;
      Path workDir = null;
      try {
        workDir = Files.createTempDirectory("lullabeam-mix-" + id + "-");
        int rate = narration.audio.sampleRate();
        short[] ambience = AmbienceBed.decodeStereo(background.file, read(background.file), rate);
        EpisodeMixer.Mixed mixed =
            EpisodeMixer.mix(
                narration.audio, ambience, background.gainDb, tags(episode), workDir,
                windDownSeconds);
        List<SentenceTiming> timings = new ArrayList<>();
        for (SentenceTiming t : narration.sentences) {
          timings.add(t.shiftedBy(mixed.leadInMs()));
        }
        ResourceId mp3 = store.mixedEpisode(id);
        OutputFiles.writeAtomically(mp3, mixed.mp3(), "audio/mpeg");
        if (mixed.loudnessWarning() != null) {
          LOG.warn("Episode {} is {}", id, mixed.loudnessWarning());
        }
        out.get(MIXED)
            .output(
                new MixedEpisode(
                    episode.plan(),
                    mp3.toString(),
                    background.file,
                    rate,
                    timings,
                    mixed.durationSeconds(),
                    mixed.loudness(),
                    episode.synthesisSeconds(),
                    assemblySeconds,
                    (System.nanoTime() - start) / 1e9,
                    mixed.loudnessWarning(),
                    spoken,
                    reused,
                    mixed.narrationLoudness(),
                    mixed.tailSeconds()));
      } catch (IOException | RuntimeException e) {
        LOG.warn("Episode {}: mixing failed", id, e);
        out.get(FAILED)
            .output(EpisodeOutcome.failed(id, line, "mixing failed", e).withSpeech(spoken, reused));
      } finally {
        deleteQuietly(workDir);
      }
    }

    private Map<String, String> tags(SpokenEpisode episode) {
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("title", episode.plan().request().title());
      tags.put("album", season);
      tags.put("artist", "lullabeam narrator (" + episode.plan().voice() + ")");
      tags.put("track", Integer.toString(episode.plan().request().trackNumber()));
      tags.put("genre", "Podcast");
      return tags;
    }

    private static byte[] read(String file) throws IOException {
      try (InputStream in =
          Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file, false)))) {
        return in.readAllBytes();
      }
    }

    private static void deleteQuietly(Path dir) {
      if (dir == null) {
        return;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temp folder left behind is harmless
      }
    }
  }
}
