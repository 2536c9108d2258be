package dev.lullabeam.app;

import dev.lullabeam.app.flink.FlinkRest;
import dev.lullabeam.app.flink.LocalFlinkCluster;
import dev.lullabeam.app.season.ConfigurationException;
import dev.lullabeam.app.season.SeasonLauncher;
import dev.lullabeam.pipeline.SeasonOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flink}: runs a season on a Flink 1.19 session cluster — an existing one
 * ({@code --flinkMaster}) or one started on this host for the season ({@code --local-cluster}).
 * run-flink.sh builds the job jar and the cluster classpath and calls this. The season itself is
 * parsed, checked and run by the same {@link SeasonLauncher} as {@code season}'s, with
 * FlinkRunner; its configuration is checked before a local cluster is started.
 */
@Command(
    name = "flink",
    description = {
      "Run a season on a Flink 1.19 session cluster (see run-flink.sh, which builds what this needs).",
      "Every other option is a season option (--catalogue, --output, --parallelism, ...)."
    })
public final class FlinkCommand implements Callable<Integer> {

  static final class Target {
    @Option(names = "--flinkMaster", paramLabel = "HOST:PORT",
        description = "REST address of a running Flink 1.19 session cluster (FlinkRunner's option)")
    String master;

    @Option(names = "--local-cluster",
        description = "start a standalone cluster on 127.0.0.1 for this season, stop it afterwards")
    boolean local;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(names = "--job-jar", required = true, paramLabel = "JAR",
      description = "the season's job jar without Flink (target/lullabeam-flink-job.jar)")
  Path jobJar;

  @Option(names = "--cluster-classpath", paramLabel = "FILE",
      description = "file with the local cluster's classpath (from flink/pom.xml)")
  Path clusterClasspath;

  @Option(names = "--cluster-dir", defaultValue = "target/local-flink", paramLabel = "DIR",
      description = "configuration, logs and temporary files of the local cluster (default: ${DEFAULT-VALUE})")
  Path clusterDir;

  @Option(names = "--taskmanagers", defaultValue = "2", description = "TaskManager JVMs (default: ${DEFAULT-VALUE})")
  int taskManagers;

  @Option(names = "--slots", defaultValue = "2", description = "slots per TaskManager (default: ${DEFAULT-VALUE})")
  int slots;

  @Option(names = "--taskmanager-memory", defaultValue = "2g",
      description = "process size of each TaskManager (default: ${DEFAULT-VALUE})")
  String taskManagerMemory;

  @Option(names = "--rest-port", defaultValue = "8081", description = "REST and web UI port (default: ${DEFAULT-VALUE})")
  int restPort;

  @Option(names = "--rpc-port", defaultValue = "6123", description = "JobManager RPC port (default: ${DEFAULT-VALUE})")
  int rpcPort;

  @Parameters(arity = "0..*", paramLabel = "SEASON-OPTIONS", description = "options of 'season' and FlinkRunner")
  List<String> seasonArgs = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SeasonLauncher launcher = new SeasonLauncher("flink", out, err);
    if (!Files.isRegularFile(jobJar)) {
      err.println("lullabeam flink: job jar not found: " + jobJar + " (run-flink.sh builds it)");
      return SeasonLauncher.CONFIGURATION_ERROR;
    }
    if (target.local && (clusterClasspath == null || !Files.isRegularFile(clusterClasspath))) {
      err.println("lullabeam flink: --local-cluster needs --cluster-classpath FILE (run-flink.sh makes it)");
      return SeasonLauncher.CONFIGURATION_ERROR;
    }
    SeasonOptions options;
    try {
      options = launcher.parse(seasonArgs);
    } catch (ConfigurationException e) {
      return launcher.configurationError(e);
    }
    options.setRunner(FlinkRunner.class);
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    flink.setFilesToStage(List.of(jobJar.toAbsolutePath().toString()));
    if (target.master != null) {
      if (FlinkRest.get(target.master, "/overview") == null) {
        err.println("lullabeam flink: no Flink REST API answers at http://" + target.master + "/");
        return SeasonLauncher.CONFIGURATION_ERROR;
      }
      flink.setFlinkMaster(target.master);
    } else if (flink.getParallelism() < 1) {
      // One subtask per TaskManager unless asked: the other slots are there for recovery.
      flink.setParallelism(taskManagers);
    }
    SeasonLauncher.PreparedSeason season;
    try {
      season = launcher.prepare(options);
    } catch (ConfigurationException e) {
      return launcher.configurationError(e);
    }
    if (target.master != null) {
      return launcher.run(season);
    }
    String classpath = Files.readString(clusterClasspath, StandardCharsets.UTF_8).strip();
    LocalFlinkCluster.Settings settings =
        LocalFlinkCluster.Settings.of(clusterDir.toAbsolutePath(), classpath, taskManagers)
            .withPorts(restPort, rpcPort)
            .withSlots(slots)
            .withTaskManagerMemory(taskManagerMemory);
    out.printf(
        "lullabeam: starting a local Flink cluster: 1 JobManager, %d TaskManagers × %d slots (logs: %s)%n",
        taskManagers, slots, clusterDir.resolve("log"));
    out.flush();
    long start = System.nanoTime();
    LocalFlinkCluster cluster;
    try {
      cluster = LocalFlinkCluster.start(settings);
    } catch (IOException e) {
      err.println("lullabeam flink: " + e.getMessage());
      return SeasonLauncher.CONFIGURATION_ERROR;
    }
    try (cluster) {
      out.printf("lullabeam: cluster up in %.1f s%n", (System.nanoTime() - start) / 1e9);
      flink.setFlinkMaster(cluster.restAddress());
      return launcher.run(season);
    } finally {
      out.println("lullabeam: local Flink cluster stopped");
    }
  }
}
