package dev.lullabeam.values;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/** An {@link EpisodeOutcome.Cause} field by field; part of the outcome and failure coders. */
final class CauseCoder extends CustomCoder<EpisodeOutcome.Cause> {

  private static final CauseCoder INSTANCE = new CauseCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final NullableCoder<String> OPTIONAL_STRING = NullableCoder.of(STRING);
  private static final ListCoder<String> STRINGS = ListCoder.of(STRING);

  private CauseCoder() {}

  static CauseCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(EpisodeOutcome.Cause cause, OutputStream out) throws IOException {
    STRING.encode(cause.type(), out);
    OPTIONAL_STRING.encode(cause.message(), out);
    STRINGS.encode(cause.stack(), out);
  }

  @Override
  public EpisodeOutcome.Cause decode(InputStream in) throws IOException {
    return new EpisodeOutcome.Cause(
        STRING.decode(in), OPTIONAL_STRING.decode(in), STRINGS.decode(in));
  }
}
