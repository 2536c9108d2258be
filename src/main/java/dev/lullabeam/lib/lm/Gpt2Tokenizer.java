package dev.lullabeam.lib.lm;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * GPT-2 byte-level BPE on the Hugging Face tokenizers library. A model directory either carries a
 * {@code tokenizer.json} or the older {@code vocab.json} + {@code merges.txt}; for the latter a
 * tokenizer.json is assembled in memory, because DJL's vocab+merges constructor builds a plain BPE
 * without the byte-level pre-tokenizer and gives wrong ids. Any other tokenizer.json (Llama 3's and
 * Qwen2's byte-level BPE, SentencePiece-style BPE with byte fallback as in TinyLlama) is handed to the
 * Hugging Face tokenizers library as is, added special tokens included.
 */
public final class Gpt2Tokenizer implements AutoCloseable {
  public static final String END_OF_TEXT = "<|endoftext|>";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** No truncation (the default cuts at 512 tokens) and no special tokens added around the text. */
  private static final Map<String, String> OPTIONS =
      Map.of("truncation", "false", "addSpecialTokens", "false", "padding", "false");

  private final HuggingFaceTokenizer tokenizer;
  private final Integer endOfTextId;
  private final Map<String, Integer> addedTokens;

  private Gpt2Tokenizer(HuggingFaceTokenizer tokenizer, Integer endOfTextId) {
    this(tokenizer, endOfTextId, Map.of());
  }

  private Gpt2Tokenizer(HuggingFaceTokenizer tokenizer, Integer endOfTextId, Map<String, Integer> addedTokens) {
    this.tokenizer = tokenizer;
    this.endOfTextId = endOfTextId;
    this.addedTokens = Map.copyOf(addedTokens);
  }

  /** Loads {@code tokenizer.json} if the directory has one, else {@code vocab.json} + {@code merges.txt}. */
  public static Gpt2Tokenizer load(Path modelDir) {
    Path tokenizerJson = modelDir.resolve("tokenizer.json");
    try {
      if (Files.isRegularFile(tokenizerJson)) {
        JsonNode root = JSON.readTree(tokenizerJson.toFile());
        JsonNode vocab = root.path("model").path("vocab");
        Integer eos = vocab.has(END_OF_TEXT) ? vocab.get(END_OF_TEXT).asInt() : null;
        Map<String, Integer> addedTokens = new java.util.HashMap<>();
        for (JsonNode added : root.path("added_tokens")) {
          addedTokens.put(added.path("content").asText(), added.path("id").asInt());
          if (added.path("content").asText().equals(END_OF_TEXT)) {
            eos = added.path("id").asInt();
          }
        }
        return new Gpt2Tokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, OPTIONS), eos, addedTokens);
      }
      Path vocab = modelDir.resolve("vocab.json");
      Path merges = modelDir.resolve("merges.txt");
      for (Path required : new Path[] {vocab, merges}) {
        if (!Files.isRegularFile(required)) {
          throw new ModelFormatException(required + ": missing (a model needs tokenizer.json or "
              + "vocab.json + merges.txt)");
        }
      }
      try (InputStream vocabIn = Files.newInputStream(vocab);
          InputStream mergesIn = Files.newInputStream(merges)) {
        return fromVocabAndMerges(vocabIn, mergesIn, modelDir.toString());
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ModelFormatException) {
        throw (ModelFormatException) e;
      }
      throw new ModelFormatException(modelDir + ": cannot load the tokenizer (" + e.getMessage() + ")", e);
    }
  }

  /** The real GPT-2 vocabulary bundled with this project (see resources dev/lullabeam/lm/gpt2). */
  public static Gpt2Tokenizer bundledGpt2() {
    try (InputStream vocab = bundledResource("vocab.json");
        InputStream merges = bundledResource("merges.txt")) {
      return fromVocabAndMerges(vocab, merges, "bundled GPT-2 vocabulary");
    } catch (IOException e) {
      throw new ModelFormatException("bundled GPT-2 vocabulary: " + e.getMessage(), e);
    }
  }

  static InputStream bundledResource(String name) throws IOException {
    InputStream in = Gpt2Tokenizer.class.getResourceAsStream("gpt2/" + name);
    if (in == null) {
      throw new IOException("resource dev/lullabeam/lib/lm/gpt2/" + name + " is missing");
    }
    return in;
  }

  public static Gpt2Tokenizer fromVocabAndMerges(InputStream vocabJson, InputStream mergesTxt,
      String source) throws IOException {
    byte[] json = tokenizerJson(vocabJson, mergesTxt, source);
    JsonNode vocab = JSON.readTree(json).path("model").path("vocab");
    Integer eos = vocab.has(END_OF_TEXT) ? vocab.get(END_OF_TEXT).asInt() : null;
    return new Gpt2Tokenizer(
        HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), OPTIONS), eos);
  }

  /**
   * The Hugging Face tokenizer.json of a GPT-2 byte-level BPE given as vocab.json + merges.txt, with
   * {@code <|endoftext|>} as a special added token when the vocabulary has it (also written next to
   * checkpoints for other runtimes, such as the Jlama comparison).
   */
  public static byte[] tokenizerJson(InputStream vocabJson, InputStream mergesTxt, String source)
      throws IOException {
    JsonNode vocab = JSON.readTree(vocabJson);
    if (vocab == null || !vocab.isObject()) {
      throw new ModelFormatException(source + ": vocab.json is not a JSON object");
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    if (vocab.has(END_OF_TEXT)) {
      int eos = vocab.get(END_OF_TEXT).asInt();
      ObjectNode token = added.addObject();
      token.put("id", eos);
      token.put("content", END_OF_TEXT);
      token.put("single_word", false);
      token.put("lstrip", false);
      token.put("rstrip", false);
      token.put("normalized", true);
      token.put("special", true);
    }
    root.putNull("normalizer");
    root.set("pre_tokenizer", byteLevel(false, true));
    root.set("post_processor", byteLevel(true, false));
    root.set("decoder", byteLevel(true, true));
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    model.putNull("dropout");
    model.putNull("unk_token");
    model.put("continuing_subword_prefix", "");
    model.put("end_of_word_suffix", "");
    model.put("fuse_unk", false);
    model.put("byte_fallback", false);
    model.set("vocab", vocab);
    ArrayNode merges = model.putArray("merges");
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(mergesTxt, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("#version") || line.isBlank()) {
          continue;
        }
        merges.add(line);
      }
    }
    return JSON.writeValueAsBytes(root);
  }

  private static ObjectNode byteLevel(boolean addPrefixSpace, boolean trimOffsets) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "ByteLevel");
    node.put("add_prefix_space", addPrefixSpace);
    node.put("trim_offsets", trimOffsets);
    node.put("use_regex", true);
    return node;
  }

  public int[] encode(String text) {
    return encode(text, false);
  }

  /**
   * Encodes text; special tokens written in the text (e.g. {@code <|im_start|>} of a rendered chat
   * template) become their ids either way. {@code addSpecialTokens} runs tokenizer.json's post
   * processor, which for Llama checkpoints prepends the BOS token as transformers'
   * {@code tokenizer(text)} does.
   */
  public int[] encode(String text, boolean addSpecialTokens) {
    Encoding encoding = tokenizer.encode(text, addSpecialTokens, false);
    long[] ids = encoding.getIds();
    int[] result = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      result[i] = Math.toIntExact(ids[i]);
    }
    return result;
  }

  /** Decodes ids, keeping special tokens as text (callers drop end-of-text beforehand). */
  public String decode(int[] ids) {
    long[] longs = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      longs[i] = ids[i];
    }
    return tokenizer.decode(longs, false);
  }

  /** The id of an added (special) token of tokenizer.json, such as {@code <|im_end|>}, or null. */
  public Integer addedTokenId(String content) {
    return addedTokens.get(content);
  }

  /** The id of {@code <|endoftext|>}, or null when the vocabulary has none. */
  public Integer endOfTextId() {
    return endOfTextId;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
