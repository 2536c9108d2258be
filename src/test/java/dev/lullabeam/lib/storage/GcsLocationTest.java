package dev.lullabeam.lib.storage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GcsLocationTest {

  @Test
  void aBucketAndAPrefix() {
    GcsLocation location = GcsLocation.parse("gs://my-bucket/podcasts/autumn/");
    assertThat(location, is(new GcsLocation("my-bucket", "podcasts/autumn")));
    assertThat(location.objectName("report.json"), is("podcasts/autumn/report.json"));
    assertThat(location.toString(), is("gs://my-bucket/podcasts/autumn"));
  }

  @Test
  void aBucketAlone() {
    GcsLocation location = GcsLocation.parse("gs://my.bucket_1");
    assertThat(location.objectName("report.json"), is("report.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gs://", "gs:///prefix", "gs://My-Bucket/x", "gs://ab", "gs://-bucket/x",
      "gs://bucket-/x", "gs://bu..cket", "gs://bucket//x", "gs://bucket/a/../b", "gs://buck et/x",
      "GS://bucket/x"})
  void malformedUrisAreRefusedSayingWhy(String uri) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GcsLocation.parse(uri));
    assertThat(e.getMessage(), containsString(uri.startsWith("GS") ? "not a gs://bucket/prefix URI" : "malformed gs:// URI " + uri));
  }
}
