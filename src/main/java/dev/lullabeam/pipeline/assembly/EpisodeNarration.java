package dev.lullabeam.pipeline.assembly;

import dev.lullabeam.lib.audio.NarrationAssembler;
import dev.lullabeam.pipeline.speech.SpeechStore;
import dev.lullabeam.values.SpokenEpisode;
import dev.lullabeam.values.SpokenSentence;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An episode's narration: its sentences read back from the speech store and joined in story order
 * with natural pauses ({@link NarrationAssembler}). Called where the episode is mixed, so that an
 * episode's audio exists only inside that one call.
 */
public final class EpisodeNarration {

  private EpisodeNarration() {}

  /**
   * @throws IOException when a stored sentence cannot be read
   * @throws IllegalArgumentException when the sentences cannot be joined (e.g. mixed sample rates)
   */
  public static NarrationAssembler.Narration assemble(SpokenEpisode episode, SpeechStore store)
      throws IOException {
    List<NarrationAssembler.Part> parts = new ArrayList<>();
    for (SpokenSentence s : episode.sentences()) {
      parts.add(
          new NarrationAssembler.Part(
              s.index(), s.text(), s.paragraphEnd(), store.read(s.speech())));
    }
    return NarrationAssembler.assemble(parts, episode.plan().wordsPerMinute());
  }
}
