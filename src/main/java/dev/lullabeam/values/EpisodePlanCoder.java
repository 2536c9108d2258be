package dev.lullabeam.values;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * An {@link EpisodePlan} field by field. Its request (a few strings, once per episode) keeps the
 * request's own coder.
 */
public final class EpisodePlanCoder extends CustomCoder<EpisodePlan> {

  private static final EpisodePlanCoder INSTANCE = new EpisodePlanCoder();
  private static final SerializableCoder<EpisodeRequest> REQUEST =
      SerializableCoder.of(EpisodeRequest.class);
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final DoubleCoder DOUBLE = DoubleCoder.of();

  private EpisodePlanCoder() {}

  public static EpisodePlanCoder of() {
    return INSTANCE;
  }

  /** Found through the {@code @DefaultCoder} on {@link EpisodePlan}. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(EpisodePlan.class), INSTANCE);
  }

  @Override
  public void encode(EpisodePlan plan, OutputStream out) throws IOException {
    REQUEST.encode(plan.request(), out);
    STRING.encode(plan.voice(), out);
    INT.encode(plan.sentenceCount(), out);
    DOUBLE.encode(plan.wordsPerMinute(), out);
  }

  @Override
  public EpisodePlan decode(InputStream in) throws IOException {
    return new EpisodePlan(
        REQUEST.decode(in), STRING.decode(in), INT.decode(in), DOUBLE.decode(in));
  }
}
