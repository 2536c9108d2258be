package dev.lullabeam.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Options of the {@code season} command. Any Beam pipeline option may be given as well. */
public interface SeasonOptions extends PipelineOptions {

  @Description("The season's catalogue: a CSV file with columns id, topic, prompt and/or story.")
  @Validation.Required
  String getCatalogue();

  void setCatalogue(String value);

  @Description("Folder for the episodes and the report (created if missing).")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description("Make every episode again, even those whose outputs are already complete.")
  @Default.Boolean(false)
  boolean isOverwrite();

  void setOverwrite(boolean value);

  @Description("The narrator's voice, unless a catalogue row names another.")
  @Default.String("cmu-slt-hsmm")
  String getVoice();

  void setVoice(String value);

  @Description("CSV mapping topics to ambience files (topic,file,gain_db).")
  @Default.String("backgrounds/backgrounds.csv")
  String getBackgrounds();

  void setBackgrounds(String value);

  @Description("The season's name: the album tag of every MP3 and the report's title.")
  @Default.String("lullabeam")
  String getSeason();

  void setSeason(String value);

  @Description("Sentences longer than this many characters are cut at clause boundaries.")
  @Default.Integer(200)
  int getMaxSentenceChars();

  void setMaxSentenceChars(int value);

  @Description("Print progress every this many seconds (0: never).")
  @Default.Integer(5)
  int getProgressSeconds();

  void setProgressSeconds(int value);
}
