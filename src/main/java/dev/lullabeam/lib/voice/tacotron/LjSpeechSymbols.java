package dev.lullabeam.lib.voice.tacotron;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The 149 input symbols of TensorFlowTTS's LJSpeech models, in id order, as
 * {@code tensorflow_tts/processor/ljspeech.py} builds {@code LJSPEECH_SYMBOLS}: {@code pad} (0),
 * {@code -} (1), the punctuation and space {@code !'(),.:;? } (2–11), {@code A}–{@code Z}
 * (12–37), {@code a}–{@code z} (38–63), the 84 ARPAbet symbols prefixed with {@code @} (64–147)
 * and {@code eos} (148). The pretrained models' {@code processor.json} / mapper holds exactly this
 * table as {@code symbol_to_id}.
 */
public final class LjSpeechSymbols {

  public static final String PAD = "pad";
  public static final String EOS = "eos";

  /** ARPAbet symbols (CMUdict), in TensorFlowTTS's {@code valid_symbols} order. */
  static final List<String> ARPABET =
      List.of(
          "AA", "AA0", "AA1", "AA2", "AE", "AE0", "AE1", "AE2", "AH", "AH0", "AH1", "AH2", "AO",
          "AO0", "AO1", "AO2", "AW", "AW0", "AW1", "AW2", "AY", "AY0", "AY1", "AY2", "B", "CH", "D",
          "DH", "EH", "EH0", "EH1", "EH2", "ER", "ER0", "ER1", "ER2", "EY", "EY0", "EY1", "EY2", "F",
          "G", "HH", "IH", "IH0", "IH1", "IH2", "IY", "IY0", "IY1", "IY2", "JH", "K", "L", "M", "N",
          "NG", "OW", "OW0", "OW1", "OW2", "OY", "OY0", "OY1", "OY2", "P", "R", "S", "SH", "T", "TH",
          "UH", "UH0", "UH1", "UH2", "UW", "UW0", "UW1", "UW2", "V", "W", "Y", "Z", "ZH");

  /** Every symbol; its index is its id. */
  public static final List<String> SYMBOLS;

  private static final Map<String, Integer> IDS;

  static {
    List<String> symbols = new ArrayList<>();
    symbols.add(PAD);
    symbols.add("-");
    for (char c : "!'(),.:;? ".toCharArray()) {
      symbols.add(String.valueOf(c));
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      symbols.add(String.valueOf(c));
    }
    for (char c = 'a'; c <= 'z'; c++) {
      symbols.add(String.valueOf(c));
    }
    for (String s : ARPABET) {
      symbols.add("@" + s);
    }
    symbols.add(EOS);
    SYMBOLS = Collections.unmodifiableList(symbols);
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < symbols.size(); i++) {
      ids.put(symbols.get(i), i);
    }
    IDS = Collections.unmodifiableMap(ids);
  }

  private LjSpeechSymbols() {}

  /** symbol → id, as TensorFlowTTS's {@code symbol_to_id}. */
  public static Map<String, Integer> symbolToId() {
    return IDS;
  }

  public static int eosId() {
    return IDS.get(EOS);
  }
}
