package dev.lullabeam.lib.text;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class StorySentenceTest {

  private static final StorySentence SENTENCE =
      new StorySentence(3, "It cost $3.50.", "It cost three dollars and fifty cents.", true);

  @Test
  void survivesJavaSerialization() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(SENTENCE);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject(), is(SENTENCE));
    }
  }

  @Test
  void equalityIsByValue() {
    StorySentence same = new StorySentence(3, "It cost $3.50.", "It cost three dollars and fifty cents.", true);

    assertThat(same, is(SENTENCE));
    assertThat(same.hashCode(), is(SENTENCE.hashCode()));
    assertThat(new StorySentence(3, "It cost $3.50.", "It cost three dollars and fifty cents.", false), is(not(SENTENCE)));
    assertThat(SENTENCE.toString(), containsString("spoken=It cost three dollars and fifty cents."));
  }

  @Test
  void rejectsNegativeIndexAndNulls() {
    assertThrows(IllegalArgumentException.class, () -> new StorySentence(-1, "a", "a", false));
    assertThrows(NullPointerException.class, () -> new StorySentence(0, null, "a", false));
    assertThrows(NullPointerException.class, () -> new StorySentence(0, "a", null, false));
  }
}
