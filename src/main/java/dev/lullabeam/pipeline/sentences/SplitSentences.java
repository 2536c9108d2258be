package dev.lullabeam.pipeline.sentences;

import dev.lullabeam.lib.lexicon.Lexicon;
import dev.lullabeam.lib.pace.Pace;
import dev.lullabeam.lib.text.StorySentence;
import dev.lullabeam.lib.text.StoryText;

import dev.lullabeam.values.EpisodeRequest;
import dev.lullabeam.values.EpisodePlan;
import dev.lullabeam.values.SentenceToSpeak;
import dev.lullabeam.values.EpisodeOutcome;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Splits each story into sentences normalised for speech, then spreads the sentences over the
 * workers at random, so one long episode is spoken by every worker at once. Emits the sentences
 * ({@link #SENTENCES}), one plan per episode for assembly ({@link #PLANS}), and a failure for a
 * story with nothing speakable in it ({@link #FAILED}).
 */
public class SplitSentences extends PTransform<PCollection<EpisodeRequest>, PCollectionTuple> {

  public static final TupleTag<SentenceToSpeak> SENTENCES = new TupleTag<SentenceToSpeak>() {};
  public static final TupleTag<KV<String, EpisodePlan>> PLANS =
      new TupleTag<KV<String, EpisodePlan>>() {};
  public static final TupleTag<EpisodeOutcome> FAILED = new TupleTag<EpisodeOutcome>() {};

  private final String defaultVoice;
  private final int maxSentenceChars;
  private final double defaultWordsPerMinute;
  private final Lexicon lexicon;

  /** Sentences spoken at the voice's natural rate. */
  public SplitSentences(String defaultVoice, int maxSentenceChars) {
    this(defaultVoice, maxSentenceChars, 0, Lexicon.EMPTY);
  }

  /**
   * @param defaultWordsPerMinute the pace of episodes whose row gives none; 0 for the voice's
   *     natural rate
   * @param lexicon applied to what each episode's voice says, after normalisation
   */
  public SplitSentences(
      String defaultVoice, int maxSentenceChars, double defaultWordsPerMinute, Lexicon lexicon) {
    this.defaultVoice = defaultVoice;
    this.maxSentenceChars = maxSentenceChars;
    this.defaultWordsPerMinute = defaultWordsPerMinute;
    this.lexicon = lexicon;
  }

  @Override
  public PCollectionTuple expand(PCollection<EpisodeRequest> stories) {
    PCollectionTuple split =
        stories.apply(
            "SplitStory",
            ParDo.of(new SplitStoryFn(defaultVoice, maxSentenceChars, defaultWordsPerMinute, lexicon))
                .withOutputTags(SENTENCES, TupleTagList.of(PLANS).and(FAILED)));
    PCollection<SentenceToSpeak> spread =
        split.get(SENTENCES).apply("SpreadOverWorkers", Reshuffle.viaRandomKey());
    return PCollectionTuple.of(SENTENCES, spread)
        .and(PLANS, split.get(PLANS))
        .and(FAILED, split.get(FAILED));
  }

  static class SplitStoryFn extends DoFn<EpisodeRequest, SentenceToSpeak> {
    private final String defaultVoice;
    private final int maxSentenceChars;
    private final double defaultWordsPerMinute;
    private final Lexicon lexicon;
    private final Counter sentences = Metrics.counter("lullabeam", "sentences");

    SplitStoryFn(
        String defaultVoice, int maxSentenceChars, double defaultWordsPerMinute, Lexicon lexicon) {
      this.defaultVoice = defaultVoice;
      this.maxSentenceChars = maxSentenceChars;
      this.defaultWordsPerMinute = defaultWordsPerMinute;
      this.lexicon = lexicon;
    }

    @ProcessElement
    public void process(@Element EpisodeRequest request, MultiOutputReceiver out) {
      String voice = request.voice() != null ? request.voice() : defaultVoice;
      Optional<String> unspeakable = StoryText.unspeakable(request.story(), voice);
      if (unspeakable.isPresent()) {
        out.get(FAILED).output(EpisodeOutcome.failed(request.id(), request.line(), unspeakable.get()));
        return;
      }
      List<StorySentence> split = StoryText.sentences(request.story(), maxSentenceChars);
      if (split.isEmpty()) {
        out.get(FAILED)
            .output(
                EpisodeOutcome.failed(
                    request.id(), request.line(), "the story has no sentence that can be spoken"));
        return;
      }
      double wordsPerMinute =
          request.wordsPerMinute() != null ? request.wordsPerMinute() : defaultWordsPerMinute;
      int lastParagraphStart = lastParagraphStart(split);
      for (StorySentence sentence : split) {
        // The last paragraph is told a little slower (and its pauses are longer, at assembly).
        double sentencePace = sentencePace(sentence, lastParagraphStart, wordsPerMinute);
        out.get(SENTENCES)
            .output(
                new SentenceToSpeak(
                    request.id(),
                    sentence.index(),
                    sentence.display(),
                    lexicon.apply(sentence.spoken(), voice),
                    sentence.paragraphEnd(),
                    voice,
                    sentencePace));
      }
      sentences.inc(split.size());
      out.get(PLANS)
          .output(
              KV.of(request.id(), new EpisodePlan(request, voice, split.size(), wordsPerMinute)));
    }

  }

  /** First index of the last paragraph; past the end when the story is one paragraph. */
  public static int lastParagraphStart(List<StorySentence> split) {
    for (int i = split.size() - 2; i >= 0; i--) {
      if (split.get(i).paragraphEnd()) {
        return split.get(i + 1).index();
      }
    }
    return Integer.MAX_VALUE;
  }

  /** The pace a sentence is told at: the last paragraph a little slower. */
  public static double sentencePace(StorySentence sentence, int lastParagraphStart, double wordsPerMinute) {
    return sentence.index() >= lastParagraphStart ? wordsPerMinute * Pace.LAST_PARAGRAPH_SPEED : wordsPerMinute;
  }
}
