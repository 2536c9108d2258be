package dev.lullabeam.values;

import dev.lullabeam.lib.audio.SentenceTiming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** A {@link SentenceTiming} field by field; part of the episode coders. */
final class SentenceTimingCoder extends CustomCoder<SentenceTiming> {

  private static final SentenceTimingCoder INSTANCE = new SentenceTimingCoder();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();

  private SentenceTimingCoder() {}

  static SentenceTimingCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(SentenceTiming timing, OutputStream out) throws IOException {
    INT.encode(timing.index(), out);
    STRING.encode(timing.text(), out);
    LONG.encode(timing.startMs(), out);
    LONG.encode(timing.endMs(), out);
  }

  @Override
  public SentenceTiming decode(InputStream in) throws IOException {
    return new SentenceTiming(INT.decode(in), STRING.decode(in), LONG.decode(in), LONG.decode(in));
  }
}
