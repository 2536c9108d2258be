package dev.lullabeam.app;

import dev.lullabeam.lib.voice.tacotron.TacotronVoiceFolder;
import dev.lullabeam.lib.voice.tacotron.TinyVoiceWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code make-voice}: a tiny random tacotron2-melgan voice folder, for tests and benchmarks. */
@Command(name = "make-voice", mixinStandardHelpOptions = true,
    description = "Write a tiny random tacotron2-melgan voice folder (TensorFlowTTS's signatures; its speech is noise).")
public final class MakeVoiceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder to write.")
  Path output;

  @Option(names = "--frames-per-id", defaultValue = "4", paramLabel = "N",
      description = "Mel frames per input symbol (default ${DEFAULT-VALUE}; LJSpeech speaks about 4–6).")
  int framesPerId;

  @Option(names = "--max-iterations", defaultValue = "2000", paramLabel = "N",
      description = "The decoder's maximum frames (default ${DEFAULT-VALUE}); longer items have no stop token.")
  int maxIterations;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--force", description = "Write into a folder that is not empty.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (framesPerId < 1 || maxIterations < 1) {
      err.println("lullabeam make-voice: --frames-per-id and --max-iterations must be at least 1");
      return 2;
    }
    if (!force && Files.isDirectory(output)) {
      try (Stream<Path> entries = Files.list(output)) {
        if (entries.findAny().isPresent()) {
          err.println("lullabeam make-voice: " + output + " is not empty; use --force to overwrite");
          return 2;
        }
      }
    }
    long start = System.nanoTime();
    TinyVoiceWriter.write(output, framesPerId, maxIterations, seed);
    TacotronVoiceFolder.check(output);
    out.printf("lullabeam: tiny tacotron2-melgan voice in %s (%d frames per symbol, at most %d) in %.1f s%n",
        output, framesPerId, maxIterations, (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
