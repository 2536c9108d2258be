package dev.lullabeam.lib.voice.tacotron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TensorFlowTTS's {@code LJSpeechProcessor.text_to_sequence}: text → symbol ids for the LJSpeech
 * Tacotron2. Text is cleaned with {@link EnglishCleaners}; text in curly braces is ARPAbet
 * ({@code "{HH AH0 L OW1}"}), each symbol looked up with an {@code @} prefix; characters and
 * symbols that are not in the table are dropped; {@code eos} is appended.
 */
public final class LjSpeechProcessor {

  /**
   * {@code re.compile(r"(.*?)\{(.+?)\}(.*)")} used with {@code match}: anchored at the start, and
   * Python's {@code .} stops only at {@code \n} (hence UNIX_LINES) — so text after a line break
   * that follows braces is dropped, as in TensorFlowTTS.
   */
  private static final Pattern CURLY = Pattern.compile("(.*?)\\{(.+?)\\}(.*)", Pattern.UNIX_LINES);

  /** The file name of the mapper in a voice folder. */
  public static final String MAPPER_FILE = "mapper.json";

  private final Map<String, Integer> symbolToId;

  private LjSpeechProcessor(Map<String, Integer> symbolToId) {
    this.symbolToId = symbolToId;
  }

  /** The processor of TensorFlowTTS's pretrained LJSpeech models. */
  public static LjSpeechProcessor ljspeech() {
    return new LjSpeechProcessor(LjSpeechSymbols.symbolToId());
  }

  /**
   * Reads a TensorFlowTTS mapper ({@code {"symbol_to_id": {...}, "id_to_symbol": {...},
   * "speakers_map": {...}}}, as {@code BaseProcessor._save_mapper} writes it) and checks it is the
   * LJSpeech table this processor implements.
   *
   * @throws IOException when it cannot be read or is another table, with a one-line reason
   */
  public static LjSpeechProcessor fromMapper(Path file) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IOException("cannot read the mapper " + file + ": " + e.getMessage(), e);
    }
    JsonNode table = root == null ? null : root.get("symbol_to_id");
    if (table == null || !table.isObject()) {
      throw new IOException("the mapper " + file + " has no symbol_to_id object");
    }
    Map<String, Integer> expected = LjSpeechSymbols.symbolToId();
    if (table.size() != expected.size()) {
      throw new IOException(
          "the mapper " + file + " has " + table.size() + " symbols, not the "
              + expected.size() + " of TensorFlowTTS's LJSpeech processor");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Integer id = expected.get(e.getKey());
      if (id == null || !e.getValue().canConvertToInt() || e.getValue().intValue() != id) {
        throw new IOException(
            "the mapper " + file + " maps '" + e.getKey() + "' to " + e.getValue()
                + ", not to " + id + " as TensorFlowTTS's LJSpeech processor does");
      }
    }
    return ljspeech();
  }

  /** Writes this table as a TensorFlowTTS mapper. */
  public static void writeMapper(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    var root = json.createObjectNode();
    var s2i = root.putObject("symbol_to_id");
    var i2s = root.putObject("id_to_symbol");
    List<String> symbols = LjSpeechSymbols.SYMBOLS;
    for (int i = 0; i < symbols.size(); i++) {
      s2i.put(symbols.get(i), i);
    }
    for (int i = 0; i < symbols.size(); i++) {
      i2s.put(Integer.toString(i), symbols.get(i));
    }
    root.putObject("speakers_map").put("ljspeech", 0);
    root.put("processor_name", "LJSpeechProcessor");
    Files.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  /** The ids of {@code text}, ending with {@code eos}. */
  public int[] textToSequence(String text) {
    List<Integer> sequence = new ArrayList<>();
    while (!text.isEmpty()) {
      Matcher m = CURLY.matcher(text);
      if (!m.lookingAt()) {
        symbols(EnglishCleaners.clean(text), sequence);
        break;
      }
      symbols(EnglishCleaners.clean(m.group(1)), sequence);
      for (String s : m.group(2).strip().split("\\s+")) {
        if (!s.isEmpty()) {
          add("@" + s, sequence);
        }
      }
      text = m.group(3);
    }
    sequence.add(symbolToId.get(LjSpeechSymbols.EOS));
    return sequence.stream().mapToInt(Integer::intValue).toArray();
  }

  private void symbols(String cleaned, List<Integer> out) {
    cleaned.codePoints().forEach(cp -> add(new String(Character.toChars(cp)), out));
  }

  private void add(String symbol, List<Integer> out) {
    // _should_keep_symbol: in the table and not "_" or "~" (neither is in this table).
    Integer id = symbolToId.get(symbol);
    if (id != null && !symbol.equals("_") && !symbol.equals("~")) {
      out.add(id);
    }
  }
}
