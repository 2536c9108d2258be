package dev.lullabeam.values;

import dev.lullabeam.lib.audio.SentenceTiming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** An {@link AssembledEpisode} field by field, its audio as raw PCM ({@link AudioClipCoder}). */
public final class AssembledEpisodeCoder extends CustomCoder<AssembledEpisode> {

  private static final AssembledEpisodeCoder INSTANCE = new AssembledEpisodeCoder();
  private static final EpisodePlanCoder PLAN = EpisodePlanCoder.of();
  private static final AudioClipCoder AUDIO = AudioClipCoder.of();
  private static final ListCoder<SentenceTiming> TIMINGS = ListCoder.of(SentenceTimingCoder.of());
  private static final DoubleCoder DOUBLE = DoubleCoder.of();

  private AssembledEpisodeCoder() {}

  public static AssembledEpisodeCoder of() {
    return INSTANCE;
  }

  /** Found through the {@code @DefaultCoder} on {@link AssembledEpisode}. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(AssembledEpisode.class), INSTANCE);
  }

  @Override
  public void encode(AssembledEpisode episode, OutputStream out) throws IOException {
    PLAN.encode(episode.plan(), out);
    AUDIO.encode(episode.narration(), out);
    TIMINGS.encode(episode.sentences(), out);
    DOUBLE.encode(episode.synthesisSeconds(), out);
    DOUBLE.encode(episode.assemblySeconds(), out);
  }

  @Override
  public AssembledEpisode decode(InputStream in) throws IOException {
    return new AssembledEpisode(
        PLAN.decode(in),
        AUDIO.decode(in),
        TIMINGS.decode(in),
        DOUBLE.decode(in),
        DOUBLE.decode(in));
  }
}
