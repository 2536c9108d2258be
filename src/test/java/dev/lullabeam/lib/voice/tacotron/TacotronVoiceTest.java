package dev.lullabeam.lib.voice.tacotron;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lullabeam.lib.audio.AudioClip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The voice on a tiny random voice folder: shapes, cutting, batching, errors. */
class TacotronVoiceTest {

  private static final int FRAMES_PER_ID = 3;

  @TempDir static Path tmp;
  private static Path folder;
  private static TacotronVoice voice;

  @BeforeAll
  static void makeVoice() throws IOException {
    folder = tmp.resolve("tiny");
    TinyVoiceWriter.write(folder, FRAMES_PER_ID, 600, 7);
    voice = TacotronVoice.load(folder, "cpu", 4);
  }

  @AfterAll
  static void closeVoice() {
    if (voice != null) {
      voice.close();
    }
  }

  /** Samples at 48 kHz of an item of n ids: n·3 frames of 256 samples at 22,050 Hz. */
  private static int expectedLength(String text) {
    long samples = (long) voice.ids(text).length * FRAMES_PER_ID * TacotronVoice.HOP;
    return (int) (samples * 320 / 147);
  }

  @Test
  void eachSentenceEndsAtItsOwnStopToken() throws Exception {
    AudioClip clip = voice.speak("Hello there.");
    assertThat(clip.sampleRate(), is(48_000));
    assertThat(clip.length(), is(expectedLength("Hello there.")));
    assertThat(voice.version(), startsWith("tensorflowtts-tacotron2-melgan-"));
    assertThat(voice.name(), is("tacotron2-melgan"));
  }

  @Test
  void batchedSentencesAreCutEachToItsLengthAndSoundAsAlone() throws Exception {
    List<String> texts =
        List.of(
            "Hi.",
            "Once upon a time, there was a little fox.",
            "The owl had 3 hats.",
            "A much longer sentence that the decoder must keep going for, far longer than the rest.",
            "Good night.");
    List<AudioClip> batched = voice.speakAll(texts);
    for (int i = 0; i < texts.size(); i++) {
      assertThat(texts.get(i), batched.get(i).length(), is(expectedLength(texts.get(i))));
      // The tiny model works frame by frame, so padding must not change an item's audio.
      assertThat(texts.get(i), batched.get(i).samples(), equalTo(voice.speak(texts.get(i)).samples()));
    }
  }

  @Test
  void threadsShareBatches() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<AudioClip>> results = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String text = "Sentence number " + i + " is " + "very ".repeat(i) + "short.";
        texts.add(text);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return voice.speak(text);
                }));
      }
      start.countDown();
      for (int i = 0; i < texts.size(); i++) {
        assertThat(results.get(i).get().length(), is(expectedLength(texts.get(i))));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSentenceThatHitsTheMaximumIterationsFailsAlone(@TempDir Path dir) throws Exception {
    TinyVoiceWriter.write(dir, FRAMES_PER_ID, 60, 7); // 60 frames: 19 ids at most
    try (TacotronVoice capped = TacotronVoice.load(dir, "cpu", 8)) {
      String longText = "This sentence is far too long for sixty frames.";
      Exception e = assertThrows(Exception.class, () -> capped.speakAll(List.of("Hi.", longText)));
      assertThat(e.getMessage(), containsString("maximum of 60 decoder iterations"));
      assertThat(capped.speak("Hi.").length(), greaterThan(0));
    }
  }

  @Test
  void incompleteOrWrongFoldersAreRefusedInOneLine(@TempDir Path dir) throws IOException {
    IOException missing =
        assertThrows(IOException.class, () -> TacotronVoiceFolder.check(dir.resolve("none")));
    assertThat(missing.getMessage(), containsString("does not exist"));

    Path copy = dir.resolve("copy");
    copyTree(folder, copy);
    deleteTree(copy.resolve("melgan"));
    IOException noMelgan = assertThrows(IOException.class, () -> TacotronVoiceFolder.check(copy));
    assertThat(noMelgan.getMessage(), containsString("has no melgan/saved_model.pb"));

    // A MelGAN where Tacotron2 should be: other inputs and outputs.
    deleteTree(copy.resolve("tacotron2"));
    copyTree(folder.resolve("melgan"), copy.resolve("tacotron2"));
    copyTree(folder.resolve("melgan"), copy.resolve("melgan"));
    IOException wrong = assertThrows(IOException.class, () -> TacotronVoiceFolder.check(copy));
    assertThat(wrong.getMessage(), containsString("has inputs [mels], expected [input_ids, input_lengths, speaker_ids]"));

    deleteTree(copy.resolve("tacotron2"));
    copyTree(folder.resolve("tacotron2"), copy.resolve("tacotron2"));
    Files.delete(copy.resolve("mapper.json"));
    IOException noMapper = assertThrows(IOException.class, () -> TacotronVoiceFolder.check(copy));
    assertThat(noMapper.getMessage(), containsString("has no mapper.json"));
    for (IOException e : List.of(missing, noMelgan, wrong, noMapper)) {
      assertThat(e.getMessage().contains("\n"), is(false));
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
