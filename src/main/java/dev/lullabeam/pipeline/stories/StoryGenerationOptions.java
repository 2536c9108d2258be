package dev.lullabeam.pipeline.stories;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * How stories are written for rows that give a prompt and no story. These defaults are the only
 * ones: the {@code generate} and {@code bench-lm} commands take theirs from here as well.
 */
public interface StoryGenerationOptions extends PipelineOptions {

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
          + " a JVM share its model and its batches. 0 (default): the runner's parallelism, which"
          + " the launcher fills in before the pipeline is built.")
  @Default.Integer(0)
  int getStoryShards();

  void setStoryShards(int value);

  @Description("Template around each prompt (a file with {prompt} and optionally {title}).")
  @Default.String("prompts/bedtime-template.txt")
  String getPromptTemplate();

  void setPromptTemplate(String value);

  @Description("System message for catalogue rows with a brief, answered by an instruct model through its chat template (a text file).")
  @Default.String("prompts/brief-system.txt")
  String getBriefSystemPrompt();

  void setBriefSystemPrompt(String value);

  @Description("The user message around each brief (a file with {brief} and optionally {title}).")
  @Default.String("prompts/brief-template.txt")
  String getBriefTemplate();

  void setBriefTemplate(String value);

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
}
