package dev.lullabeam.lib.lm.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns {@code --model} into a model directory: an existing directory as is, or a Hugging Face id
 * such as {@code EleutherAI/gpt-neo-125m}, looked up in the standard cache
 * ({@code models--Org--Name/snapshots/<commit>/}, with {@code refs/<revision>} naming the commit) so
 * models downloaded by Python are reused. Missing files are downloaded into the same layout
 * ({@code blobs/<etag>} plus a relative symlink from the snapshot), resuming a partial
 * {@code blobs/<etag>.incomplete} with an HTTP Range request.
 */
public final class HubModelResolver {
  /** What GPT-Neo needs, in the order it is looked for. */
  static final String CONFIG = "config.json";
  static final String WEIGHTS = "model.safetensors";
  static final String WEIGHTS_INDEX = "model.safetensors.index.json";
  static final String TOKENIZER_JSON = "tokenizer.json";
  static final String VOCAB = "vocab.json";
  static final String MERGES = "merges.txt";

  private static final Pattern HUB_ID = Pattern.compile("[A-Za-z0-9][\\w.-]*/[\\w.-]+");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** One download per repository at a time inside this JVM. */
  private static final ConcurrentHashMap<Path, Object> REPO_LOCKS = new ConcurrentHashMap<>();

  /** A transfer that delivers no byte for this long is abandoned (and can be resumed later). */
  static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);

  private final HubSettings settings;
  private final HttpClient http;
  private final DownloadProgress progress;
  private final Duration stallTimeout;

  public HubModelResolver(HubSettings settings, DownloadProgress progress) {
    this(settings, progress, DEFAULT_STALL_TIMEOUT);
  }

  HubModelResolver(HubSettings settings, DownloadProgress progress, Duration stallTimeout) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.progress = progress;
    this.stallTimeout = stallTimeout;
  }

  /** Resolves with settings from the environment and a progress bar on stderr. */
  public static Path resolveModel(String modelDirOrId) {
    return new HubModelResolver(HubSettings.fromEnvironment(), new ConsoleProgressBar(System.err))
        .resolve(modelDirOrId);
  }

  public static boolean looksLikeHubId(String text) {
    return HUB_ID.matcher(text).matches();
  }

  /** An existing directory, or a hub id (optionally {@code id@revision}). */
  public Path resolve(String modelDirOrId) {
    Path asPath = Path.of(modelDirOrId);
    if (Files.isDirectory(asPath)) {
      return asPath;
    }
    String id = modelDirOrId;
    String revision = "main";
    int at = modelDirOrId.lastIndexOf('@');
    if (at > 0) {
      id = modelDirOrId.substring(0, at);
      revision = modelDirOrId.substring(at + 1);
    }
    if (!looksLikeHubId(id)) {
      throw new IllegalArgumentException("--model " + modelDirOrId
          + " is neither an existing directory nor a Hugging Face id like EleutherAI/gpt-neo-125m");
    }
    return resolve(id, revision);
  }

  public Path resolve(String id, String revision) {
    Path repo = settings.cacheDir().resolve("models--" + id.replace("/", "--"));
    synchronized (REPO_LOCKS.computeIfAbsent(repo.toAbsolutePath().normalize(), p -> new Object())) {
      Optional<Path> cached = cachedSnapshot(repo, revision).filter(snapshot -> missingFiles(snapshot).isEmpty());
      if (cached.isPresent()) {
        return cached.get();
      }
      List<String> missing = cachedSnapshot(repo, revision).map(HubModelResolver::missingFiles)
          .orElse(List.of(CONFIG, WEIGHTS, VOCAB, MERGES));
      if (settings.offline()) {
        throw new ModelUnavailableException(id, missing, "not in the Hugging Face cache "
            + settings.cacheDir() + " and HF_HUB_OFFLINE is set", null);
      }
      try {
        return download(id, revision, repo);
      } catch (IOException e) {
        throw new ModelUnavailableException(id, missing, "not in the Hugging Face cache " + settings.cacheDir()
            + " and the download from " + settings.endpoint() + " failed (" + describe(e) + ")", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ModelUnavailableException(id, missing, "download interrupted", e);
      }
    }
  }

  private static String describe(IOException e) {
    if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException
        || e instanceof java.net.UnknownHostException) {
      return "cannot connect: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
  }

  /** The snapshot a revision points to, if the cache has one. */
  static Optional<Path> cachedSnapshot(Path repo, String revision) {
    String commit = revision;
    if (!COMMIT.matcher(revision).matches()) {
      Path ref = repo.resolve("refs").resolve(revision);
      if (!Files.isRegularFile(ref)) {
        return Optional.empty();
      }
      try {
        commit = Files.readString(ref).trim();
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    Path snapshot = repo.resolve("snapshots").resolve(commit);
    return Files.isDirectory(snapshot) ? Optional.of(snapshot) : Optional.empty();
  }

  /** Files a GPT-Neo snapshot still lacks: config, weights (single or every shard), tokenizer. */
  static List<String> missingFiles(Path snapshot) {
    List<String> missing = new ArrayList<>();
    if (!Files.isRegularFile(snapshot.resolve(CONFIG))) {
      missing.add(CONFIG);
    }
    if (!Files.isRegularFile(snapshot.resolve(WEIGHTS))) {
      Path index = snapshot.resolve(WEIGHTS_INDEX);
      if (!Files.isRegularFile(index)) {
        missing.add(WEIGHTS);
      } else {
        for (String shard : shardNames(index)) {
          if (!Files.isRegularFile(snapshot.resolve(shard))) {
            missing.add(shard);
          }
        }
      }
    }
    if (!Files.isRegularFile(snapshot.resolve(TOKENIZER_JSON))) {
      for (String file : List.of(VOCAB, MERGES)) {
        if (!Files.isRegularFile(snapshot.resolve(file))) {
          missing.add(file);
        }
      }
    }
    return missing;
  }

  private static Set<String> shardNames(Path index) {
    Set<String> shards = new LinkedHashSet<>();
    try {
      JsonNode map = JSON.readTree(index.toFile()).path("weight_map");
      map.elements().forEachRemaining(node -> shards.add(node.asText()));
    } catch (IOException e) {
      shards.add(WEIGHTS_INDEX + " (unreadable)");
    }
    return shards;
  }

  private Path download(String id, String revision, Path repo) throws IOException, InterruptedException {
    // config.json first: it fixes the commit every other file is taken from.
    FileInfo config = head(id, revision, CONFIG);
    if (config.status == 404) {
      throw new ModelUnavailableException(id, List.of(CONFIG), "not found at " + url(id, revision, CONFIG)
          + " (wrong id or revision, or a private model without HF_TOKEN)", null);
    }
    String commit = config.commit != null ? config.commit : revision;
    Path snapshot = repo.resolve("snapshots").resolve(commit);
    Files.createDirectories(snapshot);
    fetch(id, commit, repo, snapshot, CONFIG, config);

    if (!fetchIfPresent(id, commit, repo, snapshot, WEIGHTS)) {
      if (!fetchIfPresent(id, commit, repo, snapshot, WEIGHTS_INDEX)) {
        throw new ModelUnavailableException(id, List.of(WEIGHTS), "the model has neither " + WEIGHTS + " nor "
            + WEIGHTS_INDEX + " at revision " + revision + " (only safetensors weights are supported)", null);
      }
      for (String shard : shardNames(snapshot.resolve(WEIGHTS_INDEX))) {
        if (!fetchIfPresent(id, commit, repo, snapshot, shard)) {
          throw new ModelUnavailableException(id, List.of(shard), WEIGHTS_INDEX + " lists it but the hub does not "
              + "have it", null);
        }
      }
    }
    if (!fetchIfPresent(id, commit, repo, snapshot, TOKENIZER_JSON)) {
      for (String file : List.of(VOCAB, MERGES)) {
        if (!fetchIfPresent(id, commit, repo, snapshot, file)) {
          throw new ModelUnavailableException(id, List.of(file), "the model has neither " + TOKENIZER_JSON
              + " nor " + VOCAB + " + " + MERGES, null);
        }
      }
    }
    if (!COMMIT.matcher(revision).matches() && config.commit != null) {
      Path ref = repo.resolve("refs").resolve(revision);
      Files.createDirectories(ref.getParent());
      Files.writeString(ref, commit);
    }
    return snapshot;
  }

  private boolean fetchIfPresent(String id, String revision, Path repo, Path snapshot, String file)
      throws IOException, InterruptedException {
    if (Files.isRegularFile(snapshot.resolve(file))) {
      return true;
    }
    FileInfo info = head(id, revision, file);
    if (info.status == 404) {
      return false;
    }
    fetch(id, revision, repo, snapshot, file, info);
    return true;
  }

  /** What a HEAD request told about a file. For LFS files the hub answers with a redirect whose
   *  X-Linked-Etag / X-Linked-Size describe the real content. */
  private record FileInfo(int status, String commit, String etag, long size) {}

  private FileInfo head(String id, String revision, String file) throws IOException, InterruptedException {
    HttpResponse<Void> response = http.send(request(url(id, revision, file), true)
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    int status = response.statusCode();
    if (status == 404) {
      return new FileInfo(404, null, null, -1);
    }
    if (status == 401 || status == 403) {
      throw new IOException("HTTP " + status + " for " + file + (settings.token() == null
          ? "; the model may be gated or private: set HF_TOKEN" : "; HF_TOKEN was refused"));
    }
    if (status >= 400) {
      throw new IOException("HTTP " + status + " for " + file);
    }
    var headers = response.headers();
    String etag = headers.firstValue("X-Linked-Etag").or(() -> headers.firstValue("ETag")).orElse(null);
    long size = headers.firstValue("X-Linked-Size").or(() -> status < 300
        ? headers.firstValue("Content-Length") : Optional.empty()).map(Long::parseLong).orElse(-1L);
    return new FileInfo(status, headers.firstValue("X-Repo-Commit").orElse(null), normaliseEtag(etag, id, file),
        size);
  }

  private static String normaliseEtag(String etag, String id, String file) {
    if (etag != null) {
      String cleaned = etag.replaceFirst("^W/", "").replace("\"", "").trim();
      if (cleaned.matches("[\\w.-]+")) {
        return cleaned;
      }
    }
    // No usable ETag: name the blob after the file so a partial download can still be resumed.
    return sha256(id + "/" + file);
  }

  private void fetch(String id, String revision, Path repo, Path snapshot, String file, FileInfo info)
      throws IOException, InterruptedException {
    Path blobs = repo.resolve("blobs");
    Files.createDirectories(blobs);
    Path blob = blobs.resolve(info.etag);
    // huggingface_hub and other JVMs may fill the same cache: hold the blob's lock file while
    // checking and downloading (threads of this JVM are already serialised per repository).
    // The lock lives where huggingface_hub keeps its own: <cache>/.locks/<repo folder>/<etag>.lock.
    Path locks = repo.getParent().resolve(".locks").resolve(repo.getFileName());
    Files.createDirectories(locks);
    try (java.nio.channels.FileChannel lockFile = java.nio.channels.FileChannel.open(
            locks.resolve(info.etag + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock = lockFile.lock()) {
      if (!Files.isRegularFile(blob) || (info.size >= 0 && Files.size(blob) != info.size)) {
        downloadBlob(url(id, revision, file), file, blobs.resolve(info.etag + ".incomplete"), blob, info.size);
      }
    }
    Path link = snapshot.resolve(file);
    Files.createDirectories(link.getParent());
    Files.deleteIfExists(link);
    try {
      Files.createSymbolicLink(link, link.getParent().relativize(blob));
    } catch (UnsupportedOperationException | IOException e) {
      Files.copy(blob, link); // file systems without symlinks; huggingface_hub does the same
    }
  }

  private void downloadBlob(URI url, String file, Path incomplete, Path blob, long expectedSize)
      throws IOException, InterruptedException {
    long offset = Files.isRegularFile(incomplete) ? Files.size(incomplete) : 0;
    if (expectedSize >= 0 && offset > expectedSize) {
      Files.delete(incomplete); // not a prefix of this file: start again
      offset = 0;
    }
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = null;
    if (expectedSize < 0 || offset < expectedSize) {
      HttpRequest.Builder builder = request(url, true).GET();
      if (offset > 0) {
        builder.header("Range", "bytes=" + offset + "-");
      }
      response = sendFollowingRedirects(builder.build(), url);
      int status = response.statusCode();
      if (status == 200) {
        offset = 0; // the server ignored the Range header and sends everything
      } else if (status == 416 && offset > 0) {
        discard(response.body());
        response = null; // already complete
      } else if (status != 206) {
        discard(response.body());
        throw new IOException("HTTP " + status + " downloading " + file);
      }
    }
    if (response != null) {
      long total = expectedSize >= 0 ? expectedSize
          : response.headers().firstValueAsLong("Content-Length").orElse(-1) + offset;
      BodyChunks chunks = new BodyChunks();
      response.body().subscribe(chunks);
      try (OutputStream out = Files.newOutputStream(incomplete, StandardOpenOption.CREATE,
          offset == 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND)) {
        long done = offset;
        progress.update(file, done, total);
        List<ByteBuffer> buffers;
        while ((buffers = chunks.next(stallTimeout)) != null) {
          for (ByteBuffer buffer : buffers) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            out.write(bytes);
            done += bytes.length;
          }
          progress.update(file, done, total);
        }
      } catch (IOException e) {
        chunks.cancel();
        throw new IOException("download of " + file + " broke off after " + Files.size(incomplete) + " of "
            + (expectedSize >= 0 ? expectedSize : "?") + " bytes; run again to resume (" + e.getMessage() + ")", e);
      }
    }
    long size = Files.size(incomplete);
    if (expectedSize >= 0 && size != expectedSize) {
      throw new IOException("download of " + file + " ended after " + size + " of " + expectedSize
          + " bytes; run again to resume");
    }
    progress.finished(file, size);
    Files.move(incomplete, blob, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Follows redirects by hand so the Range header survives them and the token is sent only to the
   * hub's own host, never to the storage host a large file redirects to.
   */
  private HttpResponse<Flow.Publisher<List<ByteBuffer>>> sendFollowingRedirects(HttpRequest first, URI original)
      throws IOException, InterruptedException {
    HttpRequest request = first;
    for (int hop = 0; hop < 10; hop++) {
      HttpResponse<Flow.Publisher<List<ByteBuffer>>> response =
          http.send(request, HttpResponse.BodyHandlers.ofPublisher());
      int status = response.statusCode();
      if (status < 300 || status >= 400 || response.headers().firstValue("Location").isEmpty()) {
        return response;
      }
      discard(response.body());
      URI next = request.uri().resolve(response.headers().firstValue("Location").get());
      boolean sameHost = next.getHost() != null && next.getHost().equalsIgnoreCase(original.getHost())
          && next.getPort() == original.getPort();
      HttpRequest.Builder builder = request(next, sameHost).GET();
      request.headers().firstValue("Range").ifPresent(range -> builder.header("Range", range));
      request = builder.build();
    }
    throw new IOException("too many redirects for " + original);
  }

  private static void discard(Flow.Publisher<List<ByteBuffer>> body) {
    body.subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.cancel();
      }

      @Override
      public void onNext(List<ByteBuffer> item) {}

      @Override
      public void onError(Throwable throwable) {}

      @Override
      public void onComplete() {}
    });
  }

  /**
   * Hands a response body to the downloading thread one chunk at a time with a timeout per chunk:
   * Java's HttpClient has no read timeout of its own, and a dead connection must not hang a
   * pipeline forever. Requesting the next chunk only after the previous one was taken keeps at
   * most one chunk in memory.
   */
  private static final class BodyChunks implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Object END = new Object();
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      queue.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
      queue.add(throwable);
    }

    @Override
    public void onComplete() {
      queue.add(END);
    }

    /** The next chunk, or null at the end of the body. */
    @SuppressWarnings("unchecked")
    List<ByteBuffer> next(Duration stallTimeout) throws IOException {
      Object item;
      try {
        item = queue.poll(stallTimeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      if (item == null) {
        throw new IOException("no data for " + stallTimeout.toMillis() / 1000.0 + " s");
      }
      if (item == END) {
        return null;
      }
      if (item instanceof Throwable) {
        throw new IOException(String.valueOf(((Throwable) item).getMessage()), (Throwable) item);
      }
      subscription.request(1);
      return (List<ByteBuffer>) item;
    }

    void cancel() {
      Flow.Subscription current = subscription;
      if (current != null) {
        current.cancel();
      }
    }
  }

  private HttpRequest.Builder request(URI url, boolean withToken) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5))
        .header("User-Agent", "lullabeam/0.1; java");
    if (withToken && settings.token() != null) {
      builder.header("Authorization", "Bearer " + settings.token());
    }
    return builder;
  }

  URI url(String id, String revision, String file) {
    return URI.create(settings.endpoint() + "/" + id + "/resolve/" + encode(revision) + "/" + file);
  }

  private static String encode(String revision) {
    return java.net.URLEncoder.encode(revision, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte b : digest) {
        hex.append(String.format(Locale.ROOT, "%02x", b));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
