package dev.lullabeam.values;

import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * Why one sentence of an episode could not be spoken.
 *
 * @param reason which sentence, which voice, and what went wrong, for a person to read
 * @param error the exception behind it, when there was one
 */
@DefaultCoder(SpeechFailureCoder.class)
public record SpeechFailure(String reason, @Nullable EpisodeOutcome.Cause error) {}
