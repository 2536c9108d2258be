package dev.lullabeam.values;

import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * Where a spoken sentence's audio is kept in the speech store, and how long it is: what travels
 * through the pipeline instead of the audio itself, so that no shuffle carries sound.
 *
 * @param voice the voice's name, the store's first folder level
 * @param key the entry's content address (hex SHA-256 of voice, version and text)
 * @param samples length of the audio at {@code sampleRate}
 */
@DefaultCoder(StoredSpeechCoder.class)
public record StoredSpeech(String voice, String key, int sampleRate, int samples) {

  public double seconds() {
    return samples / (double) sampleRate;
  }
}
