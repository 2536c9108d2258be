package dev.lullabeam.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.app.season.ConfigurationException;
import dev.lullabeam.app.season.SeasonLauncher;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.joda.time.Duration;
import dev.lullabeam.pipeline.catalogue.CatalogueParser;
import dev.lullabeam.values.EpisodeRequest;
import dev.lullabeam.lib.voice.Voice;
import dev.lullabeam.lib.audio.EpisodeMixer;
import dev.lullabeam.lib.audio.MixCosts;
import dev.lullabeam.lib.models.SharedModels;
import dev.lullabeam.lib.voices.Voices;
import dev.lullabeam.lib.text.StorySentence;
import dev.lullabeam.lib.pace.Pace;
import dev.lullabeam.lib.text.StoryText;
import dev.lullabeam.pipeline.sentences.SplitSentences;
import dev.lullabeam.pipeline.speech.Synthesize;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench-season}: how much the pipeline costs on top of the voice. First the ceiling — every
 * sentence of the catalogue spoken by the shared voice on a plain thread pool, nothing else —
 * then the same stories as a season on the DirectRunner, in the same JVM, and the two compared.
 */
@Command(
    name = "bench-season",
    description = "Measure a season's real-time factor against the voice alone (the ceiling).",
    defaultValueProvider = PipelineOptionDefaults.class)
