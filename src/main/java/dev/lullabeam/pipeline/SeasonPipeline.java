package dev.lullabeam.pipeline;

import dev.lullabeam.lib.audio.EpisodeMixer;
import dev.lullabeam.lib.backgrounds.Background;
import dev.lullabeam.values.EpisodeRequest;
import dev.lullabeam.pipeline.catalogue.ReadCatalogue;
import dev.lullabeam.pipeline.assembly.GroupSentencesByEpisode;
import dev.lullabeam.pipeline.speech.CleanSpeechStore;
import dev.lullabeam.pipeline.speech.SpeechStore;
import dev.lullabeam.values.SpokenEpisode;
import dev.lullabeam.pipeline.mix.MixEpisode;
import dev.lullabeam.pipeline.resume.SkipCompletedEpisodes;
import dev.lullabeam.pipeline.write.OutputLocation;
import dev.lullabeam.pipeline.write.WriteEpisodes;
import dev.lullabeam.pipeline.write.WriteReport;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.pipeline.write.SeasonReport;
import dev.lullabeam.pipeline.speech.Synthesize;
import dev.lullabeam.lib.voices.VoiceSettings;
import dev.lullabeam.lib.voices.Voices;
import dev.lullabeam.lib.ageband.AgeBand;
import dev.lullabeam.lib.quality.GateSettings;
import dev.lullabeam.lib.quality.StoryGate;
import dev.lullabeam.lib.quality.NearDuplicateDetector;
import dev.lullabeam.pipeline.stories.CheckAgeBand;
import dev.lullabeam.pipeline.stories.GenerateStories;
import dev.lullabeam.pipeline.stories.ReviewWrittenStories;
import dev.lullabeam.pipeline.stories.RewriteNearDuplicates;
import dev.lullabeam.lib.stories.StoryModel;
import dev.lullabeam.pipeline.stories.TakeWrittenStories;
import dev.lullabeam.lib.lexicon.Lexicon;
import dev.lullabeam.pipeline.sentences.LexiconFile;
import dev.lullabeam.pipeline.sentences.SplitSentences;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptor;
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

  /** What story generation needs; absent when the season has no prompt-only rows. */
  public static final class StoryWriting implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final StoryModel model;
    final String template;
    String briefTemplate;

    public StoryWriting(StoryModel model, String template) {
      this.model = model;
      this.template = template;
    }

    public StoryModel model() {
      return model;
    }

    /** The text around each catalogue prompt, with {prompt}. */
    public String template() {
      return template;
    }

    /** The user message around each catalogue brief, or null for GenerateStories' default. */
    public String briefTemplate() {
      return briefTemplate;
    }

    /** The user message around each catalogue brief, with {brief} (see GenerateStories). */
    public StoryWriting withBriefTemplate(String briefTemplate) {
      this.briefTemplate = briefTemplate;
      return this;
    }
  }

  static final String NO_MODEL =
      "the row has a prompt but no story, and no language model was configured for this run";

  /**
   * Adds the season to {@code pipeline}; returns the report's path once written.
   *
   * @param options the season's options; {@code storyShards} must already be resolved to the
   *     runner's parallelism when it was left at 0 (the launcher does this: the pipeline does not
   *     look at runners)
   * @param storyWriting the language model and prompt template, or null when no row needs one
   */
  public static PCollection<String> build(
      Pipeline pipeline,
      SeasonOptions options,
      Map<String, Background> backgrounds,
      StoryWriting storyWriting) {
    String output = options.getOutput();
    OutputLocation outputs = OutputLocation.of(options);

    PCollectionView<Map<String, Background>> backgroundView =
        pipeline
            .apply("Backgrounds", Create.of(backgrounds))
            .apply("BackgroundsByTopic", View.asMap());

    PCollectionTuple catalogue =
        pipeline.apply(
            "ReadCatalogue",
            new ReadCatalogue(options.getCatalogue(), backgrounds.keySet(), Voices.known()));

    // Each episode's pace settled once, so that a rerun at another pace makes it again.
    double seasonWordsPerMinute = options.getWordsPerMinute();
    double seasonMinutes = options.getTargetMinutes();
    PCollectionTuple pending =
        catalogue
            .get(ReadCatalogue.EPISODES)
            .apply(
                "SeasonPace",
                MapElements.into(TypeDescriptor.of(EpisodeRequest.class))
                    .via((EpisodeRequest r) -> r.withSeasonPace(seasonWordsPerMinute, seasonMinutes)))
            .apply(
                "SkipCompletedEpisodes",
                new SkipCompletedEpisodes(
                        outputs, options.getVoice(), options.getSeason(), options.isOverwrite(),
                        EpisodeMixer.tailSeconds(options.getWindDownMinutes() * 60))
                    .withLexicon(lexicon(options), options.getMaxSentenceChars()));

    PCollectionTuple stories =
        pending.get(SkipCompletedEpisodes.TO_MAKE).apply("TakeWrittenStories", new TakeWrittenStories());
    // An age band adds its word rules to the gate, for written and generated stories alike.
    AgeBand ageBand = options.getAgeBand() == null ? null : AgeBand.parse(options.getAgeBand());
    StoryGate gate = ageBand == null ? new StoryGate() : ageBand.gate(GateSettings.defaults());
    PCollectionTuple reviewed =
        stories
            .get(TakeWrittenStories.WRITTEN)
            .apply("ReviewWrittenStories", new ReviewWrittenStories(gate));
    PCollectionView<Map<String, List<String>>> storyWarnings =
        reviewed.get(ReviewWrittenStories.WARNINGS).apply("StoryWarningsById", View.asMap());

    PCollectionList<EpisodeRequest> toNarrate =
        PCollectionList.of(reviewed.get(ReviewWrittenStories.REVIEWED));
    PCollectionList<EpisodeOutcome> storyFailures = PCollectionList.empty(pipeline);
    PCollection<EpisodeRequest> prompted = stories.get(TakeWrittenStories.PROMPTED);
    if (ageBand != null) {
      PCollectionTuple checked = prompted.apply("CheckAgeBand", new CheckAgeBand(ageBand));
      prompted = checked.get(CheckAgeBand.FIT);
      storyFailures = storyFailures.and(checked.get(CheckAgeBand.UNFIT));
    }
    if (storyWriting != null) {
      if (options.getStoryShards() < 1) {
        throw new IllegalArgumentException(
            "storyShards must be resolved to at least 1 before the season is built, got "
                + options.getStoryShards());
      }
      PCollectionTuple generated =
          prompted.apply(
              "GenerateStories",
              new GenerateStories(
                  storyWriting.model, gate, storyWriting.template, options.getSeed(),
                  options.getMaxAttempts(), options.getStoryShards())
                  .withBriefTemplate(storyWriting.briefTemplate != null
                      ? storyWriting.briefTemplate : GenerateStories.DEFAULT_BRIEF_TEMPLATE));
      PCollectionTuple distinct =
          generated
              .get(GenerateStories.WRITTEN)
              .apply(
                  "RewriteNearDuplicates",
                  new RewriteNearDuplicates(storyWriting.model, gate, new NearDuplicateDetector()));
      toNarrate = toNarrate.and(distinct.get(RewriteNearDuplicates.KEPT));
      storyFailures =
          storyFailures
              .and(generated.get(GenerateStories.REJECTED))
              .and(generated.get(GenerateStories.FAILED))
              .and(distinct.get(RewriteNearDuplicates.REJECTED));
    } else {
      storyFailures =
          storyFailures.and(
              prompted.apply(
                  "NoLanguageModel",
                  MapElements.into(TypeDescriptor.of(EpisodeOutcome.class))
                      .via((EpisodeRequest r) -> EpisodeOutcome.failed(r.id(), r.line(), NO_MODEL))));
    }
    PCollection<EpisodeRequest> written = toNarrate.apply("StoriesToNarrate", Flatten.pCollections());

    PCollectionTuple sentences =
        written.apply(
            "SplitSentences",
            new SplitSentences(
                options.getVoice(), options.getMaxSentenceChars(), options.getWordsPerMinute(),
                lexicon(options)));

    // Audio goes to the store; only references to it travel on, through every shuffle below.
    SpeechStore store = SpeechStore.of(options, output);
    PCollectionTuple speech =
        sentences.get(SplitSentences.SENTENCES).apply("Synthesize", new Synthesize(store, options.isReuseSpeech(), new VoiceSettings(options.getVoiceDir(), options.getDevice())));

    PCollectionTuple grouped =
        KeyedPCollectionTuple.of(GroupSentencesByEpisode.PLAN, sentences.get(SplitSentences.PLANS))
            .and(GroupSentencesByEpisode.SPOKEN, speech.get(Synthesize.SPOKEN))
            .and(GroupSentencesByEpisode.SPEECH_FAILED, speech.get(Synthesize.FAILED))
            .apply("GroupSentencesByEpisode", new GroupSentencesByEpisode());

    // Grouping hands episodes on in large bundles; spread them so every worker mixes.
    PCollection<SpokenEpisode> spokenEpisodes =
        grouped
            .get(GroupSentencesByEpisode.COMPLETE)
            .apply("SpreadEpisodesOverWorkers", Reshuffle.viaRandomKey());
    PCollectionTuple mixed =
        spokenEpisodes.apply(
            "AssembleAndMix",
            new MixEpisode(
                backgroundView, options.getSeason(), store, options.getWindDownMinutes()));

    PCollection<EpisodeOutcome> writtenEpisodes =
        mixed.get(MixEpisode.MIXED).apply("WriteEpisodes", new WriteEpisodes(outputs, options.getSeason())
                .withLexicon(lexicon(options), options.getMaxSentenceChars()));

    PCollection<EpisodeOutcome> outcomes =
        PCollectionList.of(catalogue.get(ReadCatalogue.BAD_ROWS))
            .and(pending.get(SkipCompletedEpisodes.REUSED))
            .and(storyFailures.apply("StoryFailures", Flatten.pCollections()))
            .and(sentences.get(SplitSentences.FAILED))
            .and(grouped.get(GroupSentencesByEpisode.FAILED))
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
    PCollection<String> report =
        outcomes.apply("WriteReport", new WriteReport(outputs, run, storyWarnings));
    if (!options.isKeepWork()) {
      speech
          .get(Synthesize.SPOKEN)
          .apply("CleanSpeechStore", new CleanSpeechStore(store, outcomes, report));
    }
    return report;
  }

  /** The launcher has read the lexicon once already, so a bad one stopped the run before work. */
  private static Lexicon lexicon(SeasonOptions options) {
    try {
      return LexiconFile.read(options.getLexicon());
    } catch (Lexicon.LexiconException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
