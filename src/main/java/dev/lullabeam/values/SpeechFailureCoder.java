package dev.lullabeam.values;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** A {@link SpeechFailure} field by field. */
public final class SpeechFailureCoder extends CustomCoder<SpeechFailure> {

  private static final SpeechFailureCoder INSTANCE = new SpeechFailureCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final NullableCoder<EpisodeOutcome.Cause> OPTIONAL_CAUSE =
      NullableCoder.of(CauseCoder.of());

  private SpeechFailureCoder() {}

  public static SpeechFailureCoder of() {
    return INSTANCE;
  }

  /** Found through the {@code @DefaultCoder} on {@link SpeechFailure}. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(SpeechFailure.class), INSTANCE);
  }

  @Override
  public void encode(SpeechFailure failure, OutputStream out) throws IOException {
    STRING.encode(failure.reason(), out);
    OPTIONAL_CAUSE.encode(failure.error(), out);
  }

  @Override
  public SpeechFailure decode(InputStream in) throws IOException {
    return new SpeechFailure(STRING.decode(in), OPTIONAL_CAUSE.decode(in));
  }
}
