package dev.lullabeam.values;

import dev.lullabeam.lib.audio.Loudness;
import dev.lullabeam.lib.audio.SentenceTiming;
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
import org.apache.beam.sdk.values.TypeDescriptor;

/** A {@link MixedEpisode} field by field, its MP3 as plain bytes. */
public final class MixedEpisodeCoder extends CustomCoder<MixedEpisode> {

  private static final MixedEpisodeCoder INSTANCE = new MixedEpisodeCoder();
  private static final EpisodePlanCoder PLAN = EpisodePlanCoder.of();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final NullableCoder<String> OPTIONAL_STRING = NullableCoder.of(STRING);
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final ListCoder<SentenceTiming> TIMINGS = ListCoder.of(SentenceTimingCoder.of());
  private static final DoubleCoder DOUBLE = DoubleCoder.of();
  private static final BooleanCoder BOOLEAN = BooleanCoder.of();

  private MixedEpisodeCoder() {}

  public static MixedEpisodeCoder of() {
    return INSTANCE;
  }

  /** Found through the {@code @DefaultCoder} on {@link MixedEpisode}. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(MixedEpisode.class), INSTANCE);
  }

  @Override
  public void encode(MixedEpisode episode, OutputStream out) throws IOException {
    PLAN.encode(episode.plan(), out);
    STRING.encode(episode.mp3File(), out);
    STRING.encode(episode.backgroundFile(), out);
    INT.encode(episode.sampleRate(), out);
    TIMINGS.encode(episode.sentences(), out);
    DOUBLE.encode(episode.durationSeconds(), out);
    DOUBLE.encode(episode.loudness().integratedLufs(), out);
    DOUBLE.encode(episode.loudness().truePeakDbtp(), out);
    DOUBLE.encode(episode.loudness().rangeLu(), out);
    DOUBLE.encode(episode.synthesisSeconds(), out);
    DOUBLE.encode(episode.assemblySeconds(), out);
    DOUBLE.encode(episode.mixSeconds(), out);
    OPTIONAL_STRING.encode(episode.loudnessWarning(), out);
    INT.encode(episode.sentencesSpoken(), out);
    INT.encode(episode.sentencesReused(), out);
    Loudness narration = episode.narrationLoudness();
    BOOLEAN.encode(narration != null, out);
    if (narration != null) {
      DOUBLE.encode(narration.integratedLufs(), out);
      DOUBLE.encode(narration.truePeakDbtp(), out);
      DOUBLE.encode(narration.rangeLu(), out);
    }
    DOUBLE.encode(episode.tailSeconds(), out);
  }

  @Override
  public MixedEpisode decode(InputStream in) throws IOException {
    return new MixedEpisode(
        PLAN.decode(in),
        STRING.decode(in),
        STRING.decode(in),
        INT.decode(in),
        TIMINGS.decode(in),
        DOUBLE.decode(in),
        new Loudness(DOUBLE.decode(in), DOUBLE.decode(in), DOUBLE.decode(in)),
        DOUBLE.decode(in),
        DOUBLE.decode(in),
        DOUBLE.decode(in),
        OPTIONAL_STRING.decode(in),
        INT.decode(in),
        INT.decode(in),
        BOOLEAN.decode(in)
            ? new Loudness(DOUBLE.decode(in), DOUBLE.decode(in), DOUBLE.decode(in))
            : null,
        DOUBLE.decode(in));
  }
}
