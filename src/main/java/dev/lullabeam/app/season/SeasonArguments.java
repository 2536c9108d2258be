package dev.lullabeam.app.season;

import dev.lullabeam.lib.ageband.AgeBand;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import dev.lullabeam.pipeline.SeasonOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The one argument-parsing layer of a season: the command line (and a run profile under it) into
 * {@link SeasonOptions}. Accepts {@code --name value} as well as Beam's {@code --name=value}, and
 * fills in a run profile ({@code --profile=FILE}, a properties file such as
 * {@code pipelines/sample.properties}) under whatever the command line gives.
 */
final class SeasonArguments {

  static {
    PipelineOptionsFactory.register(SeasonOptions.class);
  }

  private SeasonArguments() {}

  /**
   * Parses and validates the options; paths relative to {@code workingDir} are resolved later,
   * by the launcher, once the runner is known.
   *
   * @throws ConfigurationException for anything Beam or this parser rejects, in one line
   */
  static SeasonOptions parse(List<String> args, Path workingDir)
      throws ConfigurationException {
    String[] beamArgs = withDirectRunnerDefaults(resolve(args, workingDir));
    SeasonOptions options;
    try {
      options = PipelineOptionsFactory.fromArgs(beamArgs).withValidation().as(SeasonOptions.class);
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("invalid options");
      throw new ConfigurationException(message);
    }
    applyAgeBand(options, List.of(beamArgs));
    return options;
  }

  /**
   * The age band's pace and length where the command line and profile do not give them: Beam
   * cannot tell a default from a value given, so the resolved arguments say what was given.
   */
  static void applyAgeBand(SeasonOptions options, List<String> resolvedArgs)
      throws ConfigurationException {
    if (options.getAgeBand() == null) {
      return;
    }
    AgeBand band;
    try {
      band = AgeBand.parse(options.getAgeBand());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("--ageBand=" + options.getAgeBand() + ": " + e.getMessage());
    }
    if (resolvedArgs.stream().noneMatch(a -> a.startsWith("--wordsPerMinute="))) {
      options.setWordsPerMinute(band.wordsPerMinute());
    }
    if (resolvedArgs.stream().noneMatch(a -> a.startsWith("--targetMinutes="))) {
      options.setTargetMinutes(band.minutes());
    }
  }

  /**
   * The DirectRunner re-encodes every element to check coders and immutability: worth it in tests
   * (TestPipeline keeps the checks), wasted time on seasons of audio. Users may still turn them on.
   * Other runners ignore these options.
   */
  static String[] withDirectRunnerDefaults(String[] args) {
    List<String> out = new ArrayList<>(List.of(args));
    for (String check : List.of("enforceImmutability", "enforceEncodability")) {
      if (out.stream().noneMatch(a -> a.startsWith("--" + check + "="))) {
        out.add("--" + check + "=false");
      }
    }
    return out.toArray(new String[0]);
  }

  /** The command line and profile as Beam's {@code --name=value} arguments. */
  static String[] resolve(List<String> args, Path workingDir) throws ConfigurationException {
    Set<String> booleans = booleanOptionNames();
    Map<String, String> given = new LinkedHashMap<>();
    List<String> repeated = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new ConfigurationException(
            "unexpected argument '" + arg + "': options look like --name=value or --name value");
      }
      String name;
      String value;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(2, eq);
        value = arg.substring(eq + 1);
      } else {
        name = arg.substring(2);
        if (booleans.contains(name.toLowerCase(Locale.ROOT))) {
          boolean explicit =
              i + 1 < args.size() && args.get(i + 1).matches("(?i)true|false");
          value = explicit ? args.get(++i) : "true";
        } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
          value = args.get(++i);
        } else {
          throw new ConfigurationException("option --" + name + " needs a value");
        }
      }
      if (given.containsKey(name)) {
        repeated.add(name);
      }
      given.put(name, value);
    }
    if (!repeated.isEmpty()) {
      throw new ConfigurationException("option --" + repeated.get(0) + " is given more than once");
    }
    Map<String, String> merged = new LinkedHashMap<>();
    String profile = given.remove("profile");
    if (profile != null) {
      merged.putAll(readProfile(workingDir.resolve(profile)));
    }
    merged.putAll(given);
    if (given.containsKey("catalogue") && !given.containsKey("fallbackCatalogue")) {
      merged.remove("fallbackCatalogue"); // an explicit catalogue never falls back
    }
    List<String> out = new ArrayList<>();
    merged.forEach((name, value) -> out.add("--" + name + "=" + value));
    return out.toArray(new String[0]);
  }

  static Map<String, String> readProfile(Path file) throws ConfigurationException {
    if (!Files.isRegularFile(file)) {
      throw new ConfigurationException("run profile not found: " + file);
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new ConfigurationException("cannot read run profile " + file + ": " + e.getMessage());
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : new TreeSet<>(properties.stringPropertyNames())) {
      values.put(name, properties.getProperty(name).trim());
    }
    return values;
  }

  /** Names of boolean options of every registered options interface, lower-cased. */
  private static Set<String> booleanOptionNames() {
    Set<String> names = new TreeSet<>();
    for (Class<? extends PipelineOptions> type : PipelineOptionsFactory.getRegisteredOptions()) {
      for (Method method : type.getMethods()) {
        String getter = method.getName();
        boolean isBoolean =
            method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class;
        if (isBoolean && method.getParameterCount() == 0) {
          if (getter.startsWith("is")) {
            names.add(getter.substring(2).toLowerCase(Locale.ROOT));
          } else if (getter.startsWith("get")) {
            names.add(getter.substring(3).toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    return names;
  }
}
