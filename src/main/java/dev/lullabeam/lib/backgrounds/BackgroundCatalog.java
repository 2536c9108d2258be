package dev.lullabeam.lib.backgrounds;

import dev.lullabeam.lib.audio.AmbienceBed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads {@code backgrounds.csv}: columns {@code topic,file[,gain_db]}, files relative to the CSV's
 * folder. This is configuration: any problem in it stops the run before work starts.
 */
public final class BackgroundCatalog {

  private BackgroundCatalog() {}

  /** Ambience quieter than this under the voice is inaudible on most speakers. */
  static final double QUIETEST_SENSIBLE_GAIN_DB = -40;
  /** Ambience louder than this competes with the narration. */
  static final double LOUDEST_SENSIBLE_GAIN_DB = -6;

  /**
   * Decodes every background once, as the mix will (the decoded audio stays cached for it), so a
   * truncated or non-audio file stops the run before any work instead of failing every episode of
   * its topic after all speech is done.
   *
   * @param sampleRate the rate the mix will ask for (the voice's)
   * @return warnings: gains outside the sensible range
   * @throws IOException naming the file and why it cannot be used
   */
  public static List<String> verify(Map<String, Background> backgrounds, int sampleRate)
      throws IOException {
    List<String> warnings = new ArrayList<>();
    for (Background background : backgrounds.values()) {
      try {
        AmbienceBed.decodeStereo(background.file, Files.readAllBytes(Path.of(background.file)), sampleRate);
      } catch (IOException e) {
        throw new IOException("background of topic '" + background.topic + "' (" + background.file
            + ") cannot be decoded: " + e.getMessage(), e);
      }
      if (background.gainDb < QUIETEST_SENSIBLE_GAIN_DB || background.gainDb > LOUDEST_SENSIBLE_GAIN_DB) {
        warnings.add(String.format(Locale.ROOT,
            "background of topic '%s' has gain_db %.1f: outside %.0f..%.0f dB it is %s",
            background.topic, background.gainDb, QUIETEST_SENSIBLE_GAIN_DB, LOUDEST_SENSIBLE_GAIN_DB,
            background.gainDb > LOUDEST_SENSIBLE_GAIN_DB ? "as loud as the voice" : "barely audible"));
      }
    }
    return warnings;
  }

  /** Reads the mapping and checks every file exists. Throws with one readable line. */
  public static Map<String, Background> read(Path csv) throws IOException {
    if (!Files.isRegularFile(csv)) {
      throw new IOException("backgrounds file not found: " + csv);
    }
    Path folder = csv.toAbsolutePath().getParent();
    Map<String, Background> backgrounds = new TreeMap<>();
    CSVFormat format =
        CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
            .setIgnoreEmptyLines(true).setCommentMarker('#').get();
    List<String> problems = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(csv, java.nio.charset.StandardCharsets.UTF_8, format)) {
      if (!parser.getHeaderMap().containsKey("topic") || !parser.getHeaderMap().containsKey("file")) {
        throw new IOException(csv + ": the header must name the columns topic,file[,gain_db]");
      }
      for (CSVRecord record : parser) {
        long line = parser.getCurrentLineNumber();
        String topic = Background.normaliseTopic(record.get("topic"));
        String file = record.get("file");
        double gain = Background.DEFAULT_GAIN_DB;
        if (record.isMapped("gain_db") && record.isSet("gain_db") && !record.get("gain_db").isEmpty()) {
          try {
            gain = Double.parseDouble(record.get("gain_db"));
          } catch (NumberFormatException e) {
            problems.add("line " + line + ": gain_db '" + record.get("gain_db") + "' is not a number");
            continue;
          }
        }
        Path audio = folder.resolve(file).normalize();
        if (topic.isEmpty() || file.isEmpty()) {
          problems.add("line " + line + ": topic and file are required");
        } else if (!Files.isRegularFile(audio)) {
          problems.add("line " + line + ": file not found: " + audio);
        } else if (backgrounds.containsKey(topic)) {
          problems.add("line " + line + ": topic '" + topic + "' is listed twice");
        } else {
          backgrounds.put(topic, new Background(topic, audio.toString(), gain));
        }
      }
    } catch (UncheckedIOException e) {
      throw new IOException(csv + ": not valid CSV: " + e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new IOException(csv + ": " + String.join("; ", problems));
    }
    if (backgrounds.isEmpty()) {
      throw new IOException(csv + ": no backgrounds listed");
    }
    return backgrounds;
  }
}
