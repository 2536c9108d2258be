package dev.lullabeam.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lullabeam.lib.quality.GateResult;
import dev.lullabeam.lib.quality.StoryGate;
import dev.lullabeam.lib.quality.StoryScores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code check-story --text FILE [--json]}: runs the story quality gate on one text. Exit 0 whether
 * the story is accepted or rejected (the verdict is the output); exit 2 when the file cannot be
 * read.
 */
@Command(
    name = "check-story",
    mixinStandardHelpOptions = true,
    description = "Checks one story text with the bedtime-story quality gate.")
public final class CheckStoryCommand implements Callable<Integer> {
  static final int EXIT_UNREADABLE = 2;

  @Spec private CommandSpec spec;

  @Option(
      names = "--text",
      required = true,
      paramLabel = "FILE",
      description = "UTF-8 text file with the story as generated (it is trimmed here).")
  private Path text;

  @Option(names = "--json", description = "Print the verdict as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String story;
    try {
      // Lenient decoding: a stray Latin-1 byte is a finding of the gate, not an unreadable file.
      story = new String(Files.readAllBytes(text), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      err.println("check-story: no such file: " + text);
      err.flush();
      return EXIT_UNREADABLE;
    } catch (IOException e) {
      err.println("check-story: cannot read " + text + ": " + describe(e));
      err.flush();
      return EXIT_UNREADABLE;
    }
    GateResult result = new StoryGate().check(story);
    out.println(json ? toJson(result) : summary(result));
    out.flush();
    return 0;
  }

  static String toJson(GateResult result) {
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("gate result not serialisable", e);
    }
  }

  static String summary(GateResult result) {
    StringBuilder s = new StringBuilder();
    s.append(result.accepted() ? "ACCEPTED" : "REJECTED").append('\n');
    for (String reason : result.reasons()) {
      s.append("  - ").append(reason).append('\n');
    }
    StoryScores scores = result.scores();
    s.append(
        String.format(
            Locale.ROOT,
            "words %d, sentences %d, near-duplicate sentences %d, trimmed %d chars",
            scores.length().words(),
            scores.length().sentences(),
            scores.repetition().nearDupSentences(),
            scores.ending().trimmedChars()));
    return s.toString();
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
