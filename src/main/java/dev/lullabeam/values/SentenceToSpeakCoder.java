package dev.lullabeam.values;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** A {@link SentenceToSpeak} field by field. */
public final class SentenceToSpeakCoder extends CustomCoder<SentenceToSpeak> {

  private static final SentenceToSpeakCoder INSTANCE = new SentenceToSpeakCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final BooleanCoder BOOLEAN = BooleanCoder.of();
  private static final DoubleCoder DOUBLE = DoubleCoder.of();

  private SentenceToSpeakCoder() {}

  public static SentenceToSpeakCoder of() {
    return INSTANCE;
  }

  /** Found through the {@code @DefaultCoder} on {@link SentenceToSpeak}. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(SentenceToSpeak.class), INSTANCE);
  }

  @Override
  public void encode(SentenceToSpeak sentence, OutputStream out) throws IOException {
    STRING.encode(sentence.episodeId(), out);
    INT.encode(sentence.index(), out);
    STRING.encode(sentence.display(), out);
    STRING.encode(sentence.spoken(), out);
    BOOLEAN.encode(sentence.paragraphEnd(), out);
    STRING.encode(sentence.voice(), out);
    DOUBLE.encode(sentence.wordsPerMinute(), out);
  }

  @Override
  public SentenceToSpeak decode(InputStream in) throws IOException {
    return new SentenceToSpeak(
        STRING.decode(in),
        INT.decode(in),
        STRING.decode(in),
        STRING.decode(in),
        BOOLEAN.decode(in),
        STRING.decode(in),
        DOUBLE.decode(in));
  }
}
