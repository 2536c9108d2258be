package dev.lullabeam.pipeline.write;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Where the episodes and the report go, and under which season name. */
public interface OutputOptions extends PipelineOptions {

  @Description(
      "Folder for the episodes and the report (created if missing), or gs://bucket/prefix for a"
          + " Google Cloud Storage bucket.")
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

  @Description(
      "The Google Cloud Storage JSON API endpoint for a gs:// output, for an emulator or a private"
          + " endpoint (e.g. http://localhost:4443); default: Google's. Without Application"
          + " Default Credentials, requests to it go unauthenticated.")
  String getGcsEndpoint();

  void setGcsEndpoint(String value);
}
