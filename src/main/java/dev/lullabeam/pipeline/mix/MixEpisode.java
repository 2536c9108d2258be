package dev.lullabeam.pipeline.mix;

import dev.lullabeam.values.AssembledEpisode;
import dev.lullabeam.values.MixedEpisode;

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
import org.apache.beam.sdk.io.FileSystems;
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
 * Mixes each narration with its topic's ambience (a side input mapping topics to backgrounds),
 * normalises loudness and encodes the tagged MP3. See {@link EpisodeMixer} for the recipe.
 */
public class MixEpisode extends PTransform<PCollection<AssembledEpisode>, PCollectionTuple> {

  public static final TupleTag<MixedEpisode> MIXED = new TupleTag<MixedEpisode>() {};
  public static final TupleTag<EpisodeOutcome> FAILED = new TupleTag<EpisodeOutcome>() {};

  private final PCollectionView<Map<String, Background>> backgrounds;
  private final String season;

  public MixEpisode(PCollectionView<Map<String, Background>> backgrounds, String season) {
    this.backgrounds = backgrounds;
    this.season = season;
  }

  @Override
  public PCollectionTuple expand(PCollection<AssembledEpisode> episodes) {
    return episodes.apply(
        "MixWithAmbience",
        ParDo.of(new MixFn(backgrounds, season))
            .withSideInputs(backgrounds)
            .withOutputTags(MIXED, TupleTagList.of(FAILED)));
  }

  static class MixFn extends DoFn<AssembledEpisode, MixedEpisode> {
    private static final Logger LOG = LoggerFactory.getLogger(MixFn.class);

    private final PCollectionView<Map<String, Background>> backgrounds;
    private final String season;

    MixFn(PCollectionView<Map<String, Background>> backgrounds, String season) {
      this.backgrounds = backgrounds;
      this.season = season;
    }

    @ProcessElement
    public void process(
        @Element AssembledEpisode episode, MultiOutputReceiver out, ProcessContext context) {
      EpisodeRequest request = episode.plan().request();
      String id = request.id();
      long line = request.line();
      Background background = context.sideInput(backgrounds).get(request.topic());
      if (background == null) {
        out.get(FAILED)
            .output(
                EpisodeOutcome.failed(
                    id, line, "no background for topic '" + request.topic() + "'"));
        return;
      }
      long start = System.nanoTime();
      Path workDir = null;
      try {
        workDir = Files.createTempDirectory("lullabeam-mix-" + id + "-");
        int rate = episode.narration().sampleRate();
        short[] ambience = AmbienceBed.decodeStereo(background.file, read(background.file), rate);
        EpisodeMixer.Mixed mixed =
            EpisodeMixer.mix(episode.narration(), ambience, background.gainDb, tags(episode), workDir);
        List<SentenceTiming> timings = new ArrayList<>();
        for (SentenceTiming t : episode.sentences()) {
          timings.add(t.shiftedBy(mixed.leadInMs()));
        }
        if (mixed.loudnessWarning() != null) {
          LOG.warn("Episode {} is {}", id, mixed.loudnessWarning());
        }
        out.get(MIXED)
            .output(
                new MixedEpisode(
                    episode.plan(),
                    mixed.mp3(),
                    background.file,
                    rate,
                    timings,
                    mixed.durationSeconds(),
                    mixed.loudness(),
                    episode.synthesisSeconds(),
                    episode.assemblySeconds(),
                    (System.nanoTime() - start) / 1e9,
                    mixed.loudnessWarning()));
      } catch (IOException | RuntimeException e) {
        LOG.warn("Episode {}: mixing failed", id, e);
        out.get(FAILED).output(EpisodeOutcome.failed(id, line, "mixing failed", e));
      } finally {
        deleteQuietly(workDir);
      }
    }

    private Map<String, String> tags(AssembledEpisode episode) {
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
