package dev.lullabeam.lib.voices;

import java.io.Serializable;

/**
 * What a voice with model files needs to load (the MaryTTS voice needs neither): the voice folder
 * ({@code --voiceDir}, an absolute path on workers) and the device ({@code --device}).
 */
public record VoiceSettings(String voiceDir, String device) implements Serializable {

  /** The default voice folder of {@code tacotron2-melgan}, relative to the working directory. */
  public static final String DEFAULT_VOICE_DIR = "models/tacotron2-melgan";

  public static final VoiceSettings DEFAULT = new VoiceSettings(DEFAULT_VOICE_DIR, "cpu");

  public VoiceSettings {
    voiceDir = voiceDir == null || voiceDir.isEmpty() ? DEFAULT_VOICE_DIR : voiceDir;
    device = device == null || device.isEmpty() ? "cpu" : device;
  }
}
