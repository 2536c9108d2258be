package dev.lullabeam.lib.storage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.cloud.storage.BlobId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The storage contract on a bucket (google-cloud-nio's in-memory fake), and what is GCS's own. */
class GcsSeasonStorageTest extends SeasonStorageContract {

  private FakeGcs gcs;

  @BeforeEach
  void installFake() {
    gcs = FakeGcs.install();
  }

  @AfterEach
  void removeFake() throws Exception {
    gcs.close();
  }

  @Override
  protected SeasonStorage storage() {
    try {
      return GcsSeasonStorage.open(GcsLocation.parse("gs://lullabeam-test/seasons/autumn"), null, false);
    } catch (StorageUnavailableException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void objectsLiveUnderThePrefixWithoutAnyTemporaryObject() throws IOException {
    SeasonStorage storage = storage();
    storage.write("episodes/fox.mp3", new byte[] {1, 2, 3}, "audio/mpeg", WriteCondition.absent());
    assertThat(
        gcs.storage().get(BlobId.of("lullabeam-test", "seasons/autumn/episodes/fox.mp3")).getContentType(),
        is("audio/mpeg"));
    assertThat(storage.location("episodes/fox.mp3"), is("gs://lullabeam-test/seasons/autumn/episodes/fox.mp3"));
    assertThat(storage.list(""), is(java.util.List.of("episodes/fox.mp3")));
  }

  @Test
  void theVersionIsTheGeneration() throws IOException {
    SeasonStorage storage = storage();
    StoredObject written = storage.write("a.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json", WriteCondition.absent());
    long generation = gcs.storage().get(BlobId.of("lullabeam-test", "seasons/autumn/a.json")).getGeneration();
    assertThat(written.version(), is(Long.toString(generation)));
  }

  @Test
  void aPublicUrlIsTheBucketsHttpsAddressWithTheNameEscaped() {
    assertThat(
        storage().publicUrl("episodes/a fox.mp3"),
        is(Optional.of("https://storage.googleapis.com/lullabeam-test/seasons/autumn/episodes/a%20fox.mp3")));
  }

  @Test
  void aMissingBucketIsSaidInOneLine() {
    gcs.refuse(404, "The specified bucket does not exist.");
    StorageUnavailableException e =
        assertThrows(StorageUnavailableException.class, () -> storage().checkAccess("probe"));
    assertThat(e.getMessage(), is("bucket gs://lullabeam-test does not exist (The specified bucket does not exist.)"));
  }

  @Test
  void missingPermissionIsSaidInOneLine() {
    gcs.refuse(403, "robot@example.iam.gserviceaccount.com does not have storage.objects.create access");
    StorageUnavailableException e =
        assertThrows(StorageUnavailableException.class, () -> storage().checkAccess("probe"));
    assertThat(
        e.getMessage(),
        startsWith("no permission to create, read, list and delete objects in gs://lullabeam-test/seasons/autumn (robot@"));
  }

  @Test
  void aWriteThatFailsForAnotherReasonIsNotAPreconditionFailure() {
    gcs.refuse(503, "Service Unavailable");
    IOException e =
        assertThrows(IOException.class, () -> storage().write("a", new byte[0], "text/plain", WriteCondition.absent()));
    assertThat(e.getClass().getSimpleName(), is("IOException"));
  }
}
