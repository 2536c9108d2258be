package dev.lullabeam.pipeline;

import dev.lullabeam.backgrounds.Background;
import dev.lullabeam.catalogue.EpisodeRequest;
import dev.lullabeam.catalogue.ReadCatalogue;
import dev.lullabeam.episodes.AssembleEpisode;
import dev.lullabeam.episodes.AssembledEpisode;
import dev.lullabeam.episodes.MixEpisode;
import dev.lullabeam.options.SeasonOptions;
import dev.lullabeam.outputs.SkipCompletedEpisodes;
import dev.lullabeam.outputs.WriteEpisodes;
import dev.lullabeam.outputs.WriteReport;
import dev.lullabeam.report.EpisodeOutcome;
import dev.lullabeam.report.SeasonReport;
import dev.lullabeam.speech.Synthesize;
import dev.lullabeam.speech.Voices;
import dev.lullabeam.quality.StoryGate;
import dev.lullabeam.stories.ReviewWrittenStories;
import dev.lullabeam.stories.TakeWrittenStories;
import dev.lullabeam.text.SplitSentences;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The season, stage by stage: catalogue → stories → sentences → speech → episodes → outputs.
 * Every row of the catalogue ends as one outcome in the report, whichever stage it stops at.
 */
public final class SeasonPipeline {

  private SeasonPipeline() {}

  /** Adds the season to {@code pipeline}; returns the report's path once written. */
  public static PCollection<String> build(
      Pipeline pipeline, SeasonOptions options, Map<String, Background> backgrounds) {
    String output = options.getOutput();

    PCollectionView<Map<String, Background>> backgroundView =
        pipeline
            .apply("Backgrounds", Create.of(backgrounds))
            .apply("BackgroundsByTopic", View.asMap());

    PCollectionTuple catalogue =
        pipeline.apply(
            "ReadCatalogue",
            new ReadCatalogue(options.getCatalogue(), backgrounds.keySet(), Voices.known()));

    PCollectionTuple pending =
        catalogue
            .get(ReadCatalogue.EPISODES)
            .apply(
                "SkipCompletedEpisodes",
                new SkipCompletedEpisodes(output, options.getVoice(), options.isOverwrite()));

    PCollectionTuple stories =
        pending.get(SkipCompletedEpisodes.TO_MAKE).apply("TakeWrittenStories", new TakeWrittenStories());
    PCollectionTuple reviewed =
        stories
            .get(TakeWrittenStories.WRITTEN)
            .apply("ReviewWrittenStories", new ReviewWrittenStories(new StoryGate()));
    PCollection<EpisodeRequest> written = reviewed.get(ReviewWrittenStories.REVIEWED);
    PCollectionView<Map<String, List<String>>> storyWarnings =
        reviewed.get(ReviewWrittenStories.WARNINGS).apply("StoryWarningsById", View.asMap());

    PCollectionTuple sentences =
        written.apply(
            "SplitSentences",
            new SplitSentences(options.getVoice(), options.getMaxSentenceChars()));

    PCollectionTuple speech =
        sentences.get(SplitSentences.SENTENCES).apply("Synthesize", new Synthesize());

    PCollectionTuple assembled =
        KeyedPCollectionTuple.of(AssembleEpisode.PLAN, sentences.get(SplitSentences.PLANS))
            .and(AssembleEpisode.SPOKEN, speech.get(Synthesize.SPOKEN))
            .and(AssembleEpisode.SPEECH_FAILED, speech.get(Synthesize.FAILED))
            .apply("AssembleEpisode", new AssembleEpisode());

    // Grouping hands episodes on in large bundles; spread them so every worker mixes.
    PCollection<AssembledEpisode> narrations =
        assembled
            .get(AssembleEpisode.ASSEMBLED)
            .apply("SpreadEpisodesOverWorkers", Reshuffle.viaRandomKey());
    PCollectionTuple mixed =
        narrations.apply("Mix", new MixEpisode(backgroundView, options.getSeason()));

    PCollection<EpisodeOutcome> writtenEpisodes =
        mixed.get(MixEpisode.MIXED).apply("WriteEpisodes", new WriteEpisodes(output));

    PCollection<EpisodeOutcome> outcomes =
        PCollectionList.of(catalogue.get(ReadCatalogue.BAD_ROWS))
            .and(pending.get(SkipCompletedEpisodes.REUSED))
            .and(stories.get(TakeWrittenStories.FAILED))
            .and(sentences.get(SplitSentences.FAILED))
            .and(assembled.get(AssembleEpisode.FAILED))
            .and(mixed.get(MixEpisode.FAILED))
            .and(writtenEpisodes)
            .apply("AllOutcomes", Flatten.pCollections());

    SeasonReport.RunInfo run =
        new SeasonReport.RunInfo(
            options.getSeason(),
            options.getCatalogue(),
            output,
            options.getRunner().getSimpleName(),
            System.currentTimeMillis());
    return outcomes.apply("WriteReport", new WriteReport(output, run, storyWarnings));
  }

}
