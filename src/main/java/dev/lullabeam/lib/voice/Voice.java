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

  /**
   * Whether {@link #speak(String, double)} changes the speaking rate in the voice itself (MaryTTS's
   * prosody rate). When it does not, the pipeline time-stretches the voice's audio, keeping its
   * pitch (ffmpeg's {@code atempo}).
   */
  default boolean controlsSpeed() {
    return false;
  }

  /**
   * Speaks one sentence at {@code speed} times the voice's natural rate (0.8: a quarter longer).
   * Only called when {@link #controlsSpeed()}; a voice may reach the speed approximately.
   */
  default AudioClip speak(String text, double speed) throws Exception {
    if (speed == 1.0) {
      return speak(text);
    }
    throw new UnsupportedOperationException("voice " + name() + " cannot change its speed");
  }

  /**
   * Words per minute of this voice's speech alone (no pauses) at speed 1, from which the speed for
   * a target pace is chosen. The default is a typical adult narrator's; pauses absorb the error.
   */
  default double naturalWordsPerMinute() {
    return 170;
  }

  /** Frees what the voice holds; called once, when its last user in the JVM let go. */
  @Override
  void close();
}
