package dev.lullabeam.lib.voices;

import dev.lullabeam.lib.models.SharedModels;
import dev.lullabeam.lib.voice.Voice;
import dev.lullabeam.lib.voice.mary.MaryVoice;
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

  private static final Map<String, Loader> LOADERS = new ConcurrentHashMap<>();
  private static final SharedModels<String, Voice> SHARED = new SharedModels<>(Voices::load);

  static {
    register(DEFAULT, () -> MaryVoice.load(DEFAULT));
  }

  private Voices() {}

  /**
   * Makes a voice known under a name. Registration must happen in every JVM that speaks (e.g. in
   * a static initialiser of the class that needs it), since workers load voices themselves.
   */
  public static void register(String name, Loader loader) {
    LOADERS.put(name, loader);
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
    if (!isKnown(name)) {
      throw new IllegalArgumentException("unknown voice '" + name + "' (known: " + known() + ")");
    }
    return SHARED.acquire(name);
  }

  /** Whether the named voice is loaded in this JVM now. */
  public static boolean isLoaded(String name) {
    return SHARED.isLoaded(name);
  }

  private static Voice load(String name) {
    try {
      return LOADERS.get(name).load();
    } catch (Exception e) {
      throw new IllegalStateException("cannot load voice '" + name + "': " + e, e);
    }
  }
}
