package dev.lullabeam.lib.voices;

import dev.lullabeam.lib.voice.Voice;

import dev.lullabeam.lib.voice.mary.MaryVoice;
import dev.lullabeam.lib.models.ModelLoads;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The voices lullabeam knows, each loaded lazily and at most once per JVM, then shared by every
 * DoFn instance and thread of that JVM. New engines plug in with {@link #register}.
 */
public final class Voices {

  /** MaryTTS's female US English HMM voice: pure Java, from Maven Central. */
  public static final String DEFAULT = "cmu-slt-hsmm";

  /** Loads a voice; called at most once per JVM for each name. */
  @FunctionalInterface
  public interface Loader {
    Voice load() throws Exception;
  }

  private static final Map<String, Loader> LOADERS = new ConcurrentHashMap<>();
  private static final Map<String, Voice> LOADED = new ConcurrentHashMap<>();

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

  /** Returns the voice, loading it on first use in this JVM; other callers wait for that load. */
  public static Voice get(String name) {
    Loader loader = LOADERS.get(name);
    if (loader == null) {
      throw new IllegalArgumentException("unknown voice '" + name + "' (known: " + known() + ")");
    }
    return LOADED.computeIfAbsent(name, n -> load(n, loader));
  }

  private static Voice load(String name, Loader loader) {
    try {
      Voice voice = loader.load();
      ModelLoads.recordLoad(modelKey(name));
      return voice;
    } catch (Exception e) {
      throw new IllegalStateException("cannot load voice '" + name + "': " + e.getMessage(), e);
    }
  }
}
