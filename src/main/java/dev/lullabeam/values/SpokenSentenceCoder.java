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

/** A {@link SpokenSentence} field by field, its audio by reference ({@link StoredSpeechCoder}). */
public final class SpokenSentenceCoder extends CustomCoder<SpokenSentence> {

  private static final SpokenSentenceCoder INSTANCE = new SpokenSentenceCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final BooleanCoder BOOLEAN = BooleanCoder.of();
  private static final DoubleCoder DOUBLE = DoubleCoder.of();
  private static final StoredSpeechCoder SPEECH = StoredSpeechCoder.of();

  private SpokenSentenceCoder() {}

  public static SpokenSentenceCoder of() {
    return INSTANCE;
  }

  /** Found through the {@code @DefaultCoder} on {@link SpokenSentence}. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(SpokenSentence.class), INSTANCE);
  }

  @Override
  public void encode(SpokenSentence sentence, OutputStream out) throws IOException {
    STRING.encode(sentence.episodeId(), out);
    INT.encode(sentence.index(), out);
    STRING.encode(sentence.text(), out);
    BOOLEAN.encode(sentence.paragraphEnd(), out);
    SPEECH.encode(sentence.speech(), out);
    DOUBLE.encode(sentence.synthesisSeconds(), out);
    BOOLEAN.encode(sentence.reused(), out);
  }

  @Override
  public SpokenSentence decode(InputStream in) throws IOException {
    return new SpokenSentence(
        STRING.decode(in),
        INT.decode(in),
        STRING.decode(in),
        BOOLEAN.decode(in),
        SPEECH.decode(in),
        DOUBLE.decode(in),
        BOOLEAN.decode(in));
  }
}
