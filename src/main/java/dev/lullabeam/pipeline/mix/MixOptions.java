package dev.lullabeam.pipeline.mix;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** How an episode ends. */
public interface MixOptions extends PipelineOptions {

  /** Longest wind-down: two hours of ambience is more than any night needs. */
  double MAX_WIND_DOWN_MINUTES = 120;

  @Description(
      "Minutes of the topic's ambience alone after the story, fading to silence over their last"
          + " third, to carry a listener into sleep; 0 ends with the usual 8 s of ambience.")
  @Default.Double(0)
  double getWindDownMinutes();

  void setWindDownMinutes(double value);
}
