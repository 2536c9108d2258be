package dev.lullabeam.pipeline.speech;

import dev.lullabeam.lib.voice.Voice;
import dev.lullabeam.lib.voices.VoiceSettings;
import dev.lullabeam.lib.voices.Voices;
import dev.lullabeam.values.SpokenSentence;

import dev.lullabeam.lib.audio.AudioClip;
import dev.lullabeam.lib.audio.TimeStretch;
import dev.lullabeam.lib.pace.Pace;
import dev.lullabeam.values.SentenceToSpeak;
import dev.lullabeam.lib.text.SpeechNormalizer;
import dev.lullabeam.lib.models.SharedModels;
import dev.lullabeam.pipeline.metrics.ModelLoadMetrics;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.SpeechFailure;
import dev.lullabeam.values.StoredSpeech;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks each sentence with its episode's voice into the {@link SpeechStore} and hands on a
 * reference to the stored audio; a sentence the store already holds (from an earlier run, or an
 * identical sentence) is not spoken again. Each DoFn instance holds a lease on the voices it
 * meets; the voice is loaded on first use, once per JVM, shared by every instance and thread, and
 * closed when the last instance is torn down ({@link Voices}). A sentence the voice
 * rejects is tried once more with stricter normalisation; if that fails too, the episode is
 * reported failed with the sentence and the reason ({@link #FAILED}) — never a silent gap.
 */
public class Synthesize
    extends PTransform<PCollection<SentenceToSpeak>, PCollectionTuple> {

  public static final TupleTag<KV<String, SpokenSentence>> SPOKEN =
      new TupleTag<KV<String, SpokenSentence>>() {};
  /** episode id → why one of its sentences could not be spoken. */
  public static final TupleTag<KV<String, SpeechFailure>> FAILED =
      new TupleTag<KV<String, SpeechFailure>>() {};

  private final SpeechStore store;
  private final boolean reuse;
  private final VoiceSettings settings;

  /** Speaks into {@code store}, reusing what it already holds. */
  public Synthesize(SpeechStore store) {
    this(store, true);
  }

  /** @param reuse false speaks every sentence again even when the store holds it */
  public Synthesize(SpeechStore store, boolean reuse) {
    this(store, reuse, VoiceSettings.DEFAULT);
  }

  /** @param settings where voices with model files load from ({@code --voiceDir}, {@code --device}) */
  public Synthesize(SpeechStore store, boolean reuse, VoiceSettings settings) {
    this.store = store;
    this.reuse = reuse;
    this.settings = settings;
  }

  @Override
  public PCollectionTuple expand(PCollection<SentenceToSpeak> sentences) {
    return sentences.apply(
        "SpeakSentence",
        ParDo.of(new SpeakFn(store, reuse, settings)).withOutputTags(SPOKEN, TupleTagList.of(FAILED)));
  }

  static class SpeakFn extends DoFn<SentenceToSpeak, KV<String, SpokenSentence>> {
    private static final Logger LOG = LoggerFactory.getLogger(SpeakFn.class);

    private final Counter retried = Metrics.counter("lullabeam", "sentences_retried_strict");
    private final Counter failed = Metrics.counter("lullabeam", "sentences_failed");
    /** Newly spoken in this run; the progress line and bench-season read it. */
    private final Counter spoken = Metrics.counter("lullabeam", "sentences_spoken");
    private final Counter reused = Metrics.counter("lullabeam", "sentences_reused");
    private final Distribution synthesisMillis =
        Metrics.distribution("lullabeam", "synthesis_ms");

    private final SpeechStore store;
    private final boolean reuse;
    private final VoiceSettings settings;

    /** voice name → this instance's hold on it; a season may use several voices. */
    private transient Map<String, SharedModels<String, Voice>.Lease> leases;

    SpeakFn(SpeechStore store, boolean reuse, VoiceSettings settings) {
      this.store = store;
      this.reuse = reuse;
      this.settings = settings;
    }

    @Setup
    public void setup() {
      leases = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element SentenceToSpeak sentence, MultiOutputReceiver out) {
      String name = sentence.voice();
      Voice voice;
      try {
        SharedModels<String, Voice>.Lease lease = leases.get(name);
        if (lease == null) {
          lease = Voices.acquire(name, settings);
          leases.put(name, lease);
        }
        // Counted here, not in @Setup: Beam collects no metrics from there.
        voice = lease.get(ModelLoadMetrics.counter(Voices.modelKey(name))::inc);
      } catch (Exception e) {
        LOG.warn("Voice {} is not available for episode {}", name, sentence.episodeId(), e);
        failed.inc();
        out.get(FAILED).output(KV.of(sentence.episodeId(), failure("voice " + name, e)));
        return;
      }
      // The text as normalised for the voice; a strict retry is derived from it alone, so one
      // key still stands for one sound.
      double speed = Pace.speed(sentence.wordsPerMinute(), voice.naturalWordsPerMinute());
      String key = SpeechStore.key(voice, sentence.spoken(), speed);
      try {
        var stored = reuse ? store.find(name, key) : Optional.<StoredSpeech>empty();
        if (stored.isPresent()) {
          reused.inc();
          out.get(SPOKEN)
              .output(KV.of(sentence.episodeId(), spoken(sentence, stored.get(), 0, true)));
          return;
        }
      } catch (IOException e) {
        // An unreadable entry is spoken and stored again.
        LOG.warn("Stored speech for {} cannot be read; speaking it again", sentence, e);
      }
      long start = System.nanoTime();
      AudioClip clip;
      try {
        clip = speak(voice, sentence.spoken(), speed);
      } catch (Exception first) {
        retried.inc();
        String strict = SpeechNormalizer.strict(sentence.spoken());
        try {
          if (strict.isBlank()) {
            throw first;
          }
          clip = speak(voice, strict, speed);
        } catch (Exception second) {
          LOG.warn("Sentence {} cannot be spoken, even strictly normalised", sentence, second);
          failed.inc();
          String which =
              "sentence "
                  + (sentence.index() + 1)
                  + " (\""
                  + abbreviate(sentence.display())
                  + "\") could not be spoken by voice "
                  + name;
          out.get(FAILED).output(KV.of(sentence.episodeId(), failure(which, second)));
          return;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      synthesisMillis.update(Math.round(seconds * 1000));
      StoredSpeech stored;
      try {
        stored = store.put(name, key, clip);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Sentence {} was spoken but cannot be stored", sentence, e);
        failed.inc();
        String which =
            "sentence " + (sentence.index() + 1) + " could not be stored in " + store.workDir();
        out.get(FAILED).output(KV.of(sentence.episodeId(), failure(which, e)));
        return;
      }
      spoken.inc();
      out.get(SPOKEN)
          .output(KV.of(sentence.episodeId(), spoken(sentence, stored, seconds, false)));
    }

    private static AudioClip speak(Voice voice, String text, double speed) throws Exception {
      return speakAt(voice, text, speed);
    }

    private static SpokenSentence spoken(
        SentenceToSpeak sentence, StoredSpeech stored, double seconds, boolean reused) {
      return new SpokenSentence(
          sentence.episodeId(),
          sentence.index(),
          sentence.display(),
          sentence.paragraphEnd(),
          stored,
          seconds,
          reused);
    }

    @Teardown
    public void teardown() {
      if (leases != null) {
        leases.values().forEach(SharedModels.Lease::close);
        leases.clear();
      }
    }

    /** What failed, then the exception's message (or its class and where it was thrown). */
    private static SpeechFailure failure(String what, Exception e) {
      EpisodeOutcome.Cause cause = EpisodeOutcome.Cause.of(e);
      return new SpeechFailure(what + ": " + cause.summary(), cause);
    }

    private static String abbreviate(String text) {
      return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
  }

  /**
   * Speaks as a season does at a speed: at the voice's own speed control when it has one, else
   * time-stretched keeping pitch.
   */
  public static AudioClip speakAt(Voice voice, String text, double speed) throws Exception {
    if (speed == 1.0) {
      return voice.speak(text);
    }
    if (voice.controlsSpeed()) {
      return voice.speak(text, speed);
    }
    return TimeStretch.stretch(voice.speak(text), speed);
  }
}
