package dev.lullabeam.pipeline.write;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Where the episodes and the report go, and under which season name. */
public interface OutputOptions extends PipelineOptions {

  @Description("Folder for the episodes and the report (created if missing).")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description("Make every episode again, even those whose outputs are already complete.")
  @Default.Boolean(false)
  boolean isOverwrite();

  void setOverwrite(boolean value);

  @Description("The season's name: the album tag of every MP3 and the report's title.")
  @Default.String("lullabeam")
  String getSeason();

  void setSeason(String value);
}
