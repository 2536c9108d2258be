package dev.lullabeam.lib.lm;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Gpt2TokenizerTest {
  private static final String SENTENCE = "Once upon a time, it was raining heavily.";
  private static final int[] SENTENCE_IDS = {7454, 2402, 257, 640, 11, 340, 373, 43079, 7272, 13};

  @Test
  void bundledGpt2VocabularyGivesTheGpt2Ids() {
    try (Gpt2Tokenizer tokenizer = Gpt2Tokenizer.bundledGpt2()) {
      assertThat(tokenizer.encode(SENTENCE), equalTo(SENTENCE_IDS));
      assertThat(tokenizer.decode(SENTENCE_IDS), equalTo(SENTENCE));
      assertThat(tokenizer.endOfTextId(), is(50256));
      // The special token is one id, not split into characters, and is kept when decoding.
      assertThat(tokenizer.encode("The end.<|endoftext|>"), equalTo(new int[] {464, 886, 13, 50256}));
      assertThat(tokenizer.decode(new int[] {464, 886, 13, 50256}), equalTo("The end.<|endoftext|>"));
      // Byte-level: any text round-trips, including characters outside the vocabulary's words.
      String unusual = "  Zoë's naïve café — 東京 🦊\n\tend";
      assertThat(tokenizer.decode(tokenizer.encode(unusual)), equalTo(unusual));
    }
  }

  @Test
  void modelDirectoryWithVocabAndMergesLoadsTheSameTokenizer(@TempDir Path dir) throws Exception {
    for (String name : new String[] {"vocab.json", "merges.txt"}) {
      try (InputStream in = Gpt2Tokenizer.bundledResource(name)) {
        Files.copy(in, dir.resolve(name));
      }
    }
    try (Gpt2Tokenizer tokenizer = Gpt2Tokenizer.load(dir)) {
      assertThat(tokenizer.encode(SENTENCE), equalTo(SENTENCE_IDS));
    }
  }

  @Test
  void longTextIsNotTruncated() {
    try (Gpt2Tokenizer tokenizer = Gpt2Tokenizer.bundledGpt2()) {
      String text = " and then".repeat(700);
      assertThat(tokenizer.encode(text).length, is(1400));
    }
  }
}
