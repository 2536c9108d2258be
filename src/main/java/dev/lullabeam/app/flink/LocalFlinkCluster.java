package dev.lullabeam.app.flink;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Flink 1.19 session cluster on 127.0.0.1: one JobManager and N TaskManagers, each
 * its own JVM started from the Maven jars of {@code flink/pom.xml}, the way Flink's shell scripts
 * start them. run-flink.sh and the tests use it; {@link #close} stops every process it started.
 */
public final class LocalFlinkCluster implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final String JOB_MANAGER =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  private static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
  private static final String RESOURCE_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
  /** BashJavaUtils marks the lines the scripts use with this prefix. */
  private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

  /** What to start. Memory sizes are Flink's ("2g", "1536m"). */
  public record Settings(
      Path workDir,
      String classpath,
      int restPort,
      int rpcPort,
      int taskManagers,
      int slotsPerTaskManager,
      String taskManagerMemory,
      String jobManagerMemory,
      int restartAttempts) {

    public Settings {
      if (taskManagers < 1 || slotsPerTaskManager < 1) {
        throw new IllegalArgumentException("a cluster needs at least one TaskManager with one slot");
      }
    }

    /** Defaults: REST 8081, RPC 6123, 2 slots and 2 GB per TaskManager, 3 restarts. */
    public static Settings of(Path workDir, String classpath, int taskManagers) {
      return new Settings(workDir, classpath, 8081, 6123, taskManagers, 2, "2g", "1g", 3);
    }

    public Settings withPorts(int rest, int rpc) {
      return new Settings(workDir, classpath, rest, rpc, taskManagers, slotsPerTaskManager,
          taskManagerMemory, jobManagerMemory, restartAttempts);
    }

    public Settings withSlots(int slots) {
      return new Settings(workDir, classpath, restPort, rpcPort, taskManagers, slots,
          taskManagerMemory, jobManagerMemory, restartAttempts);
    }

    public Settings withTaskManagerMemory(String memory) {
      return new Settings(workDir, classpath, restPort, rpcPort, taskManagers, slotsPerTaskManager,
          memory, jobManagerMemory, restartAttempts);
    }
  }

  private final Settings settings;
  private final Path confDir;
  private final Path logDir;
  private Process jobManager;
  private final List<Process> taskManagers = new ArrayList<>();
  private final Thread stopOnExit = new Thread(this::stopProcesses, "stop-local-flink-cluster");

  private LocalFlinkCluster(Settings settings) {
    this.settings = settings;
    this.confDir = settings.workDir().resolve("conf");
    this.logDir = settings.workDir().resolve("log");
  }

  /**
   * Writes the configuration, starts the JobManager and the TaskManagers, and returns once every
   * TaskManager has registered. Fails with a clear message if a port is taken; whatever was
   * started is stopped again on failure, and on JVM exit (Ctrl-C) in any case.
   */
  public static LocalFlinkCluster start(Settings settings) throws IOException, InterruptedException {
    checkPortFree("rest.port", settings.restPort());
    checkPortFree("jobmanager.rpc.port", settings.rpcPort());
    LocalFlinkCluster cluster = new LocalFlinkCluster(settings);
    Runtime.getRuntime().addShutdownHook(cluster.stopOnExit);
    try {
      cluster.startProcesses();
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void startProcesses() throws IOException, InterruptedException {
    Files.createDirectories(confDir);
    Files.createDirectories(logDir);
    Path tmp = Files.createDirectories(settings.workDir().resolve("tmp"));
    Files.writeString(confDir.resolve("config.yaml"), configYaml(tmp), StandardCharsets.UTF_8);

    List<String> jm = resourceParams("GET_JM_RESOURCE_PARAMS");
    List<String> command = javaCommand(jm.get(0), tmp.resolve("jobmanager"), JOB_MANAGER);
    jobManager = launch(command, "jobmanager");
    waitForRest(jobManager, 60);

    List<String> tm = resourceParams("GET_TM_RESOURCE_PARAMS");
    for (int i = 0; i < settings.taskManagers(); i++) {
      // Each TaskManager gets its own java.io.tmpdir: jave2 extracts ffmpeg there.
      List<String> tmCommand = javaCommand(tm.get(0), tmp.resolve("taskmanager-" + i), TASK_MANAGER);
      tmCommand.addAll(Arrays.asList(tm.get(1).trim().split("\\s+")));
      taskManagers.add(launch(tmCommand, "taskmanager-" + i));
    }
    waitForTaskManagers(settings.taskManagers(), 120);
  }

  private String configYaml(Path tmp) {
    return String.join(
        "\n",
        "# Written by lullabeam's LocalFlinkCluster: everything on " + HOST + ".",
        "jobmanager.rpc.address: " + HOST,
        "jobmanager.rpc.port: " + settings.rpcPort(),
        "jobmanager.bind-host: " + HOST,
        "jobmanager.memory.process.size: " + settings.jobManagerMemory(),
        "taskmanager.host: " + HOST,
        "taskmanager.bind-host: " + HOST,
        "taskmanager.numberOfTaskSlots: " + settings.slotsPerTaskManager(),
        "taskmanager.memory.process.size: " + settings.taskManagerMemory(),
        // Beam's batch translation sorts little; the voice and the audio want the heap.
        "taskmanager.memory.managed.fraction: 0.1",
        "rest.address: " + HOST,
        "rest.bind-address: " + HOST,
        "rest.port: " + settings.restPort(),
        "io.tmp.dirs: " + tmp,
        "parallelism.default: 1",
        // Spread a job's subtasks over the TaskManagers instead of filling one first.
        "cluster.evenly-spread-out-slots: true",
        // A lost TaskManager is noticed within seconds, and the job starts again on the others.
        "heartbeat.interval: 2000",
        "heartbeat.timeout: 10000",
        "restart-strategy.type: fixed-delay",
        "restart-strategy.fixed-delay.attempts: " + settings.restartAttempts(),
        "restart-strategy.fixed-delay.delay: 2 s",
        "");
  }

  /** Line 1: JVM options; line 2 (TaskManagers): -D dynamic properties. As Flink's scripts do. */
  private List<String> resourceParams(String what) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                javaExecutable(), "-cp", settings.classpath(), RESOURCE_UTILS, what,
                "--configDir", confDir.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("Flink's " + what + " failed: " + output.strip());
    }
    List<String> lines =
        output.lines()
            .filter(l -> l.startsWith(RESULT_PREFIX))
            .map(l -> l.substring(RESULT_PREFIX.length()))
            .toList();
    if (lines.isEmpty()) {
      throw new IOException("Flink's " + what + " printed no result: " + output.strip());
    }
    return lines;
  }

  private List<String> javaCommand(String jvmOptions, Path tmpdir, String mainClass)
      throws IOException {
    Files.createDirectories(tmpdir);
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
    command.add("-Djava.io.tmpdir=" + tmpdir);
    command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    command.add("-cp");
    command.add(settings.classpath());
    command.add(mainClass);
    command.add("--configDir");
    command.add(confDir.toString());
    return command;
  }

  private Process launch(List<String> command, String name) throws IOException {
    Path log = logDir.resolve(name + ".log");
    return new ProcessBuilder(command)
        .directory(settings.workDir().toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void checkPortFree(String name, int port) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
    } catch (IOException e) {
      throw new IOException(
          name + " " + port + " on " + HOST + " is in use; pick another port or stop what holds it");
    }
  }

  private void waitForRest(Process process, int seconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the Flink JobManager exited at start; see " + logDir.resolve("jobmanager.log"));
      }
      if (overview() != null) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IOException("the Flink JobManager did not answer within " + seconds + " s; see " + logDir);
  }

  private void waitForTaskManagers(int expected, int seconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < taskManagers.size(); i++) {
        if (!taskManagers.get(i).isAlive()) {
          throw new IOException(
              "Flink TaskManager " + i + " exited at start; see " + logDir.resolve("taskmanager-" + i + ".log"));
        }
      }
      JsonNode overview = overview();
      if (overview != null && overview.path("taskmanagers").asInt() >= expected) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IOException("the Flink TaskManagers did not register within " + seconds + " s; see " + logDir);
  }

  /** The cluster's {@code /overview}, or null while the REST endpoint does not answer. */
  public JsonNode overview() {
    return FlinkRest.get(restAddress(), "/overview");
  }

  /** {@code 127.0.0.1:PORT}: what FlinkRunner's {@code --flinkMaster} wants. */
  public String restAddress() {
    return HOST + ":" + settings.restPort();
  }

  public String webUi() {
    return "http://" + restAddress() + "/";
  }

  public Settings settings() {
    return settings;
  }

  /** The TaskManager processes, in start order (alive or not). */
  public List<ProcessHandle> taskManagers() {
    return taskManagers.stream().map(Process::toHandle).toList();
  }

  /** Kills TaskManager {@code index} without warning (SIGKILL), as a crash would. */
  public void killTaskManager(int index) throws InterruptedException {
    Process process = taskManagers.get(index);
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Stops the TaskManagers, then the JobManager; waits for each. */
  @Override
  public void close() {
    stopProcesses();
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException alreadyExiting) {
      // The hook is running or has run.
    }
  }

  private synchronized void stopProcesses() {
    List<Process> all = new ArrayList<>(taskManagers);
    if (jobManager != null) {
      all.add(jobManager);
    }
    // Descendants first: ffmpeg processes that jave2 started for a TaskManager.
    all.forEach(p -> p.descendants().forEach(ProcessHandle::destroy));
    all.forEach(Process::destroy);
    for (Process process : all) {
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(15, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
