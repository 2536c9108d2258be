package dev.lullabeam.lib.backgrounds;

import dev.lullabeam.lib.audio.Ffmpeg;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The recipes behind the shipped ambience loops: synthetic noise shaped with ffmpeg filters, so
 * the project owns every sound it ships. {@code lullabeam make-backgrounds} renders them.
 */
public enum AmbienceRecipe {
  RAIN(
      "rain",
      "Steady rain: two independent pink-noise channels, band-limited.",
      -20.0,
      stereo(
          "anoisesrc=c=pink:seed=11:r=48000:a=0.5,highpass=f=300,lowpass=f=7000,"
              + "volume='0.85+0.15*sin(2*PI*t/7)':eval=frame",
          "anoisesrc=c=pink:seed=12:r=48000:a=0.5,highpass=f=300,lowpass=f=7000,"
              + "volume='0.85+0.15*sin(2*PI*t/5)':eval=frame")),
  THUNDERSTORM(
      "thunderstorm",
      "Heavy rain with distant thunder rolling in twice a loop.",
      -19.0,
      "anoisesrc=c=pink:seed=31:r=48000:a=0.45,highpass=f=250,lowpass=f=6000[rl];"
          + "anoisesrc=c=pink:seed=32:r=48000:a=0.45,highpass=f=250,lowpass=f=6000[rr];"
          + "anoisesrc=c=brown:seed=33:r=48000:a=1,lowpass=f=140,"
          + "volume='0.15+2.2*exp(-pow(t-9,2)/3)+1.6*exp(-pow(t-27,2)/5)':eval=frame,asplit[t1][t2];"
          + "[rl][t1]amix=inputs=2:normalize=0[l];[rr][t2]amix=inputs=2:normalize=0[r];"
          + "[l][r]join=inputs=2:channel_layout=stereo"),
  OCEAN(
      "ocean",
      "Waves on a beach: low noise swelling and ebbing every nine seconds.",
      -18.0,
      stereo(
          "anoisesrc=c=brown:seed=21:r=48000:a=0.8,lowpass=f=900,"
              + "volume='0.25+0.75*pow(sin(PI*t/10),2)':eval=frame",
          "anoisesrc=c=brown:seed=22:r=48000:a=0.8,lowpass=f=900,"
              + "volume='0.25+0.75*pow(sin(PI*(t+1.5)/10),2)':eval=frame")),
  NIGHT_FOREST(
      "night-forest",
      "A still night: a low hush of leaves and two crickets chirping at different rates.",
      -22.0,
      "anoisesrc=c=brown:seed=41:r=48000:a=0.3,lowpass=f=500[hl];"
          + "anoisesrc=c=brown:seed=42:r=48000:a=0.3,lowpass=f=500[hr];"
          + "aevalsrc='0.05*sin(2*PI*4400*t)*gt(sin(2*PI*21*t),0.3)*gt(sin(2*PI*t/2.5),0)"
          + "|0.04*sin(2*PI*4750*t)*gt(sin(2*PI*17*t),0.3)*gt(sin(2*PI*t/3.3+1),0)':s=48000,"
          + "channelsplit=channel_layout=stereo[cl][cr];"
          + "[hl][cl]amix=inputs=2:normalize=0[l];[hr][cr]amix=inputs=2:normalize=0[r];"
          + "[l][r]join=inputs=2:channel_layout=stereo"),
  WIND(
      "wind",
      "Wind in gusts: band-passed noise whose strength and pitch drift slowly.",
      -20.0,
      stereo(
          "anoisesrc=c=pink:seed=51:r=48000:a=0.7,bandpass=f=450:width_type=o:w=1.6,"
              + "volume='0.3+0.7*pow(sin(PI*t/11),2)*(0.75+0.25*sin(PI*t/3.7))':eval=frame",
          "anoisesrc=c=pink:seed=52:r=48000:a=0.7,bandpass=f=520:width_type=o:w=1.6,"
              + "volume='0.3+0.7*pow(sin(PI*(t+2)/11),2)*(0.75+0.25*sin(PI*t/4.1))':eval=frame")),
  FIREPLACE(
      "fireplace",
      "A wood fire: a soft low roar with random crackles.",
      -20.0,
      "anoisesrc=c=brown:seed=61:r=48000:a=0.5,lowpass=f=350[fl];"
          + "anoisesrc=c=brown:seed=62:r=48000:a=0.5,lowpass=f=350[fr];"
          + "aevalsrc='0.8*gt(random(0),0.9994)*(2*random(1)-1)"
          + "|0.8*gt(random(2),0.9994)*(2*random(3)-1)':s=48000,"
          + "highpass=f=1200,lowpass=f=7000,channelsplit=channel_layout=stereo[kl][kr];"
          + "[fl][kl]amix=inputs=2:normalize=0[l];[fr][kr]amix=inputs=2:normalize=0[r];"
          + "[l][r]join=inputs=2:channel_layout=stereo");

  /** Length of each rendered loop; the mixer crossfades it with itself to cover any episode. */
  public static final int SECONDS = 40;

  /** Keeps thunder claps and crackles under full scale (−3 dBFS), without touching the level. */
  static final String PEAK_LIMITER = ",alimiter=limit=0.7:level=0";

  public final String topic;
  public final String description;
  public final double gainDb;
  public final String filterGraph;

  AmbienceRecipe(String topic, String description, double gainDb, String filterGraph) {
    this.topic = topic;
    this.description = description;
    this.gainDb = gainDb;
    this.filterGraph = filterGraph;
  }

  private static String stereo(String left, String right) {
    return left + "[l];" + right + "[r];[l][r]join=inputs=2:channel_layout=stereo";
  }

  public String fileName() {
    return topic + ".ogg";
  }

  /** Renders this recipe to an Ogg Vorbis file (48 kHz stereo, well under 1 MB). */
  public void render(Path file) throws IOException {
    Ffmpeg.run(
        List.of(
            "-filter_complex", filterGraph + PEAK_LIMITER, "-t", Integer.toString(SECONDS),
            "-ar", "48000", "-ac", "2", "-c:a", "libvorbis", "-q:a", "2",
            "-metadata", "title=lullabeam ambience: " + topic,
            "-y", file.toString()));
  }
}
