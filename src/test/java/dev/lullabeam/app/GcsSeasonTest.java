package dev.lullabeam.app;

import static dev.lullabeam.app.SeasonCommandTest.lullabeam;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import dev.lullabeam.lib.storage.FakeGcs;
import dev.lullabeam.pipeline.write.OutputFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A season into {@code gs://} end to end on the DirectRunner, against google-cloud-nio's
 * in-memory fake of Google Cloud Storage (no GCS server runs offline): every output lands in the
 * bucket under the prefix, a rerun reads what is complete back from the bucket, and a bucket that
 * cannot be used stops the season before any work with one line and exit status 2.
 */
class GcsSeasonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "lullabeam-test";
  private static final String OUTPUT = "gs://" + BUCKET + "/seasons/autumn";

  @TempDir Path work;
  private FakeGcs gcs;
  private Path catalogue;

  @BeforeEach
  void fakeBucketAndCatalogue() throws IOException {
    gcs = FakeGcs.install();
    catalogue = work.resolve("season.csv");
    Files.writeString(
        catalogue,
        "id,topic,story\n"
            + "moon-boat,ocean,\"A little boat sailed under the moon.\"\n"
            + "owl,night-forest,\"The owl blinked twice.\"\n"
            + "bad id!,rain,\"Never narrated.\"\n");
  }

  @AfterEach
  void removeFake() throws Exception {
    gcs.close();
  }

  private String[] season(String output, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "season", "--catalogue=" + catalogue, "--output=" + output,
                "--backgrounds=backgrounds/backgrounds.csv", "--progressSeconds=0"));
    args.addAll(List.of(more));
    if (args.stream().noneMatch(a -> a.startsWith("--workDir="))) {
      args.add("--workDir=" + work.resolve("speech"));
    }
    return args.toArray(new String[0]);
  }

  private Storage bucket() {
    return gcs.storage();
  }

  private byte[] object(String name) {
    return bucket().readAllBytes(BlobId.of(BUCKET, "seasons/autumn/" + name));
  }

  /** Object name → generation, of everything in the bucket. */
  private Map<String, Long> generations() {
    Map<String, Long> generations = new TreeMap<>();
    for (Blob blob : bucket().list(BUCKET).iterateAll()) {
      generations.put(blob.getName(), blob.getGeneration());
    }
    return generations;
  }

  @Test
  void aSeasonLandsInTheBucketAndItsRerunsReadWhatIsCompleteFromThere() throws IOException {
    SeasonCommandTest.Run first = lullabeam(season(OUTPUT));
    assertThat(first.err, first.exit, is(0));
    assertThat(first.out, containsString("report: " + OUTPUT + "/report.json"));
    assertThat(
        generations().keySet().toString(),
        is("[seasons/autumn/cover.png, seasons/autumn/episodes/moon-boat.json,"
            + " seasons/autumn/episodes/moon-boat.mp3, seasons/autumn/episodes/moon-boat.vtt,"
            + " seasons/autumn/episodes/owl.json, seasons/autumn/episodes/owl.mp3,"
            + " seasons/autumn/episodes/owl.vtt, seasons/autumn/feed.xml, seasons/autumn/index.html,"
            + " seasons/autumn/report.json]"));
    // Published into the bucket too; without --publicUrl the URLs are the bucket's public ones.
    String feed = new String(object("feed.xml"), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(
        feed,
        containsString(
            "url=\"https://storage.googleapis.com/" + BUCKET + "/seasons/autumn/episodes/owl.mp3\""
                + " length=\"" + object("episodes/owl.mp3").length + "\""));
    assertThat(
        bucket().get(BlobId.of(BUCKET, "seasons/autumn/index.html")).getContentType(),
        containsString("text/html"));
    JsonNode report = JSON.readTree(object("report.json"));
    assertThat(report.path("totals").path("ok").asInt(), is(2));
    assertThat(report.path("totals").path("bad_row").asInt(), is(1));
    assertThat(report.path("output").asText(), is(OUTPUT));
    JsonNode owl = JSON.readTree(object("episodes/owl.json"));
    byte[] mp3 = object("episodes/owl.mp3");
    assertThat(owl.path("files").path("mp3").path("sha256").asText(), is(OutputFiles.sha256(mp3)));
    assertThat(new String(mp3, 0, 3, "ISO-8859-1"), is("ID3"));
    assertThat(
        bucket().get(BlobId.of(BUCKET, "seasons/autumn/episodes/owl.vtt")).getContentType(),
        is("text/vtt"));
    // Nothing went to a local folder named after the URI.
    assertThat(Files.exists(Path.of("gs:")), is(false));

    Map<String, Long> written = generations();
    SeasonCommandTest.Run rerun = lullabeam(season(OUTPUT));
    assertThat(rerun.err, rerun.exit, is(0));
    JsonNode again = JSON.readTree(object("report.json"));
    assertThat(again.path("totals").path("reused").asInt(), is(2));
    assertThat(again.path("totals").path("sentences_spoken").asInt(), is(0));
    // The episodes were read back from the bucket, not written again; only the report and what
    // publishing makes from it (feed, page, cover) were.
    Map<String, Long> rewritten = generations();
    for (String made : List.of("report.json", "feed.xml", "index.html", "cover.png")) {
      rewritten.remove("seasons/autumn/" + made);
      written.remove("seasons/autumn/" + made);
    }
    assertThat(rewritten, is(written));

    // An MP3 in the bucket that is not the one its JSON records: that episode is made again.
    bucket().createFrom(
        BlobInfo.newBuilder(BUCKET, "seasons/autumn/episodes/owl.mp3").build(),
        new ByteArrayInputStream(new byte[] {1, 2, 3}));
    SeasonCommandTest.Run third = lullabeam(season(OUTPUT));
    assertThat(third.err, third.exit, is(0));
    JsonNode last = JSON.readTree(object("report.json"));
    assertThat(last.path("totals").path("reused").asInt(), is(1));
    assertThat(last.path("totals").path("ok").asInt(), is(2));
    assertThat(
        JSON.readTree(object("episodes/owl.json")).path("files").path("mp3").path("sha256").asText(),
        is(OutputFiles.sha256(object("episodes/owl.mp3"))));
  }

  @Test
  void aMalformedUriStopsTheSeasonBeforeAnyWork() {
    SeasonCommandTest.Run run = lullabeam(season("gs://Not_A_Bucket/x"));
    assertThat(run.exit, is(2));
    assertThat(
        run.err,
        startsWith("lullabeam season: malformed gs:// URI gs://Not_A_Bucket/x: 'Not_A_Bucket' is not a valid bucket name"));
    assertThat(run.err.lines().count(), is(1L));
  }

  @Test
  void aWorkFolderInABucketIsRefusedBeforeAnyWork() {
    SeasonCommandTest.Run run = lullabeam(season(OUTPUT, "--workDir=gs://" + BUCKET + "/work"));
    assertThat(run.exit, is(2));
    assertThat(
        run.err,
        is("lullabeam season: --workDir gs://lullabeam-test/work: the speech store cannot be in a"
            + " bucket; give a local folder (on a cluster, one every worker shares)\n"));
    assertThat(generations(), is(Map.of()));
  }

  @Test
  void aMissingBucketStopsTheSeasonBeforeAnyWork() {
    gcs.refuse(404, "The specified bucket does not exist.");
    SeasonCommandTest.Run run = lullabeam(season(OUTPUT));
    assertThat(run.exit, is(2));
    assertThat(
        run.err,
        is("lullabeam season: bucket gs://lullabeam-test does not exist (The specified bucket does not exist.)\n"));
    assertThat(Files.exists(work.resolve("speech")), is(false));
  }

  @Test
  void missingPermissionStopsTheSeasonBeforeAnyWork() {
    gcs.refuse(403, "season-writer@example.iam.gserviceaccount.com does not have storage.objects.create access");
    SeasonCommandTest.Run run = lullabeam(season(OUTPUT));
    assertThat(run.exit, is(2));
    assertThat(
        run.err,
        startsWith("lullabeam season: no permission to create, read, list and delete objects in " + OUTPUT + " (season-writer@"));
    assertThat(run.err.lines().count(), is(1L));
  }

  /** The real HTTP client against an endpoint where nothing listens. */
  @Test
  void anUnreachableEndpointStopsTheSeasonBeforeAnyWork() throws Exception {
    gcs.close();
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + port;
    SeasonCommandTest.Run run = lullabeam(season(OUTPUT, "--gcsEndpoint=" + endpoint));
    assertThat(run.exit, is(2));
    assertThat(
        run.err,
        startsWith("lullabeam season: cannot reach Google Cloud Storage at " + endpoint + " for " + OUTPUT + " (java.net.ConnectException"));
    assertThat(run.err.lines().count(), is(1L));
    assertThat(generations(), is(Map.of()));
  }
}
