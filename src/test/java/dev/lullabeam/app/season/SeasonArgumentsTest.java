package dev.lullabeam.app.season;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.arrayContaining;
import static org.hamcrest.Matchers.arrayContainingInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lullabeam.pipeline.SeasonOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeasonArgumentsTest {

  private static final Path WORKING_DIR = Path.of("/nonexistent/working-dir");

  private static final String PROFILE_NAME = "sample.properties";
  private static final String PROFILE =
      String.join(
          "\n",
          "# a run profile",
          "catalogue = stories/sample.csv",
          "output=out/profile",
          "season=Sleepy Season  ",
          "overwrite=true",
          "");

  @BeforeAll
  static void registerSeasonOptions() {
    PipelineOptionsFactory.register(SeasonOptions.class);
  }

  @Test
  void acceptsBothOptionForms() throws ConfigurationException {
    String[] resolved =
        SeasonArguments.resolve(
            List.of("--catalogue", "stories/a.csv", "--output=out", "--season", "Winter Tales"),
            WORKING_DIR);

    assertThat(
        resolved,
        arrayContaining("--catalogue=stories/a.csv", "--output=out", "--season=Winter Tales"));
  }

  @Test
  void keepsEverythingAfterTheFirstEqualsSignAsTheValue() throws ConfigurationException {
    String[] resolved =
        SeasonArguments.resolve(
            List.of("--season=a=b", "--progressSeconds", "-1"), WORKING_DIR);

    assertThat(resolved, arrayContaining("--season=a=b", "--progressSeconds=-1"));
  }

  @Test
  void aBooleanFlagAloneMeansTrue() throws ConfigurationException {
    assertThat(
        SeasonArguments.resolve(List.of("--overwrite", "--output", "out"), WORKING_DIR),
        arrayContaining("--overwrite=true", "--output=out"));
    assertThat(
        SeasonArguments.resolve(List.of("--output", "out", "--overwrite"), WORKING_DIR),
        arrayContaining("--output=out", "--overwrite=true"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "FALSE", "true", "True"})
  void aBooleanFlagTakesAnExplicitValueAfterIt(String value) throws ConfigurationException {
    assertThat(
        SeasonArguments.resolve(List.of("--overwrite", value, "--output", "out"), WORKING_DIR),
        arrayContaining("--overwrite=" + value, "--output=out"));
  }

  @Test
  void aBooleanFlagDoesNotSwallowAWordThatIsNotABoolean() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> SeasonArguments.resolve(List.of("--overwrite", "stories.csv"), WORKING_DIR));

    assertThat(
        e.getMessage(),
        is("unexpected argument 'stories.csv': options look like --name=value or --name value"));
  }

  @Test
  void resolvedArgumentsAreWhatBeamParses() throws ConfigurationException {
    String[] resolved =
        SeasonArguments.resolve(
            List.of(
                "--catalogue", "c.csv",
                "--output", "out",
                "--overwrite", "false",
                "--maxSentenceChars", "120"),
            WORKING_DIR);

    SeasonOptions options =
        PipelineOptionsFactory.fromArgs(resolved).withValidation().as(SeasonOptions.class);

    assertThat(options.getCatalogue(), is("c.csv"));
    assertThat(options.getOutput(), is("out"));
    assertThat(options.isOverwrite(), is(false));
    assertThat(options.getMaxSentenceChars(), is(120));
  }

  @Test
  void parseGivesTheOptionsWhicheverFormIsUsed() throws ConfigurationException {
    SeasonOptions options =
        SeasonArguments.parse(
            List.of("--catalogue", "c.csv", "--output=out", "--overwrite", "--temperature", "0"),
            WORKING_DIR);

    assertThat(options.getCatalogue(), is("c.csv"));
    assertThat(options.getOutput(), is("out"));
    assertThat(options.isOverwrite(), is(true));
    assertThat(options.getTemperature(), is(0.0));
    assertThat(options.getTopP(), is(0.92));
  }

  @Test
  void anAgeBandSetsPaceAndLengthOnlyWhereTheyAreNotGiven() throws ConfigurationException {
    SeasonOptions young = SeasonArguments.parse(List.of("--catalogue=c.csv", "--output=out", "--ageBand", "3-5"), WORKING_DIR);
    assertThat(young.getWordsPerMinute(), is(115.0));
    assertThat(young.getTargetMinutes(), is(5.0));

    SeasonOptions older =
        SeasonArguments.parse(List.of("--catalogue=c.csv", "--output=out", "--ageBand=9-12", "--wordsPerMinute", "130"), WORKING_DIR);
    assertThat(older.getWordsPerMinute(), is(130.0));
    assertThat(older.getTargetMinutes(), is(12.0));

    SeasonOptions noTarget =
        SeasonArguments.parse(List.of("--catalogue=c.csv", "--output=out", "--ageBand=6-8", "--targetMinutes=0"), WORKING_DIR);
    assertThat(noTarget.getWordsPerMinute(), is(125.0));
    assertThat(noTarget.getTargetMinutes(), is(0.0));

    SeasonOptions none = SeasonArguments.parse(List.of("--catalogue=c.csv", "--output=out"), WORKING_DIR);
    assertThat(none.getWordsPerMinute(), is(125.0));
    assertThat(none.getTargetMinutes(), is(0.0));
  }

  @Test
  void anUnknownAgeBandIsOneLineNamingTheBands() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> SeasonArguments.parse(List.of("--catalogue=c.csv", "--output=out", "--ageBand", "4-6"), WORKING_DIR));
    assertThat(e.getMessage(), is("--ageBand=4-6: must be one of 3-5, 6-8 or 9-12, was \"4-6\""));
  }

  @Test
  void parseTurnsTheDirectRunnersElementChecksOffUnlessAskedFor() throws ConfigurationException {
    SeasonOptions quiet = SeasonArguments.parse(List.of("--catalogue=c", "--output=o"), WORKING_DIR);
    SeasonOptions checked =
        SeasonArguments.parse(
            List.of("--catalogue=c", "--output=o", "--enforceImmutability=true"), WORKING_DIR);

    assertThat(quiet.as(DirectOptions.class).isEnforceImmutability(), is(false));
    assertThat(quiet.as(DirectOptions.class).isEnforceEncodability(), is(false));
    assertThat(checked.as(DirectOptions.class).isEnforceImmutability(), is(true));
  }

  @Test
  void parseReportsWhatBeamRejectsInOneLine() {
    ConfigurationException unknown =
        assertThrows(
            ConfigurationException.class,
            () -> SeasonArguments.parse(List.of("--catalogue=c", "--output=o", "--colour=blue"), WORKING_DIR));
    ConfigurationException missing =
        assertThrows(
            ConfigurationException.class,
            () -> SeasonArguments.parse(List.of("--output=o"), WORKING_DIR));

    assertThat(unknown.getMessage(), containsString("'colour'"));
    assertThat(missing.getMessage(), containsString("--catalogue"));
    assertThat(unknown.getMessage().lines().count(), is(1L));
    assertThat(missing.getMessage().lines().count(), is(1L));
  }

  @Test
  void aProfileFillsInUnderTheCommandLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(PROFILE_NAME), PROFILE, StandardCharsets.UTF_8);

    String[] resolved =
        SeasonArguments.resolve(
            List.of("--output", "out/cli", "--profile", PROFILE_NAME, "--overwrite", "false"), dir);

    assertThat(
        resolved,
        arrayContainingInAnyOrder(
            "--catalogue=stories/sample.csv",
            "--output=out/cli",
            "--season=Sleepy Season",
            "--overwrite=false"));
  }

  @Test
  void aProfileAloneGivesAllItsValues(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(PROFILE_NAME), PROFILE, StandardCharsets.UTF_8);

    String[] resolved = SeasonArguments.resolve(List.of("--profile=" + PROFILE_NAME), dir);

    assertThat(
        resolved,
        arrayContainingInAnyOrder(
            "--catalogue=stories/sample.csv",
            "--output=out/profile",
            "--season=Sleepy Season",
            "--overwrite=true"));
  }

  @Test
  void aMissingProfileIsAConfigurationErrorNamingThePath(@TempDir Path dir) {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> SeasonArguments.resolve(List.of("--profile", "missing.properties"), dir));

    assertThat(e.getMessage(), is("run profile not found: " + dir.resolve("missing.properties")));
  }

  @Test
  void aProfileThatIsAFolderIsNotFound(@TempDir Path dir) throws IOException {
    Files.createDirectory(dir.resolve("profiles"));

    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> SeasonArguments.resolve(List.of("--profile=profiles"), dir));

    assertThat(e.getMessage(), is("run profile not found: " + dir.resolve("profiles")));
  }

  @Test
  void anOptionWithoutAValueAtTheEndIsAnError() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> SeasonArguments.resolve(List.of("--output", "out", "--catalogue"), WORKING_DIR));

    assertThat(e.getMessage(), is("option --catalogue needs a value"));
  }

  @Test
  void anOptionFollowedByAnotherOptionIsAnError() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> SeasonArguments.resolve(List.of("--catalogue", "--output=out"), WORKING_DIR));

    assertThat(e.getMessage(), is("option --catalogue needs a value"));
  }

  @Test
  void aRepeatedOptionIsAnErrorWhicheverFormIsUsed() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> SeasonArguments.resolve(List.of("--output", "a", "--output=b"), WORKING_DIR));

    assertThat(e.getMessage(), is("option --output is given more than once"));
  }

  @Test
  void aRepeatedBooleanFlagIsAnError() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () ->
                SeasonArguments.resolve(
                    List.of("--overwrite", "--overwrite", "false"), WORKING_DIR));

    assertThat(e.getMessage(), is("option --overwrite is given more than once"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"stories.csv", "-o", "--"})
  void aStrayArgumentIsAnError(String stray) {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> SeasonArguments.resolve(List.of("--output=out", stray), WORKING_DIR));

    assertThat(
        e.getMessage(),
        is("unexpected argument '" + stray + "': options look like --name=value or --name value"));
  }
}