public final class SeasonBenchmark implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--catalogue", defaultValue = "prompts/written-stories.csv",
      description = "Stories to narrate (default: ${DEFAULT-VALUE}).")
  Path catalogue;

  @Option(names = "--copies", defaultValue = "3",
      description = "Each row is narrated this many times, under different ids (default: ${DEFAULT-VALUE}).")
  int copies;

  @Option(names = "--threads", description = "Threads for the voice-only ceiling (default: cores).")
  Integer threads;

  @Option(names = "--backgrounds", description = "Topic → ambience mapping (default: ${DEFAULT-VALUE}).")
  String backgrounds;

  @Override
  public Integer call() throws Exception {
    // Held for the whole benchmark: the season below runs in this JVM and finds the voice loaded.
    try (SharedModels<String, Voice>.Lease voice = Voices.acquire(Voices.DEFAULT)) {
      return benchmark(voice);
    }
  }

  private int benchmark(SharedModels<String, Voice>.Lease voiceLease) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int cores = Runtime.getRuntime().availableProcessors();
    int poolSize = threads != null ? threads : cores;
    Path work = Files.createTempDirectory("lullabeam-bench-");
    Path replicated = work.resolve("catalogue.csv");
    List<EpisodeRequest> episodes = replicate(replicated);
    List<String> sentences = new ArrayList<>();
    List<Double> paces = new ArrayList<>();
    // The season is checked and built first, so that a configuration error stops before any work;
    // it runs (on the DirectRunner, voice already loaded) after the ceiling.
    Path output = work.resolve("out");
    SeasonLauncher launcher = new SeasonLauncher("bench-season", out, spec.commandLine().getErr());
    SeasonLauncher.PreparedSeason season;
    try {
      season =
          launcher.prepare(
              launcher.parse(
                  List.of(
                      "--catalogue=" + replicated, "--output=" + output,
                      "--backgrounds=" + backgrounds, "--season=bench",
                      // Copies of a story would reuse each other's sentences from the speech
                      // store: speak every one, as the ceiling does and different stories would.
                      "--reuseSpeech=false")));
    } catch (ConfigurationException e) {
      return launcher.configurationError(e);
    }
    // The ceiling speaks what the season will speak: every sentence as the season splits it, at
    // the pace the season gives it (the default 125 words a minute slows MaryTTS through its
    // prosody rate, which costs more synthesis per sentence; the last paragraph slower still).
    double seasonPace = season.options().getWordsPerMinute();
    for (EpisodeRequest episode : episodes) {
      List<StorySentence> split = StoryText.sentences(episode.story(), season.options().getMaxSentenceChars());
      int lastParagraph = SplitSentences.lastParagraphStart(split);
      double pace = episode.wordsPerMinute() != null ? episode.wordsPerMinute() : seasonPace;
      for (StorySentence s : split) {
        sentences.add(s.spoken());
        paces.add(SplitSentences.sentencePace(s, lastParagraph, pace));
      }
    }
    out.printf("bench-season: %d episodes, %d sentences, %d cores, load average at start: %s%n",
        episodes.size(), sentences.size(), cores, loadAverage());

    long loadStart = System.nanoTime();
    Voice voice = voiceLease.get();
    double loadSeconds = seconds(loadStart);
    for (int i = 0; i < Math.min(4, sentences.size()); i++) {
      Synthesize.speakAt(voice, sentences.get(i), Pace.speed(paces.get(i), voice.naturalWordsPerMinute()));
    }

    // Ceiling: the voice alone, all sentences, a plain thread pool.
    ExecutorService pool = Executors.newFixedThreadPool(poolSize);
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    List<Future<Double>> clips = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      String sentence = sentences.get(i);
      double speed = Pace.speed(paces.get(i), voice.naturalWordsPerMinute());
      clips.add(pool.submit(() -> Synthesize.speakAt(voice, sentence, speed).seconds()));
    }
    double speech = 0;
    for (Future<Double> clip : clips) {
      speech += clip.get();
    }
    double voiceWall = seconds(t0);
    double voiceCores = (processCpuNanos() - cpu0) / 1e9 / voiceWall;
    pool.shutdown();

    // The season: same stories, whole pipeline, same JVM. The sentence counter tells when
    // speaking ended; what follows is assembly, mixing and writing.
    MixCosts.Snapshot mixBefore = EpisodeMixer.COSTS.snapshot();
    long cpu1 = processCpuNanos();
    long t1 = System.nanoTime();
    PipelineResult result = launcher.start(season);
    double speakingEnded = Double.NaN;
    PipelineResult.State state;
    do {
      state = result.waitUntilFinish(Duration.millis(200));
      if (Double.isNaN(speakingEnded) && spokenSentences(result) >= sentences.size()) {
        speakingEnded = seconds(t1);
      }
    } while (state == null || !state.isTerminal());
    double seasonWall = seconds(t1);
    double seasonCores = (processCpuNanos() - cpu1) / 1e9 / seasonWall;
    MixCosts.Snapshot mix = EpisodeMixer.COSTS.snapshot().minus(mixBefore);
    if (state != PipelineResult.State.DONE) {
      spec.commandLine().getErr().println("bench-season: the season ended in state " + state);
      return 1;
    }
    JsonNode report = new ObjectMapper().readTree(output.resolve("report.json").toFile());
    double episodeSeconds = report.path("totals").path("audio_seconds").asDouble();
    int ok = report.path("totals").path("ok").asInt();
    double mixSeconds = 0;
    double synthesisSeconds = 0;
    for (EpisodeRequest episode : episodes) {
      JsonNode json = new ObjectMapper().readTree(output.resolve("episodes/" + episode.id() + ".json").toFile());
      mixSeconds += json.path("timings_s").path("mix").asDouble();
      synthesisSeconds += json.path("timings_s").path("synthesis").asDouble();
    }

    out.printf("voice load (once per JVM)              %8.2f s%n", loadSeconds);
    out.printf("CEILING voice alone, %d threads         %8.2f s wall for %.1f s of speech (sentences at the season's pace, no pauses): RTF %.4f, %.2f cores busy%n",
        poolSize, voiceWall, speech, voiceWall / speech, voiceCores);
    out.printf("SEASON  DirectRunner                   %8.2f s wall for %.1f s of episodes (%.1f s narration with its pauses + 15 s each): RTF %.4f, %.2f cores busy%n",
        seasonWall, episodeSeconds, episodeSeconds - 15.0 * ok, seasonWall / episodeSeconds, seasonCores);
    out.printf("pipeline cost over the voice alone     %+8.1f %% (target <= +15 %%)%n", 100 * (seasonWall / voiceWall - 1));
    out.printf("voice share of season wall time        %8.1f %%%n", 100 * voiceWall / seasonWall);
    out.printf("season phases                          start to last sentence spoken %.1f s, then assembly + mix + write %.1f s%n",
        speakingEnded, seasonWall - speakingEnded);
    out.printf("per-episode stage times, summed         synthesis %.1f s, mix %.1f s (wall time of each task, several run at once)%n",
        synthesisSeconds, mixSeconds);
    out.printf("mix steps, summed over %d episodes      compress %.1f s, bed + loudness + limiter %.1f s, encode %.1f s, measure the MP3 %.1f s (decode + JVM meter); %d encodes, %d episodes encoded more than once%n",
        mix.episodes(), mix.compressSeconds(), mix.bedLoudnessLimiterSeconds(), mix.encodeSeconds(),
        mix.measureSeconds(), mix.encodes(), mix.reencodedEpisodes());
    out.printf("mix task time over the voice's core time %6.1f %% (summed mix %.1f s / (ceiling %.1f s x %.2f cores))%n",
        100 * mixSeconds / (voiceWall * voiceCores), mixSeconds, voiceWall, voiceCores);
    out.printf("episodes per hour                      %8.0f (%d ok)%n", ok * 3600 / seasonWall, ok);
    out.printf("load average at end: %s (other processes compete for the same cores)%n", loadAverage());
    out.printf("output kept in %s%n", output);
    return 0;
  }

  private static long spokenSentences(PipelineResult result) {
    long spoken = 0;
    for (MetricResult<Long> counter :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named("lullabeam", "sentences_spoken"))
                    .build())
            .getCounters()) {
      spoken += counter.getAttempted();
    }
    return spoken;
  }

  private List<EpisodeRequest> replicate(Path target) throws Exception {
    String text = Files.readString(catalogue, StandardCharsets.UTF_8);
    CatalogueParser.Result rows = new CatalogueParser(topic -> true, voice -> true).parse(text);
    List<EpisodeRequest> episodes = new ArrayList<>();
    try (CSVPrinter csv =
        new CSVPrinter(Files.newBufferedWriter(target, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
      csv.printRecord("id", "topic", "title", "story");
      for (int copy = 1; copy <= copies; copy++) {
        for (EpisodeRequest row : rows.episodes) {
          if (row.story() == null) {
            continue;
          }
          String id = row.id() + "-" + copy;
          csv.printRecord(id, row.topic(), row.title(), row.story());
          episodes.add(new EpisodeRequest(id, 0, row.topic(), row.title(), null, row.story(), null, null, 0));
        }
      }
    }
    return episodes;
  }

  /**
   * CPU time of this JVM and of the processes it waited for (ffmpeg): on Linux from /proc, where
   * children's time is counted once they exit; elsewhere this JVM alone.
   */
  static long processCpuNanos() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // After the command name: state is field 3, so utime..cstime (14..17) sit at 11..14.
      long ticks = 0;
      for (int i = 11; i <= 14; i++) {
        ticks += Long.parseLong(fields[i]);
      }
      return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    } catch (Exception e) {
      return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (Exception e) {
      return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
