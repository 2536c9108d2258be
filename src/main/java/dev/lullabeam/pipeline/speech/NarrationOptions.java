package dev.lullabeam.pipeline.speech;

import dev.lullabeam.lib.voices.VoiceSettings;
import dev.lullabeam.lib.pace.Pace;
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

  @Description(
      "Narration pace in words per minute, pauses included (60-240), unless a catalogue row gives"
          + " 'wpm'. Bedtime default: 125; 0 speaks at the voice's natural rate with fixed pauses.")
  @Default.Double(Pace.DEFAULT_WORDS_PER_MINUTE)
  double getWordsPerMinute();

  void setWordsPerMinute(double value);

  @Description(
      "Target length of each story in minutes of narration, unless a catalogue row gives"
          + " 'minutes': words = minutes x words per minute; a written story far off gets a warning;"
          + " for a generated story it sets the token budget (instead of --maxNewTokens) and the"
          + " quality gate's word bounds (target +/- 25 %). 0: no target.")
  @Default.Double(0)
  double getTargetMinutes();

  void setTargetMinutes(double value);

  @Description(
      "A pronunciation lexicon, CSV: word or phrase, how to say it, optional voice (see"
          + " docs/bedtime.md); applied to what the voice says, never to the transcript.")
  String getLexicon();

  void setLexicon(String value);

  @Description(
      "The listeners' age band: 3-5, 6-8 or 9-12 (default: none). Where --wordsPerMinute and"
          + " --targetMinutes are not given, sets them (3-5: 115 and 5; 6-8: 125 and 8; 9-12: 140 and"
          + " 12); for 3-5 the quality gate also rejects more frightening words and hard words, in"
          + " the stories and, before generation, in prompts and briefs (see docs/bedtime.md).")
  String getAgeBand();

  void setAgeBand(String value);
}
