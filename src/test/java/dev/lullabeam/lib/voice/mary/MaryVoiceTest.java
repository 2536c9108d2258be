package dev.lullabeam.lib.voice.mary;

import dev.lullabeam.lib.voice.Voice;
import dev.lullabeam.lib.voices.Voices;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.sameInstance;

import dev.lullabeam.lib.audio.AudioClip;
import dev.lullabeam.lib.audio.Levels;
import dev.lullabeam.lib.models.SharedModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MaryVoiceTest {

  private static final List<String> SENTENCES =
      List.of(
          "Once upon a time, there was a little fox.",
          "The rain went pitter, patter on the leaves.",
          "Goodnight, little fox.",
          "Is it singing? asked the fox.");

  @Test
  void speaksASentenceAsAudibleMonoAt48kHz() throws Exception {
    try (SharedModels<String, Voice>.Lease lease = Voices.acquire(Voices.DEFAULT)) {
      AudioClip clip = lease.get().speak(SENTENCES.get(0));
      assertThat(clip.sampleRate(), is(48000));
      assertThat(clip.seconds(), both(greaterThan(1.0)).and(lessThan(6.0)));
      assertThat(Levels.peak(clip.samples()), greaterThan(0.1));
    }
  }

  /**
   * A registry of its own, so that what other test classes in this JVM loaded already cannot
   * make the race trivially pass.
   */
  @Test
  void isLoadedOnceAndSharedByConcurrentFirstCallers() throws Exception {
    SharedModels<String, Voice> voices = new SharedModels<>(MaryVoice::load);
    List<SharedModels<String, Voice>.Lease> leases = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      leases.add(voices.acquire(Voices.DEFAULT));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Voice>> loaded = new ArrayList<>();
      for (SharedModels<String, Voice>.Lease lease : leases) {
        loaded.add(pool.submit(() -> lease.get()));
      }
      Voice first = loaded.get(0).get();
      for (Future<Voice> voice : loaded) {
        assertThat(voice.get(), is(sameInstance(first)));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(voices.loadCount(Voices.DEFAULT), is(1));
    leases.forEach(SharedModels.Lease::close);
    assertThat(voices.isLoaded(Voices.DEFAULT), is(false));
  }

  @Test
  void concurrentSynthesisGivesTheSameAudioAsOneAtATime() throws Exception {
    try (SharedModels<String, Voice>.Lease lease = Voices.acquire(Voices.DEFAULT)) {
      speakConcurrently(lease.get());
    }
  }

  @Test
  void concurrentSynthesisAtAPaceGivesTheSameAudioAsOneAtATime() throws Exception {
    // speak(text, speed) goes through the second interface (RAWMARYXML with a prosody rate); mixed
    // with plain calls, as a season with per-row paces makes them.
    try (SharedModels<String, Voice>.Lease lease = Voices.acquire(Voices.DEFAULT)) {
      Voice voice = lease.get();
      List<AudioClip> slow = new ArrayList<>();
      List<AudioClip> plain = new ArrayList<>();
      for (String sentence : SENTENCES) {
        slow.add(voice.speak(sentence, 0.8));
        plain.add(voice.speak(sentence));
      }
      assertThat(slow.get(0).length(), greaterThan(plain.get(0).length()));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<AudioClip>> parallel = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
          for (String sentence : SENTENCES) {
            parallel.add(pool.submit(() -> voice.speak(sentence, 0.8)));
            parallel.add(pool.submit(() -> voice.speak(sentence)));
          }
        }
        for (int i = 0; i < parallel.size(); i++) {
          int sentence = (i / 2) % SENTENCES.size();
          AudioClip expected = i % 2 == 0 ? slow.get(sentence) : plain.get(sentence);
          assertThat("call " + i, parallel.get(i).get(), is(expected));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static void speakConcurrently(Voice voice) throws Exception {
    List<AudioClip> sequential = new ArrayList<>();
    for (String sentence : SENTENCES) {
      sequential.add(voice.speak(sentence));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<AudioClip>> parallel = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (String sentence : SENTENCES) {
          parallel.add(pool.submit(() -> voice.speak(sentence)));
        }
      }
      for (int i = 0; i < parallel.size(); i++) {
        assertThat("call " + i, parallel.get(i).get(), is(sequential.get(i % SENTENCES.size())));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void unknownVoiceIsRefusedByName() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> Voices.acquire("no-such-voice"));
    assertThat(e.getMessage().startsWith("unknown voice 'no-such-voice'"), is(true));
  }
}
