package dev.lullabeam.lib.voices;

import dev.lullabeam.lib.models.SharedModels;
import dev.lullabeam.lib.voice.Voice;
import dev.lullabeam.lib.voice.mary.MaryVoice;
import dev.lullabeam.lib.voice.tacotron.TacotronVoice;
import dev.lullabeam.lib.voice.tacotron.TacotronVoiceFolder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The voices lullabeam knows, by name. A voice is loaded at most once per JVM, when the first
 * holder of a {@link #acquire lease} needs it, shared by every DoFn instance and thread of that JVM,
 * and closed when the last lease is released ({@link SharedModels}). New engines plug in with
 * {@link #register}.
 */
public final class Voices {

  /** MaryTTS's female US English HMM voice: pure Java, from Maven Central. */
  public static final String DEFAULT = "cmu-slt-hsmm";

  /** Loads a voice. */
  @FunctionalInterface
  public interface Loader {
    Voice load() throws Exception;
  }

  /** Loads a voice that needs a folder or a device ({@link VoiceSettings}). */
  @FunctionalInterface
  public interface ConfiguredLoader {
    Voice load(VoiceSettings settings) throws Exception;
  }

  /** Checks quickly, before any work, that a voice can load with these settings. */
  @FunctionalInterface
  public interface Checker {
    void check(VoiceSettings settings) throws Exception;
  }

  private record Registration(ConfiguredLoader loader, Checker checker, boolean configured) {}

  /** What a shared copy is loaded from: a configured voice has one copy per folder and device. */
  private record Key(String name, VoiceSettings settings) {}

  private static final Map<String, Registration> LOADERS = new ConcurrentHashMap<>();
  /** Lease keys (strings, so that the lease type stays the same for every voice) → what to load. */
  private static final Map<String, Key> KEYS = new ConcurrentHashMap<>();
  private static final SharedModels<String, Voice> SHARED = new SharedModels<>(Voices::load);

  static {
    register(DEFAULT, () -> MaryVoice.load(DEFAULT));
    // TensorFlowTTS's Tacotron2 + MelGAN on TensorFlow Java, from --voiceDir on --device.
    register(
        TacotronVoice.NAME,
        settings ->
            TacotronVoice.load(
                Path.of(settings.voiceDir()), settings.device(), TacotronVoice.DEFAULT_MAX_BATCH),
        settings -> {
          TacotronVoice.config(settings.device()); // cpu, gpu or gpu:N
          TacotronVoiceFolder.check(Path.of(settings.voiceDir()));
        });
  }

  private Voices() {}

  /**
   * Makes a voice known under a name. Registration must happen in every JVM that speaks (e.g. in
   * a static initialiser of the class that needs it), since workers load voices themselves.
   */
  public static void register(String name, Loader loader) {
    LOADERS.put(name, new Registration(settings -> loader.load(), settings -> {}, false));
  }

  /** Makes known a voice that loads from {@link VoiceSettings}; {@code checker} runs before work. */
  public static void register(String name, ConfiguredLoader loader, Checker checker) {
    LOADERS.put(name, new Registration(loader, checker, true));
  }

  /**
   * Checks, without loading it, that the named voice can load with these settings (its folder
   * is complete and its models are what it expects).
   *
   * @throws Exception with a one-line message saying what is wrong
   */
  public static void check(String name, VoiceSettings settings) throws Exception {
    if (!isKnown(name)) {
      throw new IllegalArgumentException("unknown voice '" + name + "' (known: " + known() + ")");
    }
    LOADERS.get(name).checker().check(settings);
  }

  public static boolean isKnown(String name) {
    return LOADERS.containsKey(name);
  }

  public static Set<String> known() {
    return new TreeSet<>(LOADERS.keySet());
  }

  /** The name under which loads of this voice are counted in the report. */
  public static String modelKey(String name) {
    return "voice:" + name;
  }

  /**
   * A hold on the named voice; nothing is loaded until {@link SharedModels.Lease#get}. Close it
   * when done: the last close in the JVM closes the voice.
   *
   * @throws IllegalArgumentException for a voice nobody registered
   */
  public static SharedModels<String, Voice>.Lease acquire(String name) {
    return acquire(name, VoiceSettings.DEFAULT);
  }

  /**
   * A hold on the named voice as loaded with {@code settings} (ignored by voices that need none,
   * which keep one copy per JVM whatever the settings).
   */
  public static SharedModels<String, Voice>.Lease acquire(String name, VoiceSettings settings) {
    if (!isKnown(name)) {
      throw new IllegalArgumentException("unknown voice '" + name + "' (known: " + known() + ")");
    }
    String key = name;
    if (LOADERS.get(name).configured()) {
      key = name + "@" + settings.voiceDir() + "@" + settings.device();
      KEYS.putIfAbsent(key, new Key(name, settings));
    }
    return SHARED.acquire(key);
  }

  /** Whether the named voice is loaded in this JVM now. */
  public static boolean isLoaded(String name) {
    return SHARED.isLoaded(name);
  }

  private static Voice load(String key) {
    Key what = KEYS.getOrDefault(key, new Key(key, VoiceSettings.DEFAULT));
    try {
      return LOADERS.get(what.name()).loader().load(what.settings());
    } catch (Exception e) {
      throw new IllegalStateException("cannot load voice '" + what.name() + "': " + e, e);
    }
  }
}
