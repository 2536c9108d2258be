package dev.lullabeam.values;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** An {@link EpisodeOutcome} field by field, its status by name. */
public final class EpisodeOutcomeCoder extends CustomCoder<EpisodeOutcome> {

  private static final EpisodeOutcomeCoder INSTANCE = new EpisodeOutcomeCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final NullableCoder<String> OPTIONAL_STRING = NullableCoder.of(STRING);
  private static final ListCoder<String> STRINGS = ListCoder.of(STRING);
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final DoubleCoder DOUBLE = DoubleCoder.of();
  private static final BooleanCoder BOOLEAN = BooleanCoder.of();
  private static final NullableCoder<Double> OPTIONAL_DOUBLE = NullableCoder.of(DOUBLE);
  private static final NullableCoder<EpisodeOutcome.Cause> OPTIONAL_CAUSE =
      NullableCoder.of(CauseCoder.of());

  private EpisodeOutcomeCoder() {}

  public static EpisodeOutcomeCoder of() {
    return INSTANCE;
  }

  /** Found through the {@code @DefaultCoder} on {@link EpisodeOutcome}. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(EpisodeOutcome.class), INSTANCE);
  }

  @Override
  public void encode(EpisodeOutcome outcome, OutputStream out) throws IOException {
    OPTIONAL_STRING.encode(outcome.id(), out);
    LONG.encode(outcome.line(), out);
    STRING.encode(outcome.status().name(), out);
    OPTIONAL_STRING.encode(outcome.reason(), out);
    INT.encode(outcome.sentences(), out);
    DOUBLE.encode(outcome.audioSeconds(), out);
    BOOLEAN.encode(outcome.reused(), out);
    INT.encode(outcome.storyAttempts(), out);
    OPTIONAL_CAUSE.encode(outcome.error(), out);
    STRINGS.encode(outcome.warnings(), out);
    INT.encode(outcome.sentencesSpoken(), out);
    INT.encode(outcome.sentencesReused(), out);
    OPTIONAL_DOUBLE.encode(outcome.targetMinutes(), out);
    OPTIONAL_DOUBLE.encode(outcome.achievedMinutes(), out);
  }

  @Override
  public EpisodeOutcome decode(InputStream in) throws IOException {
    String id = OPTIONAL_STRING.decode(in);
    long line = LONG.decode(in);
    EpisodeOutcome.Status status = EpisodeOutcome.Status.valueOf(STRING.decode(in));
    String reason = OPTIONAL_STRING.decode(in);
    int sentences = INT.decode(in);
    double audioSeconds = DOUBLE.decode(in);
    boolean reused = BOOLEAN.decode(in);
    int storyAttempts = INT.decode(in);
    EpisodeOutcome.Cause error = OPTIONAL_CAUSE.decode(in);
    return new EpisodeOutcome(
        id, line, status, reason, sentences, audioSeconds, reused, storyAttempts, error,
        STRINGS.decode(in), INT.decode(in), INT.decode(in), OPTIONAL_DOUBLE.decode(in),
        OPTIONAL_DOUBLE.decode(in));
  }
}
