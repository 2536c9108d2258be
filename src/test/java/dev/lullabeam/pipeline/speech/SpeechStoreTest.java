package dev.lullabeam.pipeline.speech;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import dev.lullabeam.lib.audio.AudioClip;
import dev.lullabeam.lib.voice.Voice;
import dev.lullabeam.values.StoredSpeech;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeechStoreTest {

  @TempDir Path work;

  private record FixedVoice(String name, String version, int sampleRate) implements Voice {
    @Override
    public AudioClip speak(String text) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  private static final Voice SLT = new FixedVoice("slt", "engine-1", 48000);

  private static AudioClip clip(int samples) {
    short[] pcm = new short[samples];
    for (int i = 0; i < samples; i++) {
      pcm[i] = (short) (i * 37);
    }
    return new AudioClip(48000, pcm);
  }

  @Test
  void storesSentencesAsWavUnderTheirContentAddressAndReadsThemBack() throws Exception {
    SpeechStore store = SpeechStore.in(work.toString(), null);
    String key = SpeechStore.key(SLT, "The moon rose.");

    assertThat(store.find("slt", key), is(Optional.empty()));
    StoredSpeech stored = store.put("slt", key, clip(4800));

    assertThat(stored, is(new StoredSpeech("slt", key, 48000, 4800)));
    assertThat(store.find("slt", key), is(Optional.of(stored)));
    assertThat(store.read(stored), is(clip(4800)));
    Path entry = work.resolve("speech/slt/" + key.substring(0, 2) + "/" + key + ".wav");
    // 16-bit PCM and a 44-byte header: nothing more than the samples need.
    assertThat(Files.size(entry), is(44L + 2 * 4800));
  }

  @Test
  void theKeyChangesWithEverythingThatChangesTheSound() {
    String key = SpeechStore.key(SLT, "The moon rose.");
    assertThat(key.length(), is(64));
    assertThat(SpeechStore.key(SLT, "The moon rose."), is(key));
    assertThat(SpeechStore.key(SLT, "The moon rose!"), is(not(key)));
    assertThat(SpeechStore.key(new FixedVoice("slt", "engine-2", 48000), "The moon rose."), is(not(key)));
    assertThat(SpeechStore.key(new FixedVoice("slt", "engine-1", 16000), "The moon rose."), is(not(key)));
    assertThat(SpeechStore.key(new FixedVoice("awb", "engine-1", 48000), "The moon rose."), is(not(key)));
  }

  @Test
  void defaultsToAWorkFolderInsideTheOutput() {
    assertThat(SpeechStore.in(null, work.resolve("out").toString()).workDir(), endsWith("/out/.work/"));
    assertThat(SpeechStore.in("", work.resolve("out").toString()).workDir(), endsWith("/out/.work/"));
  }

  @Test
  void defaultsToALocalWorkFolderForABucketOutput() {
    assertThat(
        SpeechStore.in(null, "gs://season-bucket/podcasts/autumn").workDir(),
        is(
            Path.of(System.getProperty("java.io.tmpdir"), "lullabeam-work")
                + "/season-bucket/podcasts/autumn/"));
  }

  @Test
  void deletesEverythingButTheEntriesToKeepIncludingLeftoverTemporaryFiles() throws Exception {
    SpeechStore store = SpeechStore.in(work.toString(), null);
    String keep = SpeechStore.key(SLT, "Keep me.");
    String drop = SpeechStore.key(SLT, "Drop me.");
    store.put("slt", keep, clip(10));
    store.put("slt", drop, clip(10));
    Path leftover = work.resolve("speech/slt/" + drop.substring(0, 2) + "/.partial-" + drop + ".wav-1");
    Files.writeString(leftover, "half a file");
    Path unwritten = Files.createDirectories(work.resolve("mixed")).resolve("fox.mp3");
    Files.writeString(unwritten, "an MP3 whose writing failed");

    assertThat(store.deleteAllBut(Set.of(keep)), is(3));

    try (Stream<Path> files = Files.walk(work)) {
      assertThat(
          files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList(),
          containsInAnyOrder(keep + ".wav"));
    }
    try (Stream<Path> folders = Files.walk(work)) {
      assertThat("no empty folder is left behind",
          folders.filter(Files::isDirectory).map(work::relativize).map(Path::toString).toList(),
          containsInAnyOrder("", "speech", "speech/slt", "speech/slt/" + keep.substring(0, 2)));
    }
  }

  @Test
  void deletingEveryEntryLeavesNoWorkFolderBehind() throws Exception {
    Path folder = work.resolve("work");
    SpeechStore store = SpeechStore.in(folder.toString(), null);
    store.put("slt", SpeechStore.key(SLT, "Drop me."), clip(10));
    assertThat(store.deleteAllBut(Set.of()), is(1));
    assertThat(Files.exists(folder), is(false));
  }

  @Test
  void deletingFromAnEmptyStoreDeletesNothing() throws Exception {
    assertThat(SpeechStore.in(work.resolve("never-used").toString(), null).deleteAllBut(Set.of()), is(0));
  }
}
