package dev.lullabeam.lib.lm.hub;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lullabeam.lib.lm.ComputeType;
import dev.lullabeam.lib.lm.GenerationRequest;
import dev.lullabeam.lib.lm.LanguageModel;
import dev.lullabeam.lib.lm.SamplingSettings;
import dev.lullabeam.lib.lm.TestModels;
import dev.lullabeam.lib.lm.checkpoint.CheckpointShape;
import dev.lullabeam.lib.lm.TensorDType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a small hub imitation on 127.0.0.1: HEAD/GET resolve URLs, ETags, Range, redirects. */
class HubModelResolverTest {
  private static final String MODEL = "TestOrg/tiny-neo";
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  private static final String TOKEN = "hf_test_token";

  @TempDir Path tempDir;
  private FakeHub hub;

  @BeforeEach
  void startHub() throws IOException {
    hub = new FakeHub();
  }

  @AfterEach
  void stopHub() {
    hub.releaseStall.countDown();
    hub.server.stop(0);
  }

  private HubSettings settings(boolean offline) {
    return new HubSettings(tempDir.resolve("hf-cache"), hub.endpoint(), TOKEN, offline);
  }

  private Path publishTinyModel(long shardBytes) throws IOException {
    Path source = tempDir.resolve("source");
    TestModels.writer(CheckpointShape.TINY, TensorDType.F32, 9).maxShardBytes(shardBytes).write(source);
    try (Stream<Path> files = Files.list(source)) {
      for (Path file : files.collect(Collectors.toList())) {
        hub.files.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    }
    return source;
  }

  @Test
  void downloadsIntoTheHuggingFaceCacheLayoutAndTheModelRuns() throws Exception {
    Path source = publishTinyModel(Long.MAX_VALUE);
    Path snapshot = new HubModelResolver(settings(false), DownloadProgress.NONE).resolve(MODEL);

    Path repo = tempDir.resolve("hf-cache").resolve("models--TestOrg--tiny-neo");
    assertThat(snapshot, equalTo(repo.resolve("snapshots").resolve(COMMIT)));
    assertThat(Files.readString(repo.resolve("refs").resolve("main")), equalTo(COMMIT));
    for (String file : List.of("config.json", "model.safetensors", "vocab.json", "merges.txt")) {
      assertThat(file, Files.isSymbolicLink(snapshot.resolve(file)), is(true));
      assertThat(file, Files.readAllBytes(snapshot.resolve(file)), equalTo(Files.readAllBytes(source.resolve(file))));
    }
    assertThat(Files.exists(repo.resolve("blobs").resolve(hub.etag("model.safetensors"))), is(true));
    try (Stream<Path> blobs = Files.list(repo.resolve("blobs"))) {
      assertThat("only finished blobs, named by ETag", blobs.map(p -> p.getFileName().toString())
          .filter(name -> !name.matches("[0-9a-f]{64}")).collect(Collectors.toList()), equalTo(List.of()));
    }
    assertThat(Files.exists(tempDir.resolve("hf-cache/.locks/models--TestOrg--tiny-neo")
        .resolve(hub.etag("model.safetensors") + ".lock")), is(true));
    assertThat("every request carried the token", hub.authorizations, everyItem(equalTo("Bearer " + TOKEN)));
    assertThat(hub.paths, hasItem("/" + MODEL + "/resolve/main/config.json"));
    // The model files after config.json are fetched at the commit config.json came from.
    assertThat(hub.paths, hasItem("/" + MODEL + "/resolve/" + COMMIT + "/model.safetensors"));

    try (LanguageModel model = LanguageModel.load(snapshot, Device.cpu(), ComputeType.FLOAT32)) {
      assertThat(model.generate(List.of(model.prepare(GenerationRequest.ofText("Once upon a time",
          SamplingSettings.greedy(4), 0)))).get(0).generatedIds().length, greaterThan(0));
    }

    // A second resolve is served from the cache, even offline.
    int requests = hub.paths.size();
    assertThat(new HubModelResolver(settings(true), DownloadProgress.NONE).resolve(MODEL), equalTo(snapshot));
    assertThat(hub.paths.size(), is(requests));
  }

  @Test
  void anInterruptedDownloadResumesWithARangeRequest() throws Exception {
    publishTinyModel(Long.MAX_VALUE);
    byte[] weights = hub.files.get("model.safetensors");
    hub.breakAfterBytes = weights.length / 3;
    List<long[]> progress = new CopyOnWriteArrayList<>();
    DownloadProgress recorder = new DownloadProgress() {
      @Override
      public void update(String file, long done, long total) {
        if (file.equals("model.safetensors")) {
          progress.add(new long[] {done, total});
        }
      }

      @Override
      public void finished(String file, long total) {}
    };
    ModelUnavailableException broken = assertThrows(ModelUnavailableException.class,
        () -> new HubModelResolver(settings(false), recorder, Duration.ofMillis(800)).resolve(MODEL));
    assertThat(broken.getMessage(), containsString("no data for"));
    assertThat(broken.getMessage(), containsString("model " + MODEL + " is unavailable"));
    assertThat(broken.getMessage(), containsString("run again to resume"));
    assertThat(broken.getMessage().lines().count(), is(1L));
    Path incomplete = tempDir.resolve("hf-cache/models--TestOrg--tiny-neo/blobs")
        .resolve(hub.etag("model.safetensors") + ".incomplete");
    long partial = Files.size(incomplete);
    assertThat(partial, greaterThan(0L));

    hub.breakAfterBytes = -1;
    hub.releaseStall.countDown();
    assertThat("the calling thread is not left interrupted", Thread.interrupted(), is(false));
    progress.clear();
    Path snapshot = new HubModelResolver(settings(false), recorder).resolve(MODEL);
    assertThat(hub.ranges, contains("bytes=" + partial + "-"));
    assertThat(Files.readAllBytes(snapshot.resolve("model.safetensors")), equalTo(weights));
    assertThat(Files.exists(incomplete), is(false));
    assertThat("progress starts where the partial file ended", progress.get(0)[0], is(partial));
    assertThat(progress.get(progress.size() - 1)[0], is((long) weights.length));
  }

  @Test
  void shardedModelsDownloadEveryShard() throws Exception {
    Path source = publishTinyModel(200_000);
    assertThat(hub.files.containsKey("model.safetensors"), is(false));
    Path snapshot = new HubModelResolver(settings(false), DownloadProgress.NONE).resolve(MODEL);
    List<String> shards = hub.files.keySet().stream().filter(n -> n.startsWith("model-")).collect(Collectors.toList());
    assertThat(shards.size(), greaterThan(1));
    for (String shard : shards) {
      assertThat(Files.readAllBytes(snapshot.resolve(shard)), equalTo(Files.readAllBytes(source.resolve(shard))));
    }
    assertThat(HubModelResolver.missingFiles(snapshot), equalTo(List.of()));
  }

  @Test
  void offlineAndNotCachedIsOneLineNamingTheModelAndTheMissingFiles() {
    ModelUnavailableException error = assertThrows(ModelUnavailableException.class,
        () -> new HubModelResolver(settings(true), DownloadProgress.NONE).resolve("EleutherAI/gpt-neo-125m"));
    assertThat(error.getMessage(), containsString("model EleutherAI/gpt-neo-125m is unavailable"));
    assertThat(error.getMessage(), containsString("missing config.json, model.safetensors, vocab.json, merges.txt"));
    assertThat(error.getMessage().lines().count(), is(1L));
    assertThat(hub.paths, equalTo(List.of()));
  }

  @Test
  void unreachableEndpointIsModelUnavailable() throws Exception {
    hub.server.stop(0);
    ModelUnavailableException error = assertThrows(ModelUnavailableException.class,
        () -> new HubModelResolver(settings(false), DownloadProgress.NONE).resolve(MODEL));
    assertThat(error.getMessage(), containsString("cannot connect"));
    assertThat(error.missingFiles(), contains("config.json", "model.safetensors", "vocab.json", "merges.txt"));
  }

  @Test
  void aPythonDownloadedSnapshotIsReusedWithoutNetwork() throws Exception {
    Path source = publishTinyModel(Long.MAX_VALUE);
    // The layout huggingface_hub writes: blobs named by ETag, snapshot symlinks, refs/main.
    Path repo = tempDir.resolve("hf-cache/models--EleutherAI--gpt-neo-125m");
    Path snapshot = repo.resolve("snapshots/21def0189f5705e2521767faed922f1f15e7d7db");
    Files.createDirectories(snapshot);
    Files.createDirectories(repo.resolve("blobs"));
    Files.createDirectories(repo.resolve("refs"));
    Files.writeString(repo.resolve("refs/main"), "21def0189f5705e2521767faed922f1f15e7d7db");
    for (String file : List.of("config.json", "model.safetensors", "vocab.json", "merges.txt")) {
      Path blob = repo.resolve("blobs").resolve(hub.etag(file));
      Files.copy(source.resolve(file), blob);
      Files.createSymbolicLink(snapshot.resolve(file), Path.of("../../blobs").resolve(hub.etag(file)));
    }
    Path resolved = new HubModelResolver(settings(false), DownloadProgress.NONE).resolve("EleutherAI/gpt-neo-125m");
    assertThat(resolved, equalTo(snapshot));
    assertThat(hub.paths, equalTo(List.of()));
  }

  @Test
  void largeFilesRedirectToStorageWithoutTheToken() throws Exception {
    publishTinyModel(Long.MAX_VALUE);
    hub.redirectWeights = true;
    Path snapshot = new HubModelResolver(settings(false), DownloadProgress.NONE).resolve(MODEL);
    assertThat(Files.readAllBytes(snapshot.resolve("model.safetensors")), equalTo(hub.files.get("model.safetensors")));
    assertThat(hub.storageAuthorizations, equalTo(List.of("none")));
  }

  @Test
  void missingModelOnTheHubSaysSo() throws Exception {
    ModelUnavailableException error = assertThrows(ModelUnavailableException.class,
        () -> new HubModelResolver(settings(false), DownloadProgress.NONE).resolve("TestOrg/nothing-here"));
    assertThat(error.getMessage(), containsString("not found"));
  }

  @Test
  void settingsFollowTheHuggingFaceEnvironmentVariables() {
    Path home = Path.of("/home/someone");
    HubSettings defaults = HubSettings.fromEnvironment(Map.of(), home);
    assertThat(defaults.cacheDir(), equalTo(home.resolve(".cache/huggingface/hub")));
    assertThat(defaults.endpoint(), equalTo(URI.create("https://huggingface.co")));
    assertThat(defaults.offline(), is(false));
    assertThat(HubSettings.fromEnvironment(Map.of("HF_HOME", "/data/hf"), home).cacheDir(),
        equalTo(Path.of("/data/hf/hub")));
    HubSettings explicit = HubSettings.fromEnvironment(Map.of("HF_HOME", "/data/hf", "HF_HUB_CACHE", "/fast/cache",
        "HF_ENDPOINT", "https://mirror.example/", "HF_TOKEN", "abc", "HF_HUB_OFFLINE", "1"), home);
    assertThat(explicit.cacheDir(), equalTo(Path.of("/fast/cache")));
    assertThat(explicit.endpoint(), equalTo(URI.create("https://mirror.example")));
    assertThat(explicit.token(), equalTo("abc"));
    assertThat(explicit.offline(), is(true));
    assertThat(explicit.toString(), not(containsString("abc")));
  }

  @Test
  void anExistingDirectoryIsUsedAsIsAndNonsenseIsRejected() throws Exception {
    HubModelResolver resolver = new HubModelResolver(settings(true), DownloadProgress.NONE);
    assertThat(resolver.resolve(tempDir.toString()), equalTo(tempDir));
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> resolver.resolve("no such dir"));
    assertThat(error.getMessage(), containsString("neither an existing directory nor a Hugging Face id"));
  }

