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
import marytts.datatypes.MaryXML;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A MaryTTS 5.2 HMM voice, synthesised in this JVM. One {@link LocalMaryInterface} serves every
 * thread: synthesis of plain text has no per-call state in the interface (checked by a test).
 */
public final class MaryVoice implements Voice {

  private static final String MODULES = "modules.classes.list";

  /**
   * Speed of speech reached (trimmed length at 100 % ÷ length) for each MaryTTS prosody rate, as
   * measured on four bedtime sentences with cmu-slt-hsmm: MaryTTS 5.2.1 honours {@code <prosody
   * rate="N%">} in RAWMARYXML but not linearly, and rates under 50 % are no slower than 50 %.
   * Speeds between rows are interpolated; outside the table they are clamped to its ends.
   */
  private static final double[][] SPEED_TO_PERCENT = {
    {0.674, 50}, {0.743, 60}, {0.784, 70}, {0.865, 80}, {0.943, 90}, {1.0, 100},
    {1.047, 110}, {1.19, 125}, {1.61, 150}, {2.58, 200}
  };
  /** Speech alone, at 100 %, on the same sentences: 61 words in 19.9 s of trimmed audio. */
  private static final double NATURAL_WORDS_PER_MINUTE = 183.5;

  private final String name;
  private final MaryInterface mary;
  /** The same voice fed MaryXML, for speech at another rate; input type is per interface. */
  private final MaryInterface maryXml;
  private final int sampleRate;

  private MaryVoice(String name, MaryInterface mary, MaryInterface maryXml, int sampleRate) {
    this.name = name;
    this.mary = mary;
    this.maryXml = maryXml;
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
    LocalMaryInterface maryXml = new LocalMaryInterface();
    maryXml.setVoice(voiceName);
    maryXml.setInputType("RAWMARYXML");
    MaryVoice voice = new MaryVoice(voiceName, mary, maryXml, 0);
    int rate = voice.synthesise("Hello.").sampleRate();
    return new MaryVoice(voiceName, mary, maryXml, rate);
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

  @Override
  public boolean controlsSpeed() {
    return true;
  }

  /** Speaks through MaryXML's {@code <prosody rate>}, the rate chosen from measured speeds. */
  @Override
  public AudioClip speak(String text, double speed) throws Exception {
    if (speed == 1.0) {
      return speak(text);
    }
    Document doc = MaryXML.newDocument();
    doc.getDocumentElement().setAttribute("xml:lang", "en-US");
    Element prosody = MaryXML.appendChildElement(doc.getDocumentElement(), MaryXML.PROSODY);
    prosody.setAttribute("rate", Math.round(prosodyPercent(speed)) + "%");
    prosody.setTextContent(text);
    AudioClip clip;
    try (AudioInputStream audio = maryXml.generateAudio(doc)) {
      clip = AudioClip.read(audio);
    }
    if (clip.length() == 0) {
      throw new IllegalStateException("MaryTTS returned no audio");
    }
    return clip;
  }

  @Override
  public double naturalWordsPerMinute() {
    return NATURAL_WORDS_PER_MINUTE;
  }

  /** The prosody rate in percent that gives about {@code speed}, from {@link #SPEED_TO_PERCENT}. */
  static double prosodyPercent(double speed) {
    double[][] table = SPEED_TO_PERCENT;
    if (speed <= table[0][0]) {
      return table[0][1];
    }
    for (int i = 1; i < table.length; i++) {
      if (speed <= table[i][0]) {
        double f = (speed - table[i - 1][0]) / (table[i][0] - table[i - 1][0]);
        return table[i - 1][1] + f * (table[i][1] - table[i - 1][1]);
      }
    }
    return table[table.length - 1][1];
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
