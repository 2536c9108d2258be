package dev.lullabeam.app.season;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lullabeam.lib.ageband.AgeBand;
import dev.lullabeam.lib.audio.AmbienceBed;
import dev.lullabeam.lib.audio.AudioClip;
import dev.lullabeam.lib.audio.EpisodeMixer;
import dev.lullabeam.lib.audio.NarrationAssembler;
import dev.lullabeam.lib.backgrounds.Background;
import dev.lullabeam.lib.backgrounds.BackgroundCatalog;
import dev.lullabeam.lib.lexicon.Lexicon;
import dev.lullabeam.lib.lm.hub.ModelUnavailableException;
import dev.lullabeam.lib.models.SharedModels;
import dev.lullabeam.lib.pace.Pace;
import dev.lullabeam.lib.stories.GptNeoStoryModel;
import dev.lullabeam.lib.stories.StoryModel;
import dev.lullabeam.lib.text.TextDecoding;
import dev.lullabeam.lib.voice.Voice;
import dev.lullabeam.lib.voices.Voices;
import dev.lullabeam.pipeline.SeasonOptions;
import dev.lullabeam.pipeline.SeasonPipeline;
import dev.lullabeam.pipeline.stories.GenerateStories;
import dev.lullabeam.pipeline.catalogue.CatalogueParser;
import dev.lullabeam.pipeline.sentences.LexiconFile;
import dev.lullabeam.pipeline.stories.CheckAgeBand;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.EpisodeRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code season --plan [--json]}: what a season would do and about how long it would take, without
 * doing it. Reads the options, the catalogue, the backgrounds and the lexicon exactly as the
 * season does (a configuration error is the same one line and exit 2), writes nothing, and
 * estimates the wall time from a short calibration on this machine: a few sentences spoken by
 * the season's voice at its pace, and one short episode mixed and encoded.
 *
 * <p>The estimate: start-up (the calibration's voice load plus {@link #PIPELINE_START_SECONDS})
 * plus every episode's speaking and mixing time at the calibrated rates, divided over the worker
 * threads at {@link #THREAD_EFFICIENCY} each (two threads sharing one MaryTTS voice gave 1.4×).
 * Rows that need the language model add its load and their generation, timed on their own
 * prompts ({@link #estimateGeneration}).
 */
public final class SeasonPlan {

  /** Beam's pipeline construction and teardown on the DirectRunner, measured on the sample season. */
  static final double PIPELINE_START_SECONDS = 6.0;
  static final double THREAD_EFFICIENCY = 0.7;
  /** GPT-Neo's BPE writes English stories at about 1.3 tokens a word. */
  static final double TOKENS_PER_WORD = 1.3;

  static final List<String> CALIBRATION =
      List.of(
          "Once upon a time, a little fox lived at the edge of a quiet forest.",
          "Every evening she counted the stars, one by one, until her eyes grew heavy.",
          "Goodnight, little fox, sleep well.");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SeasonPlan() {}

  /** Whether these season arguments ask for a plan. */
  public static boolean wanted(List<String> args) {
    return args.contains("--plan");
  }

  public static int run(List<String> args, PrintWriter out, PrintWriter err) {
    boolean json = args.contains("--json");
    List<String> seasonArgs = new ArrayList<>(args);
    seasonArgs.removeIf(a -> a.equals("--plan") || a.equals("--json"));
    try {
      ObjectNode plan = plan(SeasonArguments.parse(seasonArgs, Path.of("")));
      if (json) {
        out.println(JSON.writeValueAsString(plan));
      } else {
        print(plan, out);
      }
      out.flush();
      return SeasonLauncher.SEASON_RAN;
    } catch (ConfigurationException e) {
      err.println("lullabeam season: " + TextDecoding.printable(e.getMessage()));
      err.flush();
      return SeasonLauncher.CONFIGURATION_ERROR;
    } catch (Exception e) {
      err.println("lullabeam season: the plan failed: " + e);
      err.flush();
      return SeasonLauncher.PIPELINE_FAILED;
    }
  }

  static ObjectNode plan(SeasonOptions options) throws Exception {
    SeasonRunner runner = SeasonRunner.of(options);
    runner.prepare(options);
    if (!Voices.isKnown(options.getVoice())) {
      throw new ConfigurationException(
          "unknown voice '" + options.getVoice() + "' (known: " + String.join(", ", Voices.known()) + ")");
    }
    NumericOptions.check(options, runner);
    Map<String, Background> backgrounds;
    try {
      backgrounds = BackgroundCatalog.read(Path.of(options.getBackgrounds()));
    } catch (IOException e) {
      throw new ConfigurationException(e.getMessage());
    }
    try {
      LexiconFile.read(options.getLexicon());
    } catch (Lexicon.LexiconException e) {
      throw new ConfigurationException(e.getMessage());
    }
    CatalogueParser.Result rows = readCatalogue(options.getCatalogue(), backgrounds);
    // The same demo fallback as the season (SeasonLauncher): when the model of the prompt rows
    // cannot be had, the season narrates the written stories instead, and so does the plan.
    // Without a fallback, a model that cannot be had stops the season before any work (exit 2),
    // and so it stops the plan.
    String fallback = options.getFallbackCatalogue();
    String fellBack = null;
    SeasonPipeline.StoryWriting writing = null;
    if (rows.episodes.stream().anyMatch(e -> e.story() == null)) {
      try {
        writing = StoryWritingSetup.prepare(options, runner);
      } catch (ModelUnavailableException e) {
        if (fallback == null || fallback.isEmpty()) {
          throw new ConfigurationException(e.getMessage());
        }
        fellBack = e.getMessage() + "; the season would narrate the written stories of " + fallback + " instead";
        options.setCatalogue(fallback);
        rows = readCatalogue(fallback, backgrounds);
      }
    }

    int threads =
        Math.min(runner.parallelism(options), Runtime.getRuntime().availableProcessors());
    Calibration calibration = calibrate(options, backgrounds);

    ObjectNode root = JSON.createObjectNode();
    root.put("catalogue", options.getCatalogue());
    if (fellBack != null) {
      root.put("fallback", fellBack);
    }
    root.put("voice", options.getVoice());
    root.put("words_per_minute", options.getWordsPerMinute());
    root.put("wind_down_minutes", options.getWindDownMinutes());
    root.put("threads", threads);
    ObjectNode cal = root.putObject("calibration");
    cal.put("voice_load_s", round(calibration.voiceLoadSeconds));
    cal.put("speech_rtf", round(calibration.speechRtf));
    cal.put("mix_rtf", round(calibration.mixRtf));
    cal.put("voice_memory_mb", calibration.voiceMemoryMb);
    ArrayNode episodes = root.putArray("episodes");
    double work = 0;
    double totalWords = 0;
    double totalAudio = 0;
    boolean generates = false;
    // Rows the age band refuses before generation, as the season would (CheckAgeBand).
    AgeBand band = options.getAgeBand() == null ? null : AgeBand.parse(options.getAgeBand());
    List<EpisodeOutcome> refusals = new ArrayList<>(rows.badRows);
    int planned = 0;
    List<EpisodeRequest> generatedRows = new ArrayList<>();
    List<ObjectNode> generatedNodes = new ArrayList<>();
    for (EpisodeRequest row : rows.episodes) {
      EpisodeRequest r = row.withSeasonPace(options.getWordsPerMinute(), options.getTargetMinutes());
      String unfit = band != null && r.story() == null ? CheckAgeBand.unfit(band, r) : null;
      if (unfit != null) {
        refusals.add(EpisodeOutcome.failed(r.id(), r.line(), unfit));
        continue;
      }
      planned++;
      double wpm = r.wordsPerMinute() != null ? r.wordsPerMinute() : calibration.naturalWpm;
      boolean written = r.story() != null;
      int words =
          written
              ? Pace.words(r.story())
              : r.targetMinutes() != null
                  ? Pace.targetWords(r.targetMinutes(), wpm)
                  : (int) Math.round(options.getMaxNewTokens() / TOKENS_PER_WORD);
      double narration = words * 60.0 / wpm;
      double file =
          EpisodeMixer.LEAD_IN_SECONDS
              + narration
              + EpisodeMixer.tailSeconds(options.getWindDownMinutes() * 60);
      double seconds = narration * calibration.speechRtf + file * calibration.mixRtf;
      work += seconds;
      totalWords += words;
      totalAudio += file;
      ObjectNode e = episodes.addObject();
      e.put("id", r.id());
      e.put("line", r.line());
      e.put("story", written ? "written" : "generated");
      e.put("words", words);
      e.put("narration_minutes", round(narration / 60));
      e.put("audio_minutes", round(file / 60));
      e.put("voice", r.voice() != null ? r.voice() : options.getVoice());
      if (!written) {
        generates = true;
        e.put("model", options.getModel());
        generatedRows.add(r);
        generatedNodes.add(e);
      }
      e.put("estimated_work_seconds", round(seconds));
    }
    double generationSeconds = 0;
    if (writing != null && !generatedRows.isEmpty()) {
      generationSeconds = estimateGeneration(writing, options, generatedRows, generatedNodes, root);
    }
    ArrayNode refused = root.putArray("refused");
    for (EpisodeOutcome bad : refusals) {
      ObjectNode b = refused.addObject();
      b.put("line", bad.line());
      b.put("id", bad.id());
      b.put("reason", bad.reason());
    }
    if (generates) {
      root.put("model", options.getModel());
      Long bytes =
          writing != null && writing.model() instanceof GptNeoStoryModel model
              ? modelBytes(model.modelDir())
              : modelBytes(options.getModel());
      if (bytes != null) {
        root.put("model_memory_mb", bytes / (1 << 20));
      } else {
        root.putNull("model_memory_mb");
      }
      root.put(
          "note",
          "generation is estimated for first attempts: each story the quality gate rejects costs"
              + " one more round of its batch (up to --maxAttempts)");
    }
    ObjectNode totals = root.putObject("totals");
    totals.put("episodes", planned);
    totals.put("refused", refusals.size());
    totals.put("words", (long) totalWords);
    totals.put("audio_minutes", round(totalAudio / 60));
    double wall =
        PIPELINE_START_SECONDS
            + calibration.voiceLoadSeconds
            + generationSeconds
            + work / (Math.max(1, threads) * (threads > 1 ? THREAD_EFFICIENCY : 1.0));
    root.put("estimated_wall_seconds", round(wall));
    return root;
  }

  /**
   * Times the language model on the season's own prompts (a warm-up and two short runs of one
   * batch, {@link GptNeoStoryModel#timeDecoding}) and estimates the generation of every generated
   * row: the season runs them in batches of {@code --batchSize}, each as long as its longest story
   * (expected tokens: the words to write at the tokens per word of the prompt, or the max new
   * tokens without a target), plus the model's load. Adds each row's budget and expected tokens.
   *
   * @return the estimated seconds of story generation, load included
   */
  private static double estimateGeneration(
      SeasonPipeline.StoryWriting writing,
      SeasonOptions options,
      List<EpisodeRequest> rows,
      List<ObjectNode> nodes,
      ObjectNode root)
      throws Exception {
    if (!(writing.model() instanceof GptNeoStoryModel model)) {
      return 0;
    }
    String briefTemplate =
        writing.briefTemplate() != null ? writing.briefTemplate() : GenerateStories.DEFAULT_BRIEF_TEMPLATE;
    List<StoryModel.Prompt> prompts = new ArrayList<>();
    for (EpisodeRequest r : rows) {
      int target = GenerateStories.targetWords(r);
      prompts.add(new StoryModel.Prompt(
          GenerateStories.promptFor(writing.template(), briefTemplate, r),
          GenerateStories.episodeSeed(r, options.getSeed()),
          GenerateStories.isBrief(r),
          GenerateStories.wordsToWrite(r, target)));
    }
    GptNeoStoryModel.DecodeTiming timing = model.timeDecoding(prompts);
    double seconds = timing.loadSeconds();
    int batchSize = Math.max(1, options.getBatchSize());
    for (int start = 0; start < rows.size(); start += batchSize) {
      int longest = 0;
      for (int i = start; i < Math.min(rows.size(), start + batchSize); i++) {
        longest = Math.max(longest, timing.expectedTokens().get(i));
      }
      seconds += timing.batchSeconds(longest);
    }
    for (int i = 0; i < rows.size(); i++) {
      nodes.get(i).put("token_budget", timing.budgets().get(i));
      nodes.get(i).put("expected_tokens", timing.expectedTokens().get(i));
      if (timing.problems().get(i) != null) {
        nodes.get(i).put("would_fail", "no story could be written: " + timing.problems().get(i));
      }
    }
    ObjectNode generation = root.putObject("generation");
    generation.put("model_load_s", round(timing.loadSeconds()));
    generation.put("calibration_batch", timing.batch());
    generation.put("batch_fixed_s", round(timing.fixedSeconds()));
    generation.put("step_s", round(timing.stepSeconds()));
    generation.put("estimated_seconds", round(seconds));
    return seconds;
  }

  private static CatalogueParser.Result readCatalogue(
      String catalogue, Map<String, Background> backgrounds) throws ConfigurationException {
    String text;
    try {
      text = TextDecoding.decode(Files.readAllBytes(Path.of(catalogue))).text();
    } catch (IOException | RuntimeException e) {
      throw new ConfigurationException("catalogue not found or unreadable: " + catalogue);
    } catch (TextDecoding.NotText e) {
      throw new ConfigurationException("catalogue " + catalogue + " cannot be read: " + e.getMessage());
    }
    try {
      return new CatalogueParser(backgrounds::containsKey, Voices::isKnown).parse(text);
    } catch (CatalogueParser.HeaderException e) {
      throw new ConfigurationException("catalogue " + catalogue + ": " + e.getMessage());
    }
  }

  private record Calibration(
      double voiceLoadSeconds, double speechRtf, double mixRtf, double naturalWpm, long voiceMemoryMb) {}

  /** Speaks {@link #CALIBRATION} at the season's pace and mixes it as one episode. */
  private static Calibration calibrate(SeasonOptions options, Map<String, Background> backgrounds)
      throws Exception {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    long start = System.nanoTime();
    try (SharedModels<String, Voice>.Lease lease = Voices.acquire(options.getVoice())) {
      Voice voice = lease.get();
      double load = (System.nanoTime() - start) / 1e9;
      System.gc();
      long memoryMb = Math.max(0, (rt.totalMemory() - rt.freeMemory() - before) >> 20);
      double speed = Pace.speed(options.getWordsPerMinute(), voice.naturalWordsPerMinute());
      // Spoken twice, timed the second time: a season speaks with a warmed-up JIT, and the first
      // pass alone made the estimate 60 % too long on the sample season.
      List<NarrationAssembler.Part> parts = speakCalibration(voice, speed);
      long speakStart = System.nanoTime();
      parts = speakCalibration(voice, speed);
      double speakSeconds = (System.nanoTime() - speakStart) / 1e9;
      NarrationAssembler.Narration narration =
          NarrationAssembler.assemble(parts, options.getWordsPerMinute());
      double narrationSeconds = narration.audio.seconds();
      Background background = backgrounds.values().iterator().next();
      Path work = Files.createTempDirectory("lullabeam-mix-plan-");
      double mixSeconds;
      double fileSeconds;
      try {
        // A season decodes each ambience once per JVM: its mixes start from the decoded bed.
        short[] ambience =
            AmbienceBed.decodeStereo(
                background.file, Files.readAllBytes(Path.of(background.file)),
                narration.audio.sampleRate());
        long mixStart = System.nanoTime();
        EpisodeMixer.Mixed mixed =
            EpisodeMixer.mix(narration.audio, ambience, background.gainDb, Map.of(), work);
        mixSeconds = (System.nanoTime() - mixStart) / 1e9;
        fileSeconds = mixed.durationSeconds();
      } finally {
        try (Stream<Path> files = Files.walk(work)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      int words = CALIBRATION.stream().mapToInt(Pace::words).sum();
      double naturalWpm = words * 60.0 / narrationSeconds;
      return new Calibration(
          load, speakSeconds / narrationSeconds, mixSeconds / fileSeconds, naturalWpm, memoryMb);
    }
  }

  private static List<NarrationAssembler.Part> speakCalibration(Voice voice, double speed)
      throws Exception {
    List<NarrationAssembler.Part> parts = new ArrayList<>();
    for (int i = 0; i < CALIBRATION.size(); i++) {
      String text = CALIBRATION.get(i);
      AudioClip clip =
          speed == 1.0 || !voice.controlsSpeed() ? voice.speak(text) : voice.speak(text, speed);
      parts.add(new NarrationAssembler.Part(i, text, false, clip));
    }
    return parts;
  }

  /** Weights on disk for a model folder; null for a hub id (its size is known once downloaded). */
  private static Long modelBytes(String model) {
    Path dir = Path.of(model);
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".safetensors"))
          .mapToLong(p -> p.toFile().length())
          .sum();
    } catch (IOException e) {
      return null;
    }
  }

  private static void print(ObjectNode plan, PrintWriter out) {
    if (plan.has("fallback")) {
      out.println("lullabeam: " + TextDecoding.printable(plan.path("fallback").asText()));
    }
    out.printf(
        Locale.ROOT,
        "lullabeam: plan for %s (voice %s, %s words per minute, %d threads); nothing is written%n",
        plan.path("catalogue").asText(), plan.path("voice").asText(),
        plan.path("words_per_minute").asText(), plan.path("threads").asInt());
    out.printf("%-24s %6s %9s %9s %-10s %s%n", "episode", "words", "narr min", "audio min", "story", "voice / model");
    for (var e : plan.path("episodes")) {
      out.printf(
          Locale.ROOT, "%-24s %6d %9.2f %9.2f %-10s %s%n",
          e.path("id").asText(), e.path("words").asInt(), e.path("narration_minutes").asDouble(),
          e.path("audio_minutes").asDouble(), e.path("story").asText(),
          e.path("voice").asText() + (e.has("model") ? " / " + e.path("model").asText() : ""));
    }
    for (var e : plan.path("episodes")) {
      if (e.has("would_fail")) {
        out.printf("would fail: line %d (%s): %s%n", e.path("line").asLong(), e.path("id").asText(),
            e.path("would_fail").asText());
      }
    }
    for (var b : plan.path("refused")) {
      out.printf("refused: line %d (%s): %s%n", b.path("line").asLong(), b.path("id").asText(), b.path("reason").asText());
    }
    var c = plan.path("calibration");
    out.printf(
        Locale.ROOT,
        "calibration: voice loaded in %.1f s (about %d MB of heap), speaks at %.3f s per second of"
            + " narration, mixes at %.3f s per second of audio%n",
        c.path("voice_load_s").asDouble(), c.path("voice_memory_mb").asLong(),
        c.path("speech_rtf").asDouble(), c.path("mix_rtf").asDouble());
    if (plan.has("generation")) {
      var g = plan.path("generation");
      out.printf(
          Locale.ROOT,
          "calibration: model loaded in %.1f s; a batch of %d decodes a token in %.3f s, plus %.2f s"
              + " a batch; story generation about %.0f s%n",
          g.path("model_load_s").asDouble(), g.path("calibration_batch").asInt(),
          g.path("step_s").asDouble(), g.path("batch_fixed_s").asDouble(),
          g.path("estimated_seconds").asDouble());
    }
    if (plan.has("model")) {
      out.printf(
          "model: %s, %s%n", plan.path("model").asText(),
          plan.path("model_memory_mb").isNull()
              ? "memory known once it is downloaded"
              : plan.path("model_memory_mb").asLong() + " MB of weights");
      out.println("note: " + plan.path("note").asText());
    }
    var t = plan.path("totals");
    out.printf(
        Locale.ROOT,
        "total: %d episodes (%d refused), %d words, %.1f minutes of audio; estimated wall time %.0f s%n",
        t.path("episodes").asInt(), t.path("refused").asInt(), t.path("words").asLong(),
        t.path("audio_minutes").asDouble(), plan.path("estimated_wall_seconds").asDouble());
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