  /** Serves {@code /{id}/resolve/{revision}/{file}} for one model like the hub does. */
  private static final class FakeHub {
    final HttpServer server;
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final List<String> paths = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> storageAuthorizations = new CopyOnWriteArrayList<>();
    final List<String> ranges = new CopyOnWriteArrayList<>();
    volatile long breakAfterBytes = -1;
    final CountDownLatch releaseStall = new CountDownLatch(1);
    volatile boolean redirectWeights;

    FakeHub() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(Executors.newCachedThreadPool());
      server.createContext("/", this::handle);
      server.createContext("/storage/", this::storage);
      server.start();
    }

    URI endpoint() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    String etag(String file) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(files.get(file)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    private void handle(HttpExchange exchange) throws IOException {
      String path = exchange.getRequestURI().getPath();
      paths.add(path);
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      String prefix = "/" + MODEL + "/resolve/";
      if (!path.startsWith(prefix)) {
        send(exchange, 404, new byte[0]);
        return;
      }
      String rest = path.substring(prefix.length());
      String revision = rest.substring(0, rest.indexOf('/'));
      String file = rest.substring(rest.indexOf('/') + 1);
      byte[] content = files.get(file);
      if (content == null || !(revision.equals("main") || revision.equals(COMMIT))) {
        send(exchange, 404, new byte[0]);
        return;
      }
      exchange.getResponseHeaders().add("X-Repo-Commit", COMMIT);
      boolean lfs = file.endsWith(".safetensors");
      if (lfs) {
        exchange.getResponseHeaders().add("X-Linked-Etag", "\"" + etag(file) + "\"");
        exchange.getResponseHeaders().add("X-Linked-Size", String.valueOf(content.length));
      } else {
        exchange.getResponseHeaders().add("ETag", "\"" + etag(file) + "\"");
      }
      if (lfs && redirectWeights) {
        // Another host name for the same server stands in for the hub's storage host.
        exchange.getResponseHeaders().add("Location",
            "http://localhost:" + server.getAddress().getPort() + "/storage/" + file);
        send(exchange, 302, new byte[0]);
        return;
      }
      serve(exchange, content);
    }

    private void storage(HttpExchange exchange) throws IOException {
      storageAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization") == null ? "none" : "token");
      String file = exchange.getRequestURI().getPath().substring("/storage/".length());
      serve(exchange, files.get(file));
    }

    private void serve(HttpExchange exchange, byte[] content) throws IOException {
      if (exchange.getRequestMethod().equals("HEAD")) {
        exchange.getResponseHeaders().add("Content-Length", String.valueOf(content.length));
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
        return;
      }
      String range = exchange.getRequestHeaders().getFirst("Range");
      int from = 0;
      int status = 200;
      if (range != null) {
        ranges.add(range);
        from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
        status = 206;
        exchange.getResponseHeaders().add("Content-Range",
            "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
      }
      exchange.sendResponseHeaders(status, content.length - from);
      OutputStream out = exchange.getResponseBody();
      if (breakAfterBytes >= 0 && content.length - from > breakAfterBytes) {
        out.write(content, from, (int) breakAfterBytes);
        out.flush();
        // Stall mid-body, as a dead connection does, until the test lets go.
        try {
          releaseStall.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        exchange.close();
        return;
      }
      out.write(content, from, content.length - from);
      out.close();
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      exchange.close();
    }
  }
}
