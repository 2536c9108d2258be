package dev.lullabeam.pipeline;

import dev.lullabeam.pipeline.mix.MixOptions;
import dev.lullabeam.pipeline.speech.NarrationOptions;
import dev.lullabeam.pipeline.speech.SpeechStoreOptions;
import dev.lullabeam.pipeline.stories.StoryGenerationOptions;
import dev.lullabeam.pipeline.write.OutputOptions;
import dev.lullabeam.pipeline.write.PublishOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/**
 * Options of a season: those of each stage (story generation, narration, speech store, output,
 * publishing) and the inputs.
 * Any Beam pipeline option may be given as well. Names are Beam's {@code --camelCase}; every
 * command that shares an option takes its name and default from these interfaces.
 */
public interface SeasonOptions
    extends StoryGenerationOptions, NarrationOptions, SpeechStoreOptions, OutputOptions,
        PublishOptions, MixOptions {

  @Description("The season's catalogue: a CSV file with columns id, topic, prompt and/or story.")
  @Validation.Required
  String getCatalogue();

  void setCatalogue(String value);

  @Description("CSV mapping topics to ambience files (topic,file,gain_db).")
  @Default.String("backgrounds/backgrounds.csv")
  String getBackgrounds();

  void setBackgrounds(String value);

  @Description("Print progress every this many seconds (0: never).")
  @Default.Integer(5)
  int getProgressSeconds();

  void setProgressSeconds(int value);

  @Description(
      "Demo use (pipelines/sample.properties): narrate this catalogue instead when the language"
          + " model is unavailable. Ignored when --catalogue is given on the command line.")
  String getFallbackCatalogue();

  void setFallbackCatalogue(String value);
}
