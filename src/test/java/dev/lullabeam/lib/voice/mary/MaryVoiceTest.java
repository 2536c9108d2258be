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
import dev.lullabeam.lib.models.ModelLoads;
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
    AudioClip clip = Voices.get(Voices.DEFAULT).speak(SENTENCES.get(0));
    assertThat(clip.sampleRate(), is(48000));
    assertThat(clip.seconds(), both(greaterThan(1.0)).and(lessThan(6.0)));
    assertThat(Levels.peak(clip.samples()), greaterThan(0.1));
  }

  @Test
  void isLoadedOncePerJvmAndSharedByConcurrentCallers() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Voice>> voices = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        voices.add(pool.submit(() -> Voices.get(Voices.DEFAULT)));
      }
      Voice first = voices.get(0).get();
      for (Future<Voice> voice : voices) {
        assertThat(voice.get(), is(sameInstance(first)));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(ModelLoads.loads(Voices.modelKey(Voices.DEFAULT)), is(1));
  }

  @Test
  void concurrentSynthesisGivesTheSameAudioAsOneAtATime() throws Exception {
    Voice voice = Voices.get(Voices.DEFAULT);
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
            IllegalArgumentException.class, () -> Voices.get("no-such-voice"));
    assertThat(e.getMessage().startsWith("unknown voice 'no-such-voice'"), is(true));
  }
}
