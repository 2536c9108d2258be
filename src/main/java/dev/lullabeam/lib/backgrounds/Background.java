package dev.lullabeam.lib.backgrounds;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/** The ambience for one topic: an audio file and its level relative to the voice. */
public final class Background implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Where the ambience sits under the voice when backgrounds.csv gives no gain. */
  public static final double DEFAULT_GAIN_DB = -20.0;

  public final String topic;
  /** A path or URI that Beam's FileSystems can open. */
  public final String file;
  /** Level of the ambience relative to the voice's speech level, in dB (negative = quieter). */
  public final double gainDb;

  public Background(String topic, String file, double gainDb) {
    this.topic = topic;
    this.file = file;
    this.gainDb = gainDb;
  }

  /** Topics are matched case-insensitively, with spaces and underscores read as hyphens. */
  public static String normaliseTopic(String topic) {
    return topic.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Background
        && ((Background) o).topic.equals(topic)
        && ((Background) o).file.equals(file)
        && ((Background) o).gainDb == gainDb;
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, file, gainDb);
  }

  @Override
  public String toString() {
    return topic + " -> " + file + " (" + gainDb + " dB)";
  }
}
