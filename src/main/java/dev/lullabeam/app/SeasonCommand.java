package dev.lullabeam.app;

import dev.lullabeam.app.season.SeasonLauncher;
import dev.lullabeam.app.season.SeasonPlan;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code season}: narrates a whole catalogue into episodes and a report. */
@Command(
    name = "season",
    description = {
      "Narrate a season: read the catalogue, speak every story, mix and write the episodes.",
      "Options: --catalogue=FILE --output=DIR [--overwrite] [--voice=NAME] [--season=NAME]",
      "  [--backgrounds=CSV] [--profile=pipelines/NAME.properties] [--maxSentenceChars=N]",
      "  [--model=DIR_OR_ID] [--maxNewTokens=N] [--temperature=T] ... (see README.md)",
      "  and any Beam pipeline option (--runner, --targetParallelism, ...).",
      "'--name value' works as well as '--name=value'; the command line overrides a profile.",
      "--plan [--json]: print the words, minutes, voices, models and an estimated wall time",
      "  from a short calibration, and the rows that would be refused; do no work."
    })
public final class SeasonCommand implements Callable<Integer> {

  /** Everything after {@code season}: the launcher parses it, in one place. */
  @Parameters(arity = "0..*", paramLabel = "OPTIONS", description = "season and pipeline options")
  List<String> args = List.of();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (SeasonPlan.wanted(args)) {
      return SeasonPlan.run(args, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
    return new SeasonLauncher("season", spec.commandLine().getOut(), spec.commandLine().getErr())
        .launch(args);
  }
}
