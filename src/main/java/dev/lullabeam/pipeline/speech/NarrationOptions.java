package dev.lullabeam.pipeline.speech;

import dev.lullabeam.lib.voices.VoiceSettings;
import dev.lullabeam.lib.voices.Voices;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Who narrates and how the text is cut for the voice. */
public interface NarrationOptions extends PipelineOptions {

  @Description("The narrator's voice, unless a catalogue row names another.")
  @Default.String(Voices.DEFAULT)
  String getVoice();

  void setVoice(String value);

  @Description("Sentences longer than this many characters are cut at clause boundaries.")
  @Default.Integer(200)
  int getMaxSentenceChars();

  void setMaxSentenceChars(int value);

  @Description(
      "Folder of the tacotron2-melgan voice: tacotron2/ and melgan/ SavedModels and mapper.json"
          + " (make-voice, or models/export-tensorflowtts.py).")
  @Default.String(VoiceSettings.DEFAULT_VOICE_DIR)
  String getVoiceDir();

  void setVoiceDir(String value);
}
