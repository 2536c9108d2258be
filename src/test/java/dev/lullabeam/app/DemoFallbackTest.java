package dev.lullabeam.app;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The no-argument demo without its language model: lullabeam runs in its own JVM, offline
 * (HF_HUB_OFFLINE=1) with an empty Hugging Face cache, as on a first run without network.
 */
class DemoFallbackTest {

  @TempDir Path work;

  private Path profile;

  private void writeDemo() throws IOException {
    Files.writeString(
        work.resolve("prompts.csv"),
        "id,topic,prompt\nsleepy-otter,ocean,\"Once upon a time, an otter could not sleep.\"\n");
    Files.writeString(
        work.resolve("written.csv"),
        "id,topic,story\nquiet-sea,ocean,\"The sea was calm. The boat rocked gently.\"\n");
    profile = work.resolve("demo.properties");
    Files.writeString(
        profile,
        String.join(
            "\n",
            "catalogue=" + work.resolve("prompts.csv"),
            "fallbackCatalogue=" + work.resolve("written.csv"),
            "model=EleutherAI/gpt-neo-125m",
            "output=" + work.resolve("out"),
            "backgrounds=" + Path.of("backgrounds/backgrounds.csv").toAbsolutePath(),
            "progressSeconds=0",
            ""));
  }

  private List<String> run(String... extraArgs) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.lullabeam.app.Lullabeam");
    command.add("season");
    command.add("--profile=" + profile);
    command.addAll(List.of(extraArgs));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("HF_HUB_OFFLINE", "1");
    builder.environment().put("HF_HUB_CACHE", work.resolve("empty-cache").toString());
    builder.redirectOutput(work.resolve("stdout.txt").toFile());
    builder.redirectError(work.resolve("stderr.txt").toFile());
    Process process = builder.start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("lullabeam did not finish in 3 minutes");
    }
    return List.of(
        Integer.toString(process.exitValue()),
        Files.readString(work.resolve("stdout.txt"), StandardCharsets.UTF_8),
        Files.readString(work.resolve("stderr.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void demoSaysTheModelIsMissingAndNarratesTheWrittenStoriesInstead() throws Exception {
    writeDemo();
    List<String> result = run();
    assertThat(result.get(2), result.get(0), is("0"));
    String firstLine = result.get(1).lines().findFirst().orElse("");
    assertThat(firstLine, startsWith("lullabeam: model EleutherAI/gpt-neo-125m is unavailable"));
    assertThat(firstLine, containsString("narrating the written stories of " + work.resolve("written.csv")));
    JsonNode report = new ObjectMapper().readTree(work.resolve("out/report.json").toFile());
    assertThat(report.path("catalogue").asText(), is(work.resolve("written.csv").toString()));
    assertThat(report.path("totals").path("ok").asInt(), is(1));
  }

  @Test
  void anExplicitCatalogueNeverFallsBack() throws Exception {
    writeDemo();
    List<String> result = run("--catalogue", work.resolve("prompts.csv").toString());
    assertThat(result.get(0), is("2"));
    assertThat(result.get(1), is(""));
    assertThat(result.get(2), startsWith("lullabeam season: model EleutherAI/gpt-neo-125m is unavailable"));
    assertThat(result.get(2).strip().lines().count(), is(1L));
    assertThat(Files.exists(work.resolve("out/report.json")), is(false));
  }

  @Test
  void thePlanFallsBackAsTheSeasonWouldAndWritesNothing() throws Exception {
    writeDemo();
    List<String> result = run("--plan", "--json");
    assertThat(result.get(2), result.get(0), is("0"));
    JsonNode plan = new ObjectMapper().readTree(result.get(1));
    assertThat(plan.path("catalogue").asText(), is(work.resolve("written.csv").toString()));
    assertThat(plan.path("fallback").asText(), containsString("model EleutherAI/gpt-neo-125m is unavailable"));
    assertThat(plan.path("episodes").size(), is(1));
    assertThat(plan.path("episodes").get(0).path("id").asText(), is("quiet-sea"));
    assertThat(plan.path("episodes").get(0).path("story").asText(), is("written"));
    assertThat(Files.exists(work.resolve("out")), is(false));
  }
}
