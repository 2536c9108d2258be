package dev.lullabeam.pipeline.speech;

import dev.lullabeam.lib.voice.Voice;
import dev.lullabeam.lib.voices.Voices;
import dev.lullabeam.values.SpokenSentence;

import dev.lullabeam.lib.audio.AudioClip;
import dev.lullabeam.values.SentenceToSpeak;
import dev.lullabeam.lib.text.SpeechNormalizer;
import dev.lullabeam.lib.models.ModelLoads;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Speaks each sentence with its episode's voice. The voice is loaded on first use, once per JVM,
 * and shared by every instance and thread of this DoFn ({@link Voices}). A sentence the voice
 * rejects is tried once more with stricter normalisation; if that fails too, the episode is
 * reported failed with the sentence and the reason ({@link #FAILED}) — never a silent gap.
 */
public class Synthesize
    extends PTransform<PCollection<SentenceToSpeak>, PCollectionTuple> {

  public static final TupleTag<KV<String, SpokenSentence>> SPOKEN =
      new TupleTag<KV<String, SpokenSentence>>() {};
  /** episode id → why one of its sentences could not be spoken. */
  public static final TupleTag<KV<String, String>> FAILED = new TupleTag<KV<String, String>>() {};

  @Override
  public PCollectionTuple expand(PCollection<SentenceToSpeak> sentences) {
    return sentences.apply(
        "SpeakSentence",
        ParDo.of(new SpeakFn()).withOutputTags(SPOKEN, TupleTagList.of(FAILED)));
  }

  static class SpeakFn extends DoFn<SentenceToSpeak, KV<String, SpokenSentence>> {
    private final Counter retried = Metrics.counter("lullabeam", "sentences_retried_strict");
    private final Counter failed = Metrics.counter("lullabeam", "sentences_failed");
    private final Counter spoken = Metrics.counter("lullabeam", "sentences_spoken");
    private final Distribution synthesisMillis =
        Metrics.distribution("lullabeam", "synthesis_ms");

    @ProcessElement
    public void process(@Element SentenceToSpeak sentence, MultiOutputReceiver out) {
      Voice voice;
      try {
        voice = Voices.get(sentence.voice);
      } catch (RuntimeException e) {
        failed.inc();
        out.get(FAILED).output(KV.of(sentence.episodeId, e.getMessage()));
        return;
      }
      long start = System.nanoTime();
      AudioClip clip;
      try {
        clip = voice.speak(sentence.spoken);
      } catch (Exception first) {
        retried.inc();
        String strict = SpeechNormalizer.strict(sentence.spoken);
        try {
          if (strict.isBlank()) {
            throw first;
          }
          clip = voice.speak(strict);
        } catch (Exception second) {
          failed.inc();
          out.get(FAILED)
              .output(
                  KV.of(
                      sentence.episodeId,
                      "sentence "
                          + (sentence.index + 1)
                          + " (\""
                          + abbreviate(sentence.display)
                          + "\") could not be spoken by voice "
                          + sentence.voice
                          + ": "
                          + second.getMessage()));
          return;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      synthesisMillis.update(Math.round(seconds * 1000));
      spoken.inc();
      out.get(SPOKEN)
          .output(
              KV.of(
                  sentence.episodeId,
                  new SpokenSentence(
                      sentence.episodeId,
                      sentence.index,
                      sentence.display,
                      sentence.paragraphEnd,
                      clip,
                      seconds,
                      ModelLoads.snapshot(Voices.modelKey(sentence.voice)))));
    }

    private static String abbreviate(String text) {
      return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
  }
}
