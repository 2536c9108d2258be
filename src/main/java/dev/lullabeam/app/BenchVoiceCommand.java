package dev.lullabeam.app;

import dev.lullabeam.lib.audio.AudioClip;
import dev.lullabeam.lib.voice.tacotron.TacotronVoice;
import dev.lullabeam.lib.voice.tacotron.TinyVoiceWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Real-time factor of the tacotron2-melgan voice by sentence length and batch size: wall time of
 * synthesis (Tacotron2, MelGAN, cutting, resampling) divided by the seconds of audio made. On the
 * tiny random voice it measures the machinery, not the real models (see docs/voices.md).
 */
@Command(name = "bench-voice", mixinStandardHelpOptions = true,
    description = "Benchmark the tacotron2-melgan voice: real-time factor by sentence length and batch size.",
    defaultValueProvider = PipelineOptionDefaults.class)
public final class BenchVoiceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--voiceDir", paramLabel = "DIR", description = "Voice folder to measure (default: ${DEFAULT-VALUE}).")
  Path voiceDir;

  @Option(names = "--tiny",
      description = "Measure a tiny random voice (make-voice, 4 frames per symbol) written to a temporary folder instead.")
  boolean tiny;

  @Option(names = "--device", description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--batch-sizes", split = ",", defaultValue = "1,4,8", paramLabel = "N,N,…",
      description = "Batch sizes (default ${DEFAULT-VALUE}).")
  List<Integer> batchSizes;

  @Option(names = "--lengths", split = ",", defaultValue = "40,100,200", paramLabel = "C,C,…",
      description = "Sentence lengths in characters (default ${DEFAULT-VALUE}; seasons cut sentences at 200).")
  List<Integer> lengths;

  @Option(names = "--repeats", defaultValue = "3", paramLabel = "N",
      description = "Timed runs per cell, after one warm-up; the median is shown (default ${DEFAULT-VALUE}).")
  int repeats;

  private static final String WORDS =
      "the little fox curled up under the old oak tree and listened to the rain falling softly on the leaves"
          + " while the moon rose slowly over the quiet hills and the stars began to shine one by one ";

  static String sentence(int chars) {
    StringBuilder text = new StringBuilder();
    while (text.length() < chars) {
      text.append(WORDS);
    }
    String cut = text.substring(0, chars).strip();
    return Character.toUpperCase(cut.charAt(0)) + cut.substring(1) + ".";
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (batchSizes.stream().anyMatch(b -> b < 1) || lengths.stream().anyMatch(l -> l < 1) || repeats < 1) {
      err.println("lullabeam bench-voice: batch sizes, lengths and repeats must be at least 1");
      return 2;
    }
    Path dir = voiceDir;
    Path temporary = null;
    if (tiny) {
      temporary = Files.createTempDirectory("lullabeam-tiny-voice");
      dir = temporary;
      TinyVoiceWriter.write(dir, 4, 2000, 0);
      out.println("lullabeam: tiny random voice (4 frames per symbol) in " + dir);
    }
    int maxBatch = Collections.max(batchSizes);
    long loadStart = System.nanoTime();
    try (TacotronVoice voice = TacotronVoice.load(dir, device, maxBatch)) {
      out.printf(Locale.ROOT, "lullabeam: loaded %s in %.1f s (version %s)%n",
          dir, (System.nanoTime() - loadStart) / 1e9, voice.version());
      out.printf(Locale.ROOT, "%8s %6s %10s %10s %8s%n", "chars", "batch", "audio_s", "wall_s", "RTF");
      for (int chars : lengths) {
        String text = sentence(chars);
        for (int batch : batchSizes) {
          List<String> texts = Collections.nCopies(batch, text);
          voice.speakAll(texts); // warm-up: graph optimisation, allocations
          List<Double> walls = new ArrayList<>();
          double audio = 0;
          for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            List<AudioClip> clips = voice.speakAll(texts);
            walls.add((System.nanoTime() - start) / 1e9);
            audio = clips.stream().mapToDouble(AudioClip::seconds).sum();
          }
          Collections.sort(walls);
          double wall = walls.get(walls.size() / 2);
          out.printf(Locale.ROOT, "%8d %6d %10.2f %10.3f %8.4f%n", chars, batch, audio, wall, wall / audio);
          out.flush();
        }
      }
    } finally {
      if (temporary != null) {
        try (var files = Files.walk(temporary)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    return 0;
  }
}
