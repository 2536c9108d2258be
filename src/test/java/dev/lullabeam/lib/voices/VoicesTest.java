package dev.lullabeam.lib.voices;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;

import dev.lullabeam.lib.audio.AudioClip;
import dev.lullabeam.lib.models.SharedModels;
import dev.lullabeam.lib.voice.Voice;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The voice registry's lifecycle, with a voice of this test's own (no other class uses it). */
class VoicesTest {

  private static final String NAME = "voices-test-silence";
  private static final AtomicInteger LOADED = new AtomicInteger();
  private static final AtomicInteger CLOSED = new AtomicInteger();

  static {
    Voices.register(
        NAME,
        () -> {
          LOADED.incrementAndGet();
          return new Voice() {
            @Override
            public String name() {
              return NAME;
            }

            @Override
            public String version() {
              return "test-1";
            }

            @Override
            public int sampleRate() {
              return 8000;
            }

            @Override
            public AudioClip speak(String text) {
              return new AudioClip(8000, new short[80]);
            }

            @Override
            public void close() {
              CLOSED.incrementAndGet();
            }
          };
        });
  }

  @Test
  void aVoiceIsLoadedForItsFirstUserSharedAndClosedWhenTheLastLetsGo() throws Exception {
    int loadedBefore = LOADED.get();
    int closedBefore = CLOSED.get();
    SharedModels<String, Voice>.Lease first = Voices.acquire(NAME);
    SharedModels<String, Voice>.Lease second = Voices.acquire(NAME);
    assertThat("a lease alone loads nothing", Voices.isLoaded(NAME), is(false));

    Voice voice = first.get();
    assertThat(second.get(), is(sameInstance(voice)));
    assertThat(LOADED.get(), is(loadedBefore + 1));

    first.close();
    assertThat("still held by the second lease", Voices.isLoaded(NAME), is(true));
    assertThat(CLOSED.get(), is(closedBefore));

    second.close();
    assertThat(Voices.isLoaded(NAME), is(false));
    assertThat(CLOSED.get(), is(closedBefore + 1));
  }
}
