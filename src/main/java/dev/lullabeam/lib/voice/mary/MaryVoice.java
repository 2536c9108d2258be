package dev.lullabeam.lib.voice.mary;

import dev.lullabeam.lib.audio.AudioClip;
import dev.lullabeam.lib.voice.Voice;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sound.sampled.AudioInputStream;
import marytts.LocalMaryInterface;
import marytts.MaryInterface;
import marytts.config.MaryConfig;

/**
 * A MaryTTS 5.2 HMM voice, synthesised in this JVM. One {@link LocalMaryInterface} serves every
 * thread: synthesis of plain text has no per-call state in the interface (checked by a test).
 */
public final class MaryVoice implements Voice {

  private static final String MODULES = "modules.classes.list";

  private final String name;
  private final MaryInterface mary;
  private final int sampleRate;

  private MaryVoice(String name, MaryInterface mary, int sampleRate) {
    this.name = name;
    this.mary = mary;
    this.sampleRate = sampleRate;
  }

  /** Starts MaryTTS and loads one of its voices; takes a second or two. */
  public static MaryVoice load(String voiceName) throws Exception {
    // MaryTTS finds its configurations and modules through the context class loader. On a Flink
    // TaskManager that must be the job's loader, which holds MaryTTS, not the cluster's.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(MaryVoice.class.getClassLoader());
    try {
      return start(voiceName);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static MaryVoice start(String voiceName) throws Exception {
    keepLogsOutOfWorkingDirectory();
    replaceTokeniser();
    LocalMaryInterface mary = new LocalMaryInterface();
    if (!mary.getAvailableVoices().contains(voiceName)) {
      throw new IllegalArgumentException(
          "MaryTTS has no voice '" + voiceName + "' (available: " + mary.getAvailableVoices() + ")");
    }
    mary.setVoice(voiceName);
    MaryVoice voice = new MaryVoice(voiceName, mary, 0);
    int rate = voice.synthesise("Hello.").sampleRate();
    return new MaryVoice(voiceName, mary, rate);
  }

  /**
   * Unless log4j is configured already, MaryTTS configures it to write {@code ./log/server.log}
   * into whatever folder the user runs from. A root appender counts as configured.
   */
  private static synchronized void keepLogsOutOfWorkingDirectory() {
    org.apache.log4j.Logger root = org.apache.log4j.Logger.getRootLogger();
    if (!root.getAllAppenders().hasMoreElements()) {
      root.addAppender(new org.apache.log4j.varia.NullAppender());
    }
  }

  /**
   * MaryTTS's English pipeline starts with JTokeniser, whose library (jtok) is not on Maven
   * Central. Swap it for {@link SentenceTokeniser} in every loaded configuration before start-up.
   */
  private static synchronized void replaceTokeniser() {
    for (MaryConfig config : MaryConfig.getConfigs()) {
      Properties properties = config.getProperties();
      String modules = properties.getProperty(MODULES);
      if (modules == null || !modules.contains("JTokeniser")) {
        continue;
      }
      List<String> kept = new ArrayList<>();
      for (String module : modules.trim().split("\\s+")) {
        if (module.contains("JTokeniser")) {
          kept.add(SentenceTokeniser.class.getName());
        } else {
          kept.add(module);
        }
      }
      properties.setProperty(MODULES, String.join(" ", kept));
    }
  }

  @Override
  public String name() {
    return name;
  }

  /** MaryTTS's version, which also versions its bundled voices (they are released together). */
  @Override
  public String version() {
    return "marytts-" + marytts.Version.specificationVersion();
  }

  @Override
  public int sampleRate() {
    return sampleRate;
  }

  @Override
  public AudioClip speak(String text) throws Exception {
    AudioClip clip = synthesise(text);
    if (clip.length() == 0) {
      throw new IllegalStateException("MaryTTS returned no audio");
    }
    return clip;
  }

  /**
   * Nothing to free here: MaryTTS keeps its modules and voice data in JVM-wide registries that
   * start once and serve every interface, so shutting them down would break other holders.
   */
  @Override
  public void close() {}

  private AudioClip synthesise(String text) throws Exception {
    try (AudioInputStream audio = mary.generateAudio(text)) {
      return AudioClip.read(audio);
    }
  }
}
