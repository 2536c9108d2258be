package dev.lullabeam.pipeline;

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

  // Story generation (rows with a prompt and no story).

  @Description(
      "Language model for rows that give a prompt and no story: a Hugging Face checkpoint folder"
          + " or a Hugging Face id (resolved from the Hugging Face cache, downloaded when missing).")
  @Default.String("EleutherAI/gpt-neo-125m")
  String getModel();

  void setModel(String value);

  @Description("Where the language model runs: cpu, gpu or gpu:N.")
  @Default.String("cpu")
  String getDevice();

  void setDevice(String value);

  @Description("Compute type of the language model: fp32 or fp16 (fp16 is for GPUs).")
  @Default.String("fp32")
  String getDtype();

  void setDtype(String value);

  @Description("Up to this many prompts are generated together in one batch.")
  @Default.Integer(8)
  int getBatchSize();

  void setBatchSize(int value);

  @Description("How long a batch waits for more prompts before it starts, in milliseconds.")
  @Default.Long(50)
  long getBatchLingerMillis();

  void setBatchLingerMillis(long value);

  @Description(
      "Prompts are split into this many groups, each written by one worker thread; all groups of"
          + " a JVM share its model and its batches. 0 (default): the runner's parallelism.")
  @Default.Integer(0)
  int getStoryShards();

  void setStoryShards(int value);

  @Description("Template around each prompt (a file with {prompt} and optionally {title}).")
  @Default.String("prompts/bedtime-template.txt")
  String getPromptTemplate();

  void setPromptTemplate(String value);

  @Description("Most new tokens per story (capped so that prompt and story fit the model).")
  @Default.Integer(400)
  int getMaxNewTokens();

  void setMaxNewTokens(int value);

  @Description("End-of-text is not allowed before this many new tokens.")
  @Default.Integer(80)
  int getMinNewTokens();

  void setMinNewTokens(int value);

  @Description("Sampling temperature (0: greedy).")
  @Default.Double(0.8)
  double getTemperature();

  void setTemperature(double value);

  @Description("Top-k sampling (0: off).")
  @Default.Integer(0)
  int getTopK();

  void setTopK(int value);

  @Description("Top-p (nucleus) sampling (1: off).")
  @Default.Double(0.92)
  double getTopP();

  void setTopP(double value);

  @Description("CTRL-style repetition penalty (1: off).")
  @Default.Double(1.2)
  double getRepetitionPenalty();

  void setRepetitionPenalty(double value);

  @Description("No n-gram of this size may repeat (0: off).")
  @Default.Integer(3)
  int getNoRepeatNgram();

  void setNoRepeatNgram(int value);

  @Description("Season seed: episodes without a seed column get one derived from it and their id.")
  @Default.Long(20261124L)
  long getSeed();

  void setSeed(long value);

  @Description("Stories the quality gate rejects are written again, up to this many attempts.")
  @Default.Integer(3)
  int getMaxAttempts();

  void setMaxAttempts(int value);

  @Description(
      "Demo use (pipelines/sample.properties): narrate this catalogue instead when the language"
          + " model is unavailable. Ignored when --catalogue is given on the command line.")
  String getFallbackCatalogue();

  void setFallbackCatalogue(String value);
}
