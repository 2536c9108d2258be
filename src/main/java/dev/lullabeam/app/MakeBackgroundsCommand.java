package dev.lullabeam.app;

import dev.lullabeam.lib.backgrounds.AmbienceRecipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code make-backgrounds}: renders the shipped ambience loops and their backgrounds.csv. */
@Command(
    name = "make-backgrounds",
    description = "Render the built-in ambience recipes into a folder, with a backgrounds.csv.")
public final class MakeBackgroundsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--output", defaultValue = "backgrounds", description = "Folder (default: ${DEFAULT-VALUE}).")
  Path output;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(output);
    StringBuilder csv = new StringBuilder("topic,file,gain_db\n");
    for (AmbienceRecipe recipe : AmbienceRecipe.values()) {
      Path file = output.resolve(recipe.fileName());
      recipe.render(file);
      csv.append(recipe.topic).append(',').append(recipe.fileName()).append(',')
          .append(recipe.gainDb).append('\n');
      spec.commandLine().getOut().printf("  %-13s %7d bytes  %s%n", recipe.topic, Files.size(file), recipe.description);
    }
    Files.writeString(output.resolve("backgrounds.csv"), csv, StandardCharsets.UTF_8);
    spec.commandLine().getOut().println("lullabeam: wrote " + output.resolve("backgrounds.csv"));
    return 0;
  }
}
