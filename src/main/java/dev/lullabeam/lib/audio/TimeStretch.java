package dev.lullabeam.lib.audio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Changes how fast a clip is spoken without changing its pitch, with ffmpeg's {@code atempo} (a
 * WSOLA time stretch): for voices that cannot change their own speaking rate. ffmpeg 4.4's atempo
 * takes factors from 0.5 to 100, so slower factors are chained.
 */
public final class TimeStretch {

  private TimeStretch() {}

  /** @param speed 0.8 makes the clip a quarter longer; 1 returns it unchanged */
  public static AudioClip stretch(AudioClip clip, double speed) throws IOException {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be positive, was " + speed);
    }
    if (speed == 1.0) {
      return clip;
    }
    String rate = Integer.toString(clip.sampleRate());
    Ffmpeg.Result result =
        Ffmpeg.run(
            List.of(
                "-f", "s16le", "-ar", rate, "-ac", "1", "-i", "pipe:0",
                "-af", filter(speed), "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1"),
            Pcm.toBytes(clip.samples()));
    return new AudioClip(clip.sampleRate(), Pcm.toShorts(result.stdout));
  }

  static String filter(double speed) {
    List<String> stages = new ArrayList<>();
    double left = speed;
    while (left < 0.5) {
      stages.add("atempo=0.5");
      left /= 0.5;
    }
    stages.add(String.format(Locale.ROOT, "atempo=%.4f", left));
    return String.join(",", stages);
  }
}
