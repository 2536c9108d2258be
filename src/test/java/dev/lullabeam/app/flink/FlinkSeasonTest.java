package dev.lullabeam.app.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.app.Lullabeam;
import dev.lullabeam.lib.audio.Ffmpeg;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seasons on a real standalone Flink 1.19 cluster — a JobManager and two TaskManagers, each its
 * own JVM, started by {@link LocalFlinkCluster} as run-flink.sh starts them — then the same
 * season again while one TaskManager is killed. The cluster is stopped whatever happens.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkSeasonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CLUSTER_CLASSPATH = Path.of("target", "flink-cluster.classpath");

  /** Three short written stories on three topics; the second has two paragraphs. */
  private static final String CATALOGUE =
      "id,topic,title,story\n"
          + "moon-boat,ocean,The Moon Boat,\"A little boat sailed under the moon. The waves rocked it gently.\"\n"
          + "sleepy-owl,night-forest,,\"The owl blinked twice. \"\"Goodnight,\"\" said the owl.\n\nThe forest slept.\"\n"
          + "rain-song,rain,Rain Song,\"The rain sang on the roof. Everyone in the house fell asleep.\"\n";

  private static final Set<String> IDS = Set.of("moon-boat", "sleepy-owl", "rain-song");

  @TempDir static Path work;
  static LocalFlinkCluster cluster;
  static Path catalogue;
  static String filesToStage;

  @BeforeAll
  static void startCluster() throws Exception {
    catalogue = work.resolve("catalogue.csv");
    Files.writeString(catalogue, CATALOGUE, StandardCharsets.UTF_8);
    filesToStage = jobFiles();
    LocalFlinkCluster.Settings settings =
        LocalFlinkCluster.Settings.of(work.resolve("cluster"), clusterClasspath(), 2)
            .withPorts(freePort(), freePort())
            .withSlots(2)
            .withTaskManagerMemory("1536m");
    cluster = LocalFlinkCluster.start(settings);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
      assertThat(
          "every cluster process has ended",
          cluster.taskManagers().stream().filter(ProcessHandle::isAlive).toList(), empty());
    }
  }

  @Test
  @Order(1)
  void narratesASeasonOnTwoTaskManagersLoadingTheVoiceOncePerJvm() throws Exception {
    Path output = work.resolve("season");
    StringWriter log = new StringWriter();

    int status = runSeason(output, log);

    assertThat(log.toString(), status, is(0));
    assertThat(log.toString(), log.toString().contains("Flink web UI: " + cluster.webUi()), is(true));
    checkEpisodes(output);
    JsonNode report = JSON.readTree(output.resolve("report.json").toFile());
    checkReport(report);
    Map<String, Integer> loads = voiceLoads(report);
    assertThat("both TaskManagers spoke, each loaded the voice once: " + loads,
        pids(loads.keySet()), equalTo(taskManagerPids()));
    assertThat(loads.values(), everyItem(is(1)));
  }

  @Test
  @Order(2)
  void finishesEveryEpisodeOnceWhenATaskManagerDiesMidSeason() throws Exception {
    Path output = work.resolve("season-with-a-crash");
    StringWriter log = new StringWriter();
    Set<Long> before = taskManagerPids();

    CompletableFuture<Integer> season = CompletableFuture.supplyAsync(() -> runSeason(output, log));
    String job = waitForRunningJob(season);
    cluster.killTaskManager(0);
    int status = season.get(4, TimeUnit.MINUTES);

    assertThat(log.toString(), status, is(0));
    assertThat("the job failed over at least once",
        FlinkRest.get(cluster.restAddress(), "/jobs/" + job + "/exceptions").path("exceptionHistory").path("entries").size(),
        greaterThan(0));
    checkEpisodes(output);
    JsonNode report = JSON.readTree(output.resolve("report.json").toFile());
    checkReport(report);
    Set<Long> speakers = pids(voiceLoads(report).keySet());
    long survivor = cluster.taskManagers().get(1).pid();
    assertThat("the surviving TaskManager finished the season", speakers, equalTo(Set.of(survivor)));
    assertThat(before, hasItem(survivor));
  }

  /** The season command with FlinkRunner, as run-flink.sh runs it (here staging the test classpath). */
  private static int runSeason(Path output, StringWriter log) {
    return Lullabeam.commandLine()
        .setOut(new PrintWriter(log, true))
        .setErr(new PrintWriter(log, true))
        .execute(
            "season",
            "--runner=FlinkRunner",
            "--flinkMaster=" + cluster.restAddress(),
            "--filesToStage=" + filesToStage,
            "--parallelism=2",
            "--catalogue=" + catalogue,
            "--output=" + output,
            "--backgrounds=backgrounds/backgrounds.csv",
            "--season=Flink test",
            "--progressSeconds=2");
  }

  /** Waits until the season's job has tasks running; returns its id. */
  private static String waitForRunningJob(CompletableFuture<Integer> season) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline && !season.isDone()) {
      JsonNode jobs = FlinkRest.get(cluster.restAddress(), "/jobs/overview");
      if (jobs != null) {
        for (JsonNode job : jobs.path("jobs")) {
          if (job.path("state").asText().equals("RUNNING") && job.path("tasks").path("running").asInt() > 0) {
            return job.path("jid").asText();
          }
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the season's job never ran; season ended: " + season.isDone());
  }

  /** Exactly the three episodes' MP3, transcript and JSON, complete, and nothing else. */
  private static void checkEpisodes(Path output) throws IOException {
    Path episodes = output.resolve("episodes");
    Set<String> expected = new TreeSet<>();
    IDS.forEach(id -> expected.addAll(List.of(id + ".mp3", id + ".vtt", id + ".json")));
    try (Stream<Path> files = Files.list(episodes)) {
      Set<String> names = files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
      assertThat(names, equalTo(expected));
    }
    for (String id : IDS) {
      JsonNode json = JSON.readTree(episodes.resolve(id + ".json").toFile());
      assertThat(json.path("id").asText(), is(id));
      assertThat(json.path("duration_s").asDouble(), greaterThan(15.0));
      assertThat(Files.readString(episodes.resolve(id + ".vtt")).startsWith("WEBVTT"), is(true));
      assertThat(json.path("sentences").size(), greaterThan(1));
      // The MP3 decodes to the length its JSON records: no truncated file under a final name.
      double seconds = decodedSeconds(episodes.resolve(id + ".mp3"));
      assertThat(id, seconds, closeTo(json.path("duration_s").asDouble(), 0.1));
    }
  }

  /** One ok row per episode, season totals to match. */
  private static void checkReport(JsonNode report) {
    List<String> ids = new ArrayList<>();
    for (JsonNode row : report.path("episodes")) {
      assertThat(row.toString(), row.path("status").asText(), is("ok"));
      ids.add(row.path("id").asText());
    }
    assertThat(new TreeSet<>(ids), equalTo(new TreeSet<>(IDS)));
    assertThat("each episode once: " + ids, ids.size(), is(IDS.size()));
    assertThat(report.path("totals").path("ok").asInt(), is(3));
    assertThat(report.path("totals").path("audio_seconds").asDouble(), greaterThan(45.0));
  }

  private static Map<String, Integer> voiceLoads(JsonNode report) {
    Map<String, Integer> loads = new TreeMap<>();
    report.path("model_loads_per_jvm").path("voice:cmu-slt-hsmm")
        .fields().forEachRemaining(e -> loads.put(e.getKey(), e.getValue().asInt()));
    assertThat(loads.keySet(), not(empty()));
    return loads;
  }

  private static Set<Long> taskManagerPids() {
    return cluster.taskManagers().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  /** {@code pid@host} → pid. */
  private static Set<Long> pids(Set<String> jvmIds) {
    return jvmIds.stream().map(j -> Long.parseLong(j.substring(0, j.indexOf('@')))).collect(Collectors.toSet());
  }

  private static double decodedSeconds(Path mp3) throws IOException {
    Ffmpeg.Result pcm =
        Ffmpeg.run(List.of("-i", mp3.toString(), "-ac", "1", "-ar", "48000", "-f", "s16le", "pipe:1"));
    return pcm.stdout.length / 2 / 48000.0;
  }

  /**
   * The job's code: this test's classpath without Flink and SLF4J, which the cluster provides —
   * what the flink-job jar holds, unpacked (building that jar takes a minute). The PyTorch natives
   * stay out: DJL only runs for rows with prompts, and this season has none.
   */
  private static String jobFiles() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("/org/apache/flink/") && !entry.contains("/org/slf4j/"))
        .filter(entry -> !entry.contains("pytorch-native"))
        .filter(entry -> !entry.contains("surefire"))
        .collect(Collectors.joining(","));
  }

  /**
   * The cluster's jars, resolved from flink/pom.xml by Maven as run-flink.sh resolves them
   * (once; again when flink/pom.xml changes).
   */
  private static String clusterClasspath() throws IOException, InterruptedException {
    Path pom = Path.of("flink", "pom.xml");
    if (!Files.isRegularFile(CLUSTER_CLASSPATH)
        || Files.getLastModifiedTime(pom).compareTo(Files.getLastModifiedTime(CLUSTER_CLASSPATH)) > 0) {
      Process mvn =
          new ProcessBuilder(
                  "mvn", "-q", "-B", "-f", pom.toString(), "dependency:build-classpath",
                  "-Dmdep.outputFile=" + CLUSTER_CLASSPATH.toAbsolutePath())
              .redirectErrorStream(true)
              .start();
      String output = new String(mvn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(output, mvn.waitFor(), is(0));
    }
    return Files.readString(CLUSTER_CLASSPATH, StandardCharsets.UTF_8).strip();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
