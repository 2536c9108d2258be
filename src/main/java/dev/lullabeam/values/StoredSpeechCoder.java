package dev.lullabeam.values;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** A {@link StoredSpeech} field by field: a few dozen bytes whatever the sentence's length. */
public final class StoredSpeechCoder extends CustomCoder<StoredSpeech> {

  private static final StoredSpeechCoder INSTANCE = new StoredSpeechCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarIntCoder INT = VarIntCoder.of();

  private StoredSpeechCoder() {}

  public static StoredSpeechCoder of() {
    return INSTANCE;
  }

  /** Found through the {@code @DefaultCoder} on {@link StoredSpeech}. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(StoredSpeech.class), INSTANCE);
  }

  @Override
  public void encode(StoredSpeech speech, OutputStream out) throws IOException {
    STRING.encode(speech.voice(), out);
    STRING.encode(speech.key(), out);
    INT.encode(speech.sampleRate(), out);
    INT.encode(speech.samples(), out);
  }

  @Override
  public StoredSpeech decode(InputStream in) throws IOException {
    return new StoredSpeech(STRING.decode(in), STRING.decode(in), INT.decode(in), INT.decode(in));
  }
}
