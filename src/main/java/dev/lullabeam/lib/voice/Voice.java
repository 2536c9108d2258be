package dev.lullabeam.lib.voice;

import dev.lullabeam.lib.audio.AudioClip;

/**
 * A narrator: turns one sentence of normalised text into mono audio. Implementations are shared by
 * every thread of a JVM ({@code Voices}) and must be safe to call from many threads at once.
 */
public interface Voice extends AutoCloseable {

  /** The name users give with {@code --voice}. */
  String name();

  /**
   * The engine and voice data this voice speaks with, e.g. {@code marytts-5.2.1}: stored speech is
   * keyed by it, so audio made by another version is never reused.
   */
  String version();

  /** Sample rate of every clip this voice returns. */
  int sampleRate();

  /** Speaks one sentence. Throws with a readable message when the text cannot be spoken. */
  AudioClip speak(String text) throws Exception;

  /** Frees what the voice holds; called once, when its last user in the JVM let go. */
  @Override
  void close();
}
