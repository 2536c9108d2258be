package dev.lullabeam.app;

import dev.lullabeam.lib.audio.AudioClip;
import dev.lullabeam.lib.audio.NarrationAssembler;
import dev.lullabeam.lib.lexicon.Lexicon;
import dev.lullabeam.pipeline.sentences.LexiconFile;
import dev.lullabeam.lib.voice.Voice;
import dev.lullabeam.lib.models.SharedModels;
import dev.lullabeam.lib.voices.VoiceSettings;
import dev.lullabeam.lib.voices.Voices;
import dev.lullabeam.lib.voice.tacotron.LjSpeechProcessor;
import dev.lullabeam.lib.voice.tacotron.TacotronVoice;
import dev.lullabeam.lib.text.StorySentence;
import dev.lullabeam.lib.text.StoryText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code speak}: one text through normalisation and a voice, to try voices. */
@Command(
    name = "speak",
    description = "Speak one text (normalised and split as in a season) into a WAV file.",
    defaultValueProvider = PipelineOptionDefaults.class)
public final class SpeakCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--text", required = true, description = "The text to speak.")
  String text;

  @Option(names = "--output", description = "The WAV file to write (not with --print-ids).")
  Path output;

  @Option(names = "--voice", description = "Voice (default: ${DEFAULT-VALUE}).")
  String voice;

  @Option(names = "--voiceDir", description = "Folder of the tacotron2-melgan voice (default: ${DEFAULT-VALUE}).")
  String voiceDir;

  @Option(names = "--device", description = "cpu, gpu or gpu:N for voices that run on TensorFlow (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--print-ids",
      description = "tacotron2-melgan only: print the text processor's ids as JSON and stop (loads no model).")
  boolean printIds;

  @Option(names = "--raw",
      description = "With --print-ids: give the text to the processor untouched, as TensorFlowTTS would,"
          + " instead of after lullabeam's normalisation (what a season sends).")
  boolean raw;
  @Option(
      names = "--lexicon",
      description = "Pronunciation lexicon CSV (word or phrase, how to say it, optional voice).")
  String lexiconFile;

  @Override
  public Integer call() throws Exception {
    var err = spec.commandLine().getErr();
    if (!Voices.isKnown(voice)) {
      err.println("lullabeam speak: unknown voice '" + voice + "' (known: " + String.join(", ", Voices.known()) + ")");
      return 2;
    }
    if (printIds) {
      return printIds(err);
    }
    if (output == null) {
      err.println("lullabeam speak: --output is required (unless --print-ids)");
      return 2;
    }
    VoiceSettings settings = new VoiceSettings(voiceDir, device);
    try {
      Voices.check(voice, settings);
    } catch (Exception e) {
      err.println("lullabeam speak: voice " + voice + ": " + e.getMessage());
      return 2;
    }
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      err.println("lullabeam speak: folder does not exist: " + parent);
      return 2;
    }
    Optional<String> unspeakable = StoryText.unspeakable(text, voice);
    if (unspeakable.isPresent()) {
      err.println("lullabeam speak: " + unspeakable.get());
      return 2;
    }
    Lexicon lexicon;
    try {
      lexicon = LexiconFile.read(lexiconFile);
    } catch (Lexicon.LexiconException e) {
      err.println("lullabeam speak: " + e.getMessage());
      return 2;
    }
    List<StorySentence> sentences = StoryText.sentences(text);
    if (sentences.isEmpty()) {
      err.println("lullabeam speak: the text has nothing that can be spoken");
      return 2;
    }
    List<NarrationAssembler.Part> parts = new ArrayList<>();
    try (SharedModels<String, Voice>.Lease lease = Voices.acquire(voice, settings)) {
      Voice narrator = lease.get();
      for (StorySentence sentence : sentences) {
        AudioClip clip = narrator.speak(lexicon.apply(sentence.spoken(), voice));
        parts.add(new NarrationAssembler.Part(sentence.index(), sentence.display(), sentence.paragraphEnd(), clip));
      }
    }
    AudioClip audio = NarrationAssembler.assemble(parts).audio;
    try {
      Files.write(output, audio.toWav());
    } catch (IOException e) {
      err.println("lullabeam speak: cannot write " + output + ": " + e.getMessage());
      return 2;
    }
    var out = spec.commandLine().getOut();
    for (StorySentence sentence : sentences) {
      out.println("  said: " + lexicon.apply(sentence.spoken(), voice));
    }
    out.printf("lullabeam: %d sentence(s), %.1f s at %d Hz -> %s%n",
        sentences.size(), audio.seconds(), audio.sampleRate(), output);
    return 0;
  }

  /**
   * The ids TensorFlowTTS's LJSpeech processor gives the text: one JSON object with the text as
   * given, the text the processor got ({@code --raw}: the same; otherwise each sentence as
   * lullabeam normalises it, joined by spaces) and {@code ids}.
   */
  private int printIds(java.io.PrintWriter err) throws IOException {
    if (!TacotronVoice.NAME.equals(voice)) {
      err.println("lullabeam speak: --print-ids is for voice " + TacotronVoice.NAME + ", not " + voice);
      return 2;
    }
    Lexicon lexicon;
    try {
      lexicon = LexiconFile.read(lexiconFile);
    } catch (Lexicon.LexiconException e) {
      err.println("lullabeam speak: " + e.getMessage());
      return 2;
    }
    // Without --raw: what a season sends, i.e. lullabeam's normalisation, then the lexicon.
    String processed =
        raw
            ? text
            : String.join(
                " ",
                StoryText.sentences(text).stream()
                    .map(sentence -> lexicon.apply(sentence.spoken(), voice))
                    .toList());
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var root = json.createObjectNode();
    root.put("voice", voice);
    root.put("text", text);
    root.put("raw", raw);
    root.put("processed", processed);
    var ids = root.putArray("ids");
    for (int id : LjSpeechProcessor.ljspeech().textToSequence(processed)) {
      ids.add(id);
    }
    spec.commandLine().getOut().println(json.writeValueAsString(root));
    return 0;
  }
}
