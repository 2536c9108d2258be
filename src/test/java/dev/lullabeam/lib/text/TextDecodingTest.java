package dev.lullabeam.lib.text;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextDecodingTest {

  private static final String CSV = "id,topic,story\nfee,rain,Café crème für Zoë — déjà vu.\n";

  @Test
  void utf8WithAndWithoutBom() throws Exception {
    assertThat(TextDecoding.decode(CSV.getBytes(StandardCharsets.UTF_8)),
        is(new TextDecoding.Decoded(CSV, "UTF-8", Optional.empty())));
    byte[] bom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, CSV.getBytes(StandardCharsets.UTF_8));
    assertThat(TextDecoding.decode(bom).text(), is(CSV));
  }

  @Test
  void utf16WithBomEitherByteOrderAndWithoutBom() throws Exception {
    byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, CSV.getBytes(StandardCharsets.UTF_16LE));
    byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, CSV.getBytes(StandardCharsets.UTF_16BE));
    assertThat(TextDecoding.decode(le).text(), is(CSV));
    assertThat(TextDecoding.decode(be).text(), is(CSV));
    assertThat(TextDecoding.decode(CSV.getBytes(StandardCharsets.UTF_16LE)).text(), is(CSV));
  }

  @Test
  void windows1252FromASpreadsheetIsReadWithAWarningNamingTheLine() throws Exception {
    TextDecoding.Decoded decoded = TextDecoding.decode(CSV.getBytes(Charset.forName("windows-1252")));
    assertThat(decoded.text(), is(CSV)); // accents kept, not U+FFFD
    assertThat(decoded.encoding(), is("windows-1252"));
    assertThat(decoded.warning().orElseThrow(), containsString("line 2"));
  }

  @Test
  void zeroBytesThatAreNotUtf16AreNoText() {
    byte[] binary = {'i', 'd', 0, 0, 0, 7, 1, 2, 3, 0};
    TextDecoding.NotText e = assertThrows(TextDecoding.NotText.class, () -> TextDecoding.decode(binary));
    assertThat(e.getMessage(), containsString("zero bytes"));
  }

  @Test
  void messagesNeverCarryRawControlBytes() {
    assertThat(TextDecoding.printable("id\u0000,to\u001b[31mpic\u202E"), is("id\\u0000,to\\u001B[31mpic\\u202E"));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
