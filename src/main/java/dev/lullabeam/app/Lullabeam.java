package dev.lullabeam.app;

import dev.lullabeam.app.season.SeasonLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The lullabeam command line: {@code java -jar target/lullabeam.jar COMMAND [options]}. */
@Command(
    name = "lullabeam",
    mixinStandardHelpOptions = true,
    version = "lullabeam 0.1.0",
    description = "Narrated bedtime-story seasons, as an Apache Beam pipeline.",
    subcommands = {
      SeasonCommand.class,
      PublishCommand.class,
      FlinkCommand.class,
      SpeakCommand.class,
      GenerateCommand.class,
      CheckStoryCommand.class,
      MakeCheckpointCommand.class,
      MakeVoiceCommand.class,
      BenchVoiceCommand.class,
      MakeBackgroundsCommand.class,
      SeasonBenchmark.class,
      BenchLmCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Lullabeam implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; exit status 2 for usage errors, 1 for unexpected failures. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Lullabeam());
    CommandLine season = cli.getSubcommands().get("season");
    season.setUnmatchedOptionsArePositionalParams(true);
    season.setUnmatchedArgumentsAllowed(false);
    CommandLine flink = cli.getSubcommands().get("flink");
    flink.setUnmatchedOptionsArePositionalParams(true);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println(
              "lullabeam " + commandLine.getCommandName() + ": " + SeasonLauncher.rootMessage(e));
          return 1;
        });
    return cli;
  }
}
