package dev.lullabeam.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Test-only entry point for running the language-model commands by hand
 * (the real top-level CLI registers them itself):
 * {@code java -cp target/classes:target/test-classes:<deps> dev.lullabeam.app.LmCommandsHarness bench-lm}
 */
@Command(name = "lm", subcommands = {GenerateCommand.class, MakeCheckpointCommand.class, BenchLmCommand.class})
public final class LmCommandsHarness {
  public static void main(String[] args) {
    System.exit(new CommandLine(new LmCommandsHarness()).execute(args));
  }
}
