package dev.lullabeam.lib.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decodes a text file that users save from spreadsheets and editors: UTF-8 with or without a byte
 * order mark, UTF-16 with one (or, without one, recognisably UTF-16 by its zero bytes), and —
 * since spreadsheet programs often save "CSV" as Windows-1252 — bytes that are not valid UTF-8,
 * which are read as Windows-1252 with a warning naming the first line that was not UTF-8, never
 * silently turned into U+FFFD.
 */
public final class TextDecoding {

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private TextDecoding() {}

  /** The text, the encoding it was read in, and a warning when that encoding was a guess. */
  public record Decoded(String text, String encoding, Optional<String> warning) {}

  /** Thrown for bytes that are no text at all (e.g. zero bytes without a UTF-16 pattern). */
  public static final class NotText extends Exception {
    public NotText(String message) {
      super(message);
    }
  }

  public static Decoded decode(byte[] bytes) throws NotText {
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return strict(bytes, 3, StandardCharsets.UTF_8, "UTF-8 (with BOM)");
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return strict(bytes, 2, StandardCharsets.UTF_16LE, "UTF-16LE (with BOM)");
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return strict(bytes, 2, StandardCharsets.UTF_16BE, "UTF-16BE (with BOM)");
    }
    Charset utf16 = utf16WithoutBom(bytes);
    if (utf16 != null) {
      return strict(bytes, 0, utf16, utf16.name() + " (no BOM)");
    }
    int zero = indexOf(bytes, (byte) 0);
    if (zero >= 0) {
      throw new NotText("it holds zero bytes (line " + lineOf(bytes, zero) + "): not a text file");
    }
    try {
      return new Decoded(decoder(StandardCharsets.UTF_8).decode(ByteBuffer.wrap(bytes)).toString(),
          "UTF-8", Optional.empty());
    } catch (CharacterCodingException e) {
      int bad = firstInvalidUtf8(bytes);
      String text = new String(bytes, WINDOWS_1252);
      return new Decoded(text, "windows-1252",
          Optional.of("not UTF-8 (line " + lineOf(bytes, bad) + " is the first that is not); read as"
              + " Windows-1252, as spreadsheet programs often save CSV — check accented letters, or"
              + " save the file as UTF-8"));
    }
  }

  /**
   * {@code text} with control characters shown as escapes ({@code \u0000}), so that a message
   * quoting user input never sends raw control bytes to a terminal.
   */
  public static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      if (Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.FORMAT) {
        out.append(String.format("\\u%04X", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }

  private static Decoded strict(byte[] bytes, int skip, Charset charset, String label) throws NotText {
    try {
      CharBuffer chars = decoder(charset).decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip));
      return new Decoded(chars.toString(), label, Optional.empty());
    } catch (CharacterCodingException e) {
      throw new NotText("it starts like " + label + " but is not valid " + charset.name());
    }
  }

  /** Mostly-ASCII UTF-16 has a zero in every other byte: even positions for BE, odd for LE. */
  private static Charset utf16WithoutBom(byte[] bytes) {
    int pairs = Math.min(bytes.length / 2, 4096);
    if (pairs < 2) {
      return null;
    }
    int zeroEven = 0;
    int zeroOdd = 0;
    for (int i = 0; i < pairs * 2; i += 2) {
      zeroEven += bytes[i] == 0 ? 1 : 0;
      zeroOdd += bytes[i + 1] == 0 ? 1 : 0;
    }
    if (zeroOdd > 0.8 * pairs && zeroEven < 0.05 * pairs) {
      return StandardCharsets.UTF_16LE;
    }
    if (zeroEven > 0.8 * pairs && zeroOdd < 0.05 * pairs) {
      return StandardCharsets.UTF_16BE;
    }
    return null;
  }

  private static CharsetDecoder decoder(Charset charset) {
    return charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  private static int firstInvalidUtf8(byte[] bytes) {
    CharsetDecoder decoder = decoder(StandardCharsets.UTF_8);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    return in.position();
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** 1-based line of a byte offset. */
  private static long lineOf(byte[] bytes, int offset) {
    long line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      line += bytes[i] == '\n' ? 1 : 0;
    }
    return line;
  }
}
