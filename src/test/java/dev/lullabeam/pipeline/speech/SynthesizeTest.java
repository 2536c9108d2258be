package dev.lullabeam.pipeline.speech;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import dev.lullabeam.lib.voice.Voice;
import dev.lullabeam.lib.voices.Voices;
import dev.lullabeam.values.SpokenSentence;

import dev.lullabeam.lib.audio.AudioClip;
import dev.lullabeam.values.SentenceToSpeak;
import dev.lullabeam.values.SpeechFailure;
import dev.lullabeam.pipeline.metrics.ModelLoadMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class SynthesizeTest {

  /**
   * A voice that, like real engines, chokes on some input: apostrophes (which strict
   * normalisation removes) and the word "boom" (which no normalisation removes). Each clip is
   * 10 ms per character, so lengths show what was spoken.
   */
  static final String PICKY = "picky-test-voice";

  static final AtomicInteger closed = new AtomicInteger();
  /** Every text the voice was asked to speak, in all tests. */
  static final java.util.Set<String> asked = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @TempDir static Path work;

  static final class PickyVoice implements Voice {
    @Override
    public String name() {
      return PICKY;
    }

    @Override
    public String version() {
      return "picky-1";
    }

    @Override
    public int sampleRate() {
      return 1000;
    }

    @Override
    public AudioClip speak(String text) {
      asked.add(text);
      if (text.contains("'") || text.contains("’")) {
        throw new IllegalArgumentException("cannot pronounce apostrophes");
      }
      if (text.toLowerCase().contains("boom")) {
        throw new IllegalArgumentException("no phonemes for 'boom'");
      }
      return new AudioClip(1000, new short[text.length() * 10]);
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }

  @BeforeAll
  static void registerVoice() {
    Voices.register(PICKY, PickyVoice::new);
  }

  private static SentenceToSpeak sentence(String episode, int index, String text) {
    return new SentenceToSpeak(episode, index, text, text, false, PICKY);
  }

  @Test
  void speaksRetriesStrictlyAndReportsWhatCannotBeSpoken(TestPipeline pipeline) {
    PCollectionTuple speech =
        pipeline
            .apply(
                Create.of(
                    sentence("calm", 0, "The sea was calm."),
                    sentence("calm", 1, "It's late."),
                    sentence("loud", 0, "Then came a boom."),
                    new SentenceToSpeak("mute", 0, "Hush.", "Hush.", false, "no-such-voice")))
            .apply(new Synthesize(SpeechStore.in(work.resolve("first").toString(), null)));

    PAssert.that(
            speech
                .get(Synthesize.SPOKEN)
                .apply(
                    "Describe1",

                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (KV<String, SpokenSentence> s) ->
                                s.getKey() + "#" + s.getValue().index() + " "
                                    + s.getValue().speech().samples())))
        .containsInAnyOrder("calm#0 170", "calm#1 90");
    PAssert.that(
            speech
                .get(Synthesize.FAILED)
                .apply(
                    "Describe2",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (KV<String, SpeechFailure> f) ->
                                f.getKey() + ": " + f.getValue().reason() + " ["
                                    + f.getValue().error().type() + "]")))
        .containsInAnyOrder(
            "loud: sentence 1 (\"Then came a boom.\") could not be spoken by voice "
                + PICKY
                + ": no phonemes for 'boom' [java.lang.IllegalArgumentException]",
            "mute: voice no-such-voice: unknown voice 'no-such-voice' (known: "
                + Voices.known()
                + ") [java.lang.IllegalArgumentException]");
    int closedBefore = closed.get();
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    // Loaded once for all DoFn instances, counted where it loaded, closed after the last teardown.
    assertThat(
        ModelLoadMetrics.read(result).get(Voices.modelKey(PICKY)),
        is(Map.of(ModelLoadMetrics.jvm(), 1)));
    assertThat(Voices.isLoaded(PICKY), is(false));
    assertThat(closed.get(), is(closedBefore + 1));
  }

  /**
   * A sentence the store holds is handed on without asking the voice, with the stored audio's
   * length; a new one is spoken and stored. The counters say which was which.
   */
  @Test
  void reusesWhatTheStoreHoldsAndStoresWhatItSpeaks(TestPipeline pipeline) throws Exception {
    SpeechStore store = SpeechStore.in(work.resolve("reuse").toString(), null);
    String held = "The owl was held over from last night.";
    String key = SpeechStore.key(new PickyVoice(), held);
    // 7 samples: a length the picky voice never makes, so a reused clip is recognisable.
    store.put(PICKY, key, new AudioClip(1000, new short[7]));

    PCollectionTuple speech =
        pipeline
            .apply(Create.of(sentence("owl", 0, held), sentence("owl", 1, "A new moon rose.")))
            .apply(new Synthesize(store));
    PAssert.that(
            speech
                .get(Synthesize.SPOKEN)
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (KV<String, SpokenSentence> s) ->
                                s.getValue().index() + " " + s.getValue().speech().samples()
                                    + (s.getValue().reused() ? " reused" : " spoken"))))
        .containsInAnyOrder("0 7 reused", "1 160 spoken");
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    assertThat(asked.contains(held), is(false));
    assertThat(counter(result, "sentences_spoken"), is(1L));
    assertThat(counter(result, "sentences_reused"), is(1L));
    String newKey = SpeechStore.key(new PickyVoice(), "A new moon rose.");
    assertThat(store.find(PICKY, newKey).get().samples(), is(160));
    assertThat(
        Files.exists(
            work.resolve("reuse/speech/" + PICKY + "/" + newKey.substring(0, 2) + "/" + newKey + ".wav")),
        is(true));
  }

  @Test
  void withoutReuseEverySentenceIsSpokenAgain(TestPipeline pipeline) throws Exception {
    SpeechStore store = SpeechStore.in(work.resolve("no-reuse").toString(), null);
    String held = "The owl was held over from last night.";
    store.put(PICKY, SpeechStore.key(new PickyVoice(), held), new AudioClip(1000, new short[7]));

    PCollectionTuple speech =
        pipeline.apply(Create.of(sentence("owl", 0, held))).apply(new Synthesize(store, false));
    PAssert.that(
            speech
                .get(Synthesize.SPOKEN)
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (KV<String, SpokenSentence> s) ->
                                s.getValue().index()
                                    + (s.getValue().reused() ? " reused" : " spoken")
                                    + (s.getValue().speech().samples() == 7 ? ", the stored clip" : ", anew"))))
        .containsInAnyOrder("0 spoken, anew");
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertThat(counter(result, "sentences_spoken"), is(1L));
  }

  private static long counter(PipelineResult result, String name) {
    return result
        .metrics()
        .queryMetrics(
            MetricsFilter.builder().addNameFilter(MetricNameFilter.named("lullabeam", name)).build())
        .getCounters()
        .iterator()
        .next()
        .getAttempted();
  }
}
