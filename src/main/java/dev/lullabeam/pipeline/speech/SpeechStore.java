package dev.lullabeam.pipeline.speech;

import dev.lullabeam.lib.audio.AudioClip;
import dev.lullabeam.lib.voice.Voice;
import dev.lullabeam.lib.storage.GcsLocation;
import dev.lullabeam.pipeline.write.OutputFiles;
import dev.lullabeam.values.StoredSpeech;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Spoken sentences kept as files, addressed by their content: the voice, its version and the
 * exact text it was given. Synthesis stores each clip here and hands on a small {@link
 * StoredSpeech}; assembly reads the clips back. So no audio travels through a shuffle, and a
 * rerun — after a finished, failed or killed run — speaks only what the store does not hold.
 *
 * <p>Entries are mono 16-bit PCM WAV at the voice's own rate, under {@code
 * <workDir>/speech/<voice>/<first two hex digits>/<sha256>.wav}, written atomically ({@link
 * OutputFiles#writeAtomically}) through Beam's FileSystems, so the store works on a local disk, a
 * folder shared by a cluster's workers, or any file system Beam has registered.
 */
public final class SpeechStore implements Serializable {
  private static final long serialVersionUID = 1L;

  static final String SPEECH = "speech";
  static final String WORK = ".work";
  static final String MIXED = "mixed";
  private static final String EXTENSION = ".wav";

  private final String workDir;

  private SpeechStore(String workDir) {
    this.workDir = workDir;
  }

  /**
   * The store under {@code workDir}, or under {@code <output>/.work} when none is configured; for
   * a {@code gs://} output, whose bucket is not a Beam file system here, under this machine's
   * temporary folder instead: {@code <java.io.tmpdir>/lullabeam-work/<bucket>/<prefix>/}.
   */
  public static SpeechStore in(String workDir, String output) {
    if ((workDir == null || workDir.isBlank()) && GcsLocation.isGcs(output)) {
      GcsLocation bucket = GcsLocation.parse(output);
      Path local =
          Path.of(System.getProperty("java.io.tmpdir"), "lullabeam-work", bucket.bucket())
              .resolve(bucket.prefix());
      return new SpeechStore(FileSystems.matchNewResource(local.toString(), true).toString());
    }
    if (workDir == null || workDir.isBlank()) {
      return new SpeechStore(
          OutputFiles.directory(output)
              .resolve(WORK, StandardResolveOptions.RESOLVE_DIRECTORY)
              .toString());
    }
    return new SpeechStore(FileSystems.matchNewResource(workDir, true).toString());
  }

  /** The store this season's options name. */
  public static SpeechStore of(SpeechStoreOptions store, String output) {
    return in(store.getWorkDir(), output);
  }

  public String workDir() {
    return workDir;
  }

  /**
   * The content address of {@code text} spoken by {@code voice}: everything that changes the
   * sound — voice name, engine version, sample rate and the exact text — and nothing else.
   */
  public static String key(Voice voice, String text) {
    return key(voice, text, 1.0);
  }

  /**
   * The key of a sentence spoken at {@code speed} times the voice's natural rate; at speed 1 it is
   * the key {@link #key(Voice, String)} always gave, so stores made before paces existed still
   * serve.
   */
  public static String key(Voice voice, String text, double speed) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
    // NUL separates the fields: it appears in none of them.
    String identity =
        String.join("\0", voice.name(), voice.version(), Integer.toString(voice.sampleRate()), text);
    if (speed != 1.0) {
      identity += "\0speed=" + speed;
    }
    return HexFormat.of().formatHex(sha.digest(identity.getBytes(StandardCharsets.UTF_8)));
  }

  ResourceId entry(String voice, String key) {
    return speechFolder()
        .resolve(voice, StandardResolveOptions.RESOLVE_DIRECTORY)
        .resolve(key.substring(0, 2), StandardResolveOptions.RESOLVE_DIRECTORY)
        .resolve(key + EXTENSION, StandardResolveOptions.RESOLVE_FILE);
  }

  /** Where a mixed episode's MP3 waits until its writer moves it into the output. */
  public ResourceId mixedEpisode(String id) {
    return FileSystems.matchNewResource(workDir, true)
        .resolve(MIXED, StandardResolveOptions.RESOLVE_DIRECTORY)
        .resolve(id + ".mp3", StandardResolveOptions.RESOLVE_FILE);
  }

  private ResourceId speechFolder() {
    return FileSystems.matchNewResource(workDir, true)
        .resolve(SPEECH, StandardResolveOptions.RESOLVE_DIRECTORY);
  }

  /** The stored entry, if an earlier call or run stored it; only its WAV header is read. */
  public Optional<StoredSpeech> find(String voice, String key) throws IOException {
    ResourceId entry = entry(voice, key);
    if (!OutputFiles.exists(entry)) {
      return Optional.empty();
    }
    try (InputStream in = new BufferedInputStream(Channels.newInputStream(FileSystems.open(entry)))) {
      AudioFileFormat format = AudioSystem.getAudioFileFormat(in);
      return Optional.of(
          new StoredSpeech(
              voice, key, Math.round(format.getFormat().getSampleRate()), format.getFrameLength()));
    } catch (UnsupportedAudioFileException e) {
      throw new IOException("stored speech " + entry + " is not a WAV file", e);
    }
  }

  /** Stores a clip under its key, replacing any entry there. */
  public StoredSpeech put(String voice, String key, AudioClip clip) throws IOException {
    OutputFiles.writeAtomically(entry(voice, key), clip.toWav(), "audio/wav");
    return new StoredSpeech(voice, key, clip.sampleRate(), clip.length());
  }

  /** The audio a reference points to. */
  public AudioClip read(StoredSpeech speech) throws IOException {
    ResourceId entry = entry(speech.voice(), speech.key());
    try (InputStream in = new BufferedInputStream(Channels.newInputStream(FileSystems.open(entry)))) {
      return AudioClip.read(AudioSystem.getAudioInputStream(in));
    } catch (UnsupportedAudioFileException e) {
      throw new IOException("stored speech " + entry + " is not a WAV file", e);
    }
  }

  /**
   * Deletes every file of the store but the entries named in {@code keep} (keys), including
   * temporary files a killed run left behind, and every MP3 an episode whose writing failed left
   * in the work folder (a rerun mixes it again). Returns how many files were deleted.
   */
  public int deleteAllBut(Set<String> keep) throws IOException {
    List<ResourceId> doomed = new ArrayList<>();
    for (MatchResult.Metadata file : match(speechFolder().toString() + "*/*/*")) {
      String name = file.resourceId().getFilename();
      boolean kept =
          name != null
              && name.endsWith(EXTENSION)
              && keep.contains(name.substring(0, name.length() - EXTENSION.length()));
      if (!kept) {
        doomed.add(file.resourceId());
      }
    }
    for (MatchResult.Metadata file : match(mixedEpisode("*").toString())) {
      doomed.add(file.resourceId());
    }
    FileSystems.delete(doomed, StandardMoveOptions.IGNORE_MISSING_FILES);
    removeEmptyLocalFolders();
    return doomed.size();
  }

  /**
   * On a local disk, the folders the deleted entries leave empty go too (the work folder itself
   * when nothing is kept). Object stores such as gs:// have no folders to leave behind.
   */
  private void removeEmptyLocalFolders() throws IOException {
    ResourceId root = FileSystems.matchNewResource(workDir, true);
    if (!"file".equals(root.getScheme())) {
      return;
    }
    String location = root.toString();
    Path folder = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path dir : paths.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isEmpty()) {
            Files.delete(dir);
          }
        }
      }
    }
  }

  private static List<MatchResult.Metadata> match(String pattern) throws IOException {
    MatchResult match = FileSystems.match(List.of(pattern)).get(0);
    // NOT_FOUND: nothing there yet.
    return match.status() == MatchResult.Status.OK ? match.metadata() : List.of();
  }
}
