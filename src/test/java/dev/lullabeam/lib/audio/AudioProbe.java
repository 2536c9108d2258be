package dev.lullabeam.lib.audio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Decodes an audio file with the bundled ffmpeg, for tests that listen through numbers. */
final class AudioProbe {

  final int sampleRate;
  final short[] left;
  final short[] right;

  private AudioProbe(int sampleRate, short[] left, short[] right) {
    this.sampleRate = sampleRate;
    this.left = left;
    this.right = right;
  }

  /** Decodes to 16-bit stereo at 48 kHz, whatever the file holds. */
  static AudioProbe decode(Path file) throws IOException {
    Ffmpeg.Result result =
        Ffmpeg.run(
            List.of("-i", file.toString(), "-ac", "2", "-ar", "48000", "-f", "s16le", "-acodec",
                "pcm_s16le", "pipe:1"));
    short[] interleaved = Pcm.toShorts(result.stdout);
    short[] l = new short[interleaved.length / 2];
    short[] r = new short[interleaved.length / 2];
    for (int i = 0; i < l.length; i++) {
      l[i] = interleaved[2 * i];
      r[i] = interleaved[2 * i + 1];
    }
    return new AudioProbe(48000, l, r);
  }

  /** Integrated loudness and true peak, as ffmpeg's loudnorm filter measures them. */
  record Loudness(double integratedLufs, double truePeakDbtp) {}

  /**
   * Measures a file with loudnorm's analysis pass: another filter and another parser than the
   * ebur128 measurement the mixer records, so a test can check the mixer's figures against it.
   */
  static Loudness loudness(Path file) throws IOException {
    String log =
        Ffmpeg.run(
                List.of(
                    "-i", file.toString(), "-af", "loudnorm=I=-16:TP=-1:print_format=json",
                    "-f", "null", "-"))
            .stderr;
    JsonNode json = new ObjectMapper().readTree(log.substring(log.lastIndexOf('{')));
    return new Loudness(
        Double.parseDouble(json.get("input_i").asText()),
        Double.parseDouble(json.get("input_tp").asText()));
  }

  double seconds() {
    return left.length / (double) sampleRate;
  }

  /** RMS in dBFS of a channel between two times. */
  static double rmsDb(short[] channel, int sampleRate, double fromSeconds, double toSeconds) {
    int from = (int) (fromSeconds * sampleRate);
    int to = Math.min(channel.length, (int) (toSeconds * sampleRate));
    double sum = 0;
    for (int i = from; i < to; i++) {
      double v = channel[i] / 32768.0;
      sum += v * v;
    }
    return Levels.toDb(Math.sqrt(sum / Math.max(1, to - from)));
  }

  /** RMS in dBFS of (left − right) / 2: what is not shared by both channels. */
  double sideDb(double fromSeconds, double toSeconds) {
    short[] side = new short[left.length];
    for (int i = 0; i < side.length; i++) {
      side[i] = (short) ((left[i] - right[i]) / 2);
    }
    return rmsDb(side, sampleRate, fromSeconds, toSeconds);
  }

  /** Samples at (or within one step of) full scale: a sign of clipping. */
  int clippedSamples() {
    int count = 0;
    for (short[] channel : new short[][] {left, right}) {
      for (short s : channel) {
        if (s >= Short.MAX_VALUE - 1 || s <= Short.MIN_VALUE + 1) {
          count++;
        }
      }
    }
    return count;
  }
}
