package dev.lullabeam.lib.quality;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NearDuplicateDetectorTest {
  private static final String LIGHTHOUSE = Stories.read("good/lighthouse-long.txt");
  private static final String RAIN = Stories.read("good/rain-refrain.txt");
  private final NearDuplicateDetector detector = new NearDuplicateDetector();

  /** A story and a second text; whether the second nearly copies the first. */
  static Stream<Arguments> pairs() {
    UnaryOperator<String> renamed = s -> s.replace("Biscuit", "Button");
    UnaryOperator<String> lightlyEdited =
        s ->
            s.replace("one hundred and twelve", "ninety-nine")
                .replace("patchwork", "woolly")
                .replace("orange and then purple", "pink and then blue")
                .replace("Don't worry, little one,", "Hush, little one,")
                .replace(" It has seen bigger storms than this, and it will see many more.", "");
    return Stream.of(
        Arguments.of("identical copy", LIGHTHOUSE, LIGHTHOUSE, true),
        Arguments.of("cat renamed throughout", LIGHTHOUSE, renamed.apply(LIGHTHOUSE), true),
        Arguments.of("lightly edited", LIGHTHOUSE, lightlyEdited.apply(LIGHTHOUSE), true),
        Arguments.of(
            "edited and renamed",
            LIGHTHOUSE,
            renamed.apply(lightlyEdited.apply(LIGHTHOUSE)),
            true),
        Arguments.of("refrain story re-spaced", RAIN, RAIN.replace("\n", "\n\n"), true),
        Arguments.of(
            "another lighthouse story",
            LIGHTHOUSE,
            Stories.read("season/lighthouse-other.txt"),
            false),
        Arguments.of("another rain story", RAIN, Stories.read("season/rain-other.txt"), false),
        Arguments.of("unrelated story", LIGHTHOUSE, Stories.read("good/moon-short.txt"), false),
        Arguments.of("empty stories", "", "", false));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("pairs")
  void detectsCopiesButNotStoriesOnTheSameTheme(
      String name, String first, String second, boolean nearCopy) {
    SortedMap<String, NearDuplicateDetector.Match<String>> copies =
        detector.findNearDuplicates(Map.of("ep-01", first, "ep-02", second));
    if (nearCopy) {
      assertThat(copies.keySet(), is(java.util.Set.of("ep-02")));
      assertThat(copies.get("ep-02").earlierId(), is("ep-01"));
      assertThat(copies.get("ep-02").similarity(), greaterThanOrEqualTo(detector.threshold()));
    } else {
      assertThat(copies, is(anEmptyMap()));
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("pairs")
  void minHashEstimatesTheExactJaccardSimilarity(
      String name, String first, String second, boolean nearCopy) {
    double exact = detector.exactSimilarity(first, second);
    double estimate =
        NearDuplicateDetector.estimatedSimilarity(
            detector.signature(first), detector.signature(second));
    // 128 hashes: standard error at most 0.044; allow about three of them.
    assertThat(estimate, closeTo(exact, 0.13));
    assertThat(exact, nearCopy ? greaterThanOrEqualTo(0.5) : lessThan(0.5));
  }

  @Test
  void pointsEachCopyAtTheMostSimilarEarlierStoryByIdOrder() {
    Map<String, String> season = new TreeMap<>();
    season.put("ep-03", LIGHTHOUSE.replace("Biscuit", "Button"));
    season.put("ep-01", Stories.read("season/lighthouse-other.txt"));
    season.put("ep-02", LIGHTHOUSE);
    season.put("ep-04", RAIN);
    season.put("ep-05", LIGHTHOUSE);

    SortedMap<String, NearDuplicateDetector.Match<String>> copies =
        detector.findNearDuplicates(season);

    assertThat(copies.keySet(), is(java.util.Set.of("ep-03", "ep-05")));
    assertThat(copies.get("ep-03").earlierId(), is("ep-02"));
    assertThat(copies.get("ep-05").earlierId(), is("ep-02"));
    assertThat(copies.get("ep-05").similarity(), is(1.0));
  }

  @Test
  void signaturesAreDeterministicAndSurviveSerialization()
      throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(detector);
    }
    NearDuplicateDetector shipped;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      shipped = (NearDuplicateDetector) in.readObject();
    }
    assertThat(shipped.signature(LIGHTHOUSE), is(new NearDuplicateDetector().signature(LIGHTHOUSE)));
    // Another seed gives other hash functions.
    NearDuplicateDetector other = new NearDuplicateDetector(5, 128, 0.5, 42L);
    assertThat(
        java.util.Arrays.equals(other.signature(LIGHTHOUSE), detector.signature(LIGHTHOUSE)),
        is(false));
  }

  @Test
  void shinglesAreLowerCaseFiveWordRunsWithoutPunctuation() {
    assertThat(
        detector.shingles("The owl, the OWL! Hoots softly at night."),
        is(
            java.util.Set.copyOf(
                List.of(
                    "the owl the owl hoots",
                    "owl the owl hoots softly",
                    "the owl hoots softly at",
                    "owl hoots softly at night"))));
    assertThat(detector.shingles("Goodnight, moon."), is(java.util.Set.of("goodnight moon")));
  }
}
