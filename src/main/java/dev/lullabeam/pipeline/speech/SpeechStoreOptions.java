package dev.lullabeam.pipeline.speech;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where spoken sentences are kept between stages and runs ({@link SpeechStore}). */
public interface SpeechStoreOptions extends PipelineOptions {

  @Description(
      "Folder for work kept between runs, above all the spoken sentences (any Beam file system"
          + " path; shared by every worker). Default: .work inside --output.")
  String getWorkDir();

  void setWorkDir(String value);

  @Description(
      "Keep every stored sentence after a successful season; by default those no failed episode"
          + " needs are deleted.")
  @Default.Boolean(false)
  boolean isKeepWork();

  void setKeepWork(boolean value);

  @Description(
      "Reuse sentences the store already holds (from this run or an earlier one). false speaks"
          + " every sentence again, as bench-season does so that copies of a story cost what"
          + " different stories would; what is spoken is still stored.")
  @Default.Boolean(true)
  boolean isReuseSpeech();

  void setReuseSpeech(boolean value);
}
