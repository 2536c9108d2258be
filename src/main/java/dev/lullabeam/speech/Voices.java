package dev.lullabeam.speech;

import dev.lullabeam.speech.mary.MaryVoice;
import dev.lullabeam.util.ModelLoads;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The voices lullabeam knows, each loaded lazily and at most once per JVM, then shared by every
 * DoFn instance and thread of that JVM.
 */
public final class Voices {

  /** MaryTTS's female US English HMM voice: pure Java, from Maven Central. */
  public static final String DEFAULT = "cmu-slt-hsmm";

  private static final Set<String> MARY_VOICES = Set.of("cmu-slt-hsmm");
  private static final Map<String, Voice> LOADED = new ConcurrentHashMap<>();

  private Voices() {}

  public static boolean isKnown(String name) {
    return MARY_VOICES.contains(name);
  }

  public static Set<String> known() {
    return new TreeSet<>(MARY_VOICES);
  }

  /** The name under which loads of this voice are counted in the report. */
  public static String modelKey(String name) {
    return "voice:" + name;
  }

  /** Returns the voice, loading it on first use in this JVM. */
  public static Voice get(String name) {
    if (!isKnown(name)) {
      throw new IllegalArgumentException("unknown voice '" + name + "' (known: " + known() + ")");
    }
    return LOADED.computeIfAbsent(name, Voices::load);
  }

  private static Voice load(String name) {
    try {
      Voice voice = MaryVoice.load(name);
      ModelLoads.recordLoad(modelKey(name));
      return voice;
    } catch (Exception e) {
      throw new IllegalStateException("cannot load voice '" + name + "': " + e.getMessage(), e);
    }
  }
}
