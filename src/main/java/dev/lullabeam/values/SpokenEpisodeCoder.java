package dev.lullabeam.values;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** A {@link SpokenEpisode}: its plan, then its sentences' references. */
public final class SpokenEpisodeCoder extends CustomCoder<SpokenEpisode> {

  private static final SpokenEpisodeCoder INSTANCE = new SpokenEpisodeCoder();
  private static final EpisodePlanCoder PLAN = EpisodePlanCoder.of();
  private static final ListCoder<SpokenSentence> SENTENCES = ListCoder.of(SpokenSentenceCoder.of());

  private SpokenEpisodeCoder() {}

  public static SpokenEpisodeCoder of() {
    return INSTANCE;
  }

  /** Found through the {@code @DefaultCoder} on {@link SpokenEpisode}. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(SpokenEpisode.class), INSTANCE);
  }

  @Override
  public void encode(SpokenEpisode episode, OutputStream out) throws IOException {
    PLAN.encode(episode.plan(), out);
    SENTENCES.encode(episode.sentences(), out);
  }

  @Override
  public SpokenEpisode decode(InputStream in) throws IOException {
    return new SpokenEpisode(PLAN.decode(in), SENTENCES.decode(in));
  }
}
