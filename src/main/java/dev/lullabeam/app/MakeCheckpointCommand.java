package dev.lullabeam.app;

import dev.lullabeam.lib.lm.CausalLmConfig;
import dev.lullabeam.lib.lm.checkpoint.LlamaCheckpointWriter;
import dev.lullabeam.lib.lm.checkpoint.LlamaShape;
import dev.lullabeam.lib.lm.checkpoint.CheckpointShape;
import dev.lullabeam.lib.lm.checkpoint.CheckpointWriter;
import dev.lullabeam.lib.lm.checkpoint.Gpt2CheckpointWriter;
import dev.lullabeam.lib.lm.TensorDType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a randomly initialised GPT-Neo, Llama or Qwen2 checkpoint for tests and benchmarks. */
@Command(name = "make-checkpoint", mixinStandardHelpOptions = true,
    description = "Write a randomly initialised GPT-Neo, Llama or Qwen2 in Hugging Face layout (its text is noise).")
public final class MakeCheckpointCommand implements Callable<Integer> {
  private static final String GPT2_124M = "gpt2-124m";
  @Spec CommandSpec spec;

  @Option(names = "--shape", required = true, paramLabel = "SHAPE", description = "GPT-Neo: tiny or gpt-neo-125m; "
      + "Llama family (instruct, with tokenizer.json, tokenizer_config.json with a chat template, generation_config.json): "
      + "tiny-llama, tiny-llama3 (llama3 rope scaling), tiny-qwen2, smollm2-135m or qwen2.5-0.5b. "
      + "gpt2-124m: GPT-2 layout (f32 only) for the Jlama comparison (bench/jlama.sh); lullabeam does not run it.")
  String shape;

  @Option(names = "--dtype", defaultValue = "f32", paramLabel = "TYPE", description = "f32 (default), f16 or bf16.")
  String dtype;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Directory to write.")
  Path output;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--init-std", defaultValue = "0.02", paramLabel = "STD",
      description = "Standard deviation of the weights (default ${DEFAULT-VALUE}, Hugging Face's initializer_range).")
  double initStd;

  @Option(names = "--no-chat-template", description = "Llama family: leave the chat template out (a base model).")
  boolean noChatTemplate;

  @Option(names = "--force", description = "Overwrite a directory that is not empty.")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      boolean gpt2 = shape.equalsIgnoreCase(GPT2_124M);
      LlamaShape llamaShape = gpt2 ? null : LlamaShape.named(shape);
      CheckpointShape checkpointShape = llamaShape == null && !gpt2 ? CheckpointShape.named(shape) : null;
      TensorDType tensorType = TensorDType.fromName(dtype);
      if (tensorType == null) {
        throw new IllegalArgumentException("unknown dtype \"" + dtype + "\"; use f32, f16 or bf16");
      }
      if (!force && Files.isDirectory(output)) {
        try (Stream<Path> entries = Files.list(output)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalArgumentException(output + " is not empty; use --force to overwrite");
          }
        }
      }
      long start = System.nanoTime();
      if (shape.equalsIgnoreCase(GPT2_124M)) {
        if (tensorType != TensorDType.F32) {
          throw new IllegalArgumentException("gpt2-124m is written in f32 only");
        }
        long parameters = new Gpt2CheckpointWriter(seed).write(output);
        out.printf(Locale.ROOT, "wrote %s (%,d parameters, f32) to %s in %.1f s%n", shape, parameters, output,
            (System.nanoTime() - start) / 1e9);
        out.flush();
        return 0;
      }
      CausalLmConfig config;
      if (llamaShape != null) {
        LlamaCheckpointWriter writer = new LlamaCheckpointWriter(llamaShape, tensorType, seed).initStd(initStd);
        config = (noChatTemplate ? writer.withoutChatTemplate() : writer).write(output);
      } else {
        config = new CheckpointWriter(checkpointShape, tensorType, seed).initStd(initStd).write(output);
      }
      out.printf(Locale.ROOT, "wrote %s (%,d parameters, %s) to %s in %.1f s%n", shape,
          config.parameterCount(), tensorType.name().toLowerCase(Locale.ROOT), output,
          (System.nanoTime() - start) / 1e9);
      out.flush();
      return 0;
    } catch (IllegalArgumentException | IOException e) {
      return CommandErrors.report(err, e);
    }
  }
}
