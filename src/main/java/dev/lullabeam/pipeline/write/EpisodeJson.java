package dev.lullabeam.pipeline.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lullabeam.lib.audio.EpisodeMixer;
import dev.lullabeam.lib.audio.SentenceTiming;
import dev.lullabeam.values.EpisodeRequest;
import dev.lullabeam.values.MixedEpisode;
import dev.lullabeam.pipeline.write.Numbers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import dev.lullabeam.lib.pace.Pace;

/** The episode's JSON sidecar: what was narrated, how, and what the final file measures. */
public final class EpisodeJson {

  public static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private EpisodeJson() {}

  /**
   * A fingerprint of what the catalogue and the season asked for. A rerun reuses an episode only
   * when it matches, so an edited story is narrated again, and a new track number or season name
   * (both in the MP3's tags) makes the episode again rather than leaving stale tags.
   */
  public static String sourceHash(EpisodeRequest request, String voice, String season) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part :
          new String[] {
            request.title(), request.topic(), voice,
            String.valueOf(request.story()), String.valueOf(request.prompt()),
            String.valueOf(request.seed()), String.valueOf(request.trackNumber()), season
          }) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      // Added with paces: absent for rows without one, so older fingerprints still match.
      if (request.wordsPerMinute() != null) {
        sha.update(("wpm=" + request.wordsPerMinute()).getBytes(StandardCharsets.UTF_8));
      }
      if (request.targetMinutes() != null) {
        sha.update(("minutes=" + request.targetMinutes()).getBytes(StandardCharsets.UTF_8));
      }
      if (request.brief() != null) { // only then, so the hashes of other rows stay as they were
        sha.update(("brief:" + request.brief()).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The JSON of one make of the episode: besides what it describes, the make's id (also in the
   * transcript) and the size and SHA-256 of the MP3 and transcript written with it, so that a
   * rerun trusts only files that are whole and belong to this JSON.
   *
   * @param mp3 the MP3's bytes as written
   * @param vtt the transcript's bytes as written
   */
  public static byte[] of(
      MixedEpisode episode, String season, String makeId, byte[] mp3, byte[] vtt,
      double writeSeconds) {
    return of(episode, season, makeId, mp3, vtt, writeSeconds, "");
  }

  /**
   * As above, with the fingerprint of the lexicon entries that change what the voice says in
   * this story ({@code lexicon_hash}, left out when none does, so older JSONs still match).
   */
  public static byte[] of(
      MixedEpisode episode, String season, String makeId, byte[] mp3, byte[] vtt,
      double writeSeconds, String lexiconHash) {
    EpisodeRequest request = episode.plan().request();
    ObjectNode root = JSON.createObjectNode();
    root.put("id", request.id());
    root.put("make_id", makeId);
    root.put("season", season);
    root.put("title", request.title());
    root.put("topic", request.topic());
    root.put("track", request.trackNumber());
    root.put("catalogue_line", request.line());
    root.put("background", episode.backgroundFile());
    root.put("voice", episode.plan().voice());
    root.put("sample_rate", episode.sampleRate());
    root.put("channels", 2);
    root.put("mp3_bitrate", EpisodeMixer.MP3_BITRATE_LABEL);
    root.put("duration_s", round(episode.durationSeconds(), 3));
    root.put("lead_in_s", EpisodeMixer.LEAD_IN_SECONDS);
    root.put("tail_s", round(episode.tailSeconds(), 3));
    root.put("wind_down", episode.tailSeconds() != EpisodeMixer.TAIL_SECONDS);
    root.put("loudness_lufs", round(episode.loudness().integratedLufs(), 2));
    root.put("true_peak_dbtp", round(episode.loudness().truePeakDbtp(), 2));
    root.put("loudness_range_lu", round(episode.loudness().rangeLu(), 2));
    if (episode.narrationLoudness() != null) {
      // The narration alone (first word to last) in the final file, beside the whole file's.
      root.put("narration_loudness_lufs", round(episode.narrationLoudness().integratedLufs(), 2));
      root.put("narration_true_peak_dbtp", round(episode.narrationLoudness().truePeakDbtp(), 2));
    }
    if (episode.loudnessWarning() != null) {
      root.put("loudness_warning", episode.loudnessWarning());
    }
    root.put("source_hash", sourceHash(request, episode.plan().voice(), season));
    if (!lexiconHash.isEmpty()) {
      root.put("lexicon_hash", lexiconHash);
    }
    ObjectNode files = root.putObject("files");
    describe(files.putObject("mp3"), mp3);
    describe(files.putObject("vtt"), vtt);
    root.put("story", request.story());
    if (request.storyInfo() != null) {
      root.set("story_info", JSON.valueToTree(request.storyInfo()));
    }
    ArrayNode sentences = root.putArray("sentences");
    for (SentenceTiming t : episode.sentences()) {
      ObjectNode s = sentences.addObject();
      s.put("index", t.index());
      s.put("text", t.text());
      s.put("start_ms", t.startMs());
      s.put("end_ms", t.endMs());
    }
    pace(root, episode);
    ObjectNode timings = root.putObject("timings_s");
    timings.put("synthesis", round(episode.synthesisSeconds(), 3));
    timings.put("assembly", round(episode.assemblySeconds(), 3));
    timings.put("mix", round(episode.mixSeconds(), 3));
    timings.put("write", round(writeSeconds, 3));
    try {
      return JSON.writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The narration's pace: the target, and the rate achieved — written words ÷ the time from the
   * first word to the last, pauses included, from the sentence timings above.
   */
  private static void pace(ObjectNode root, MixedEpisode episode) {
    List<SentenceTiming> sentences = episode.sentences();
    List<String> texts = sentences.stream().map(SentenceTiming::text).toList();
    double achieved =
        Pace.achievedWordsPerMinute(
            texts, sentences.get(0).startMs(), sentences.get(sentences.size() - 1).endMs());
    ObjectNode pace = root.putObject("words_per_minute");
    if (episode.plan().wordsPerMinute() > 0) {
      pace.put("target", round(episode.plan().wordsPerMinute(), 1));
    } else {
      pace.putNull("target");
    }
    pace.put("achieved", round(achieved, 1));
    int words = texts.stream().mapToInt(Pace::words).sum();
    pace.put("words", words);
    // Length: the narration from the first word to the last, against the row's or season's target.
    ObjectNode minutes = root.putObject("minutes");
    Double target = episode.plan().request().targetMinutes();
    if (target != null) {
      minutes.put("target", round(target, 2));
    } else {
      minutes.putNull("target");
    }
    minutes.put("achieved", round(narrationMinutes(episode), 2));
  }

  /** Minutes of narration from the start of the first sentence to the end of the last. */
  static double narrationMinutes(MixedEpisode episode) {
    List<SentenceTiming> sentences = episode.sentences();
    long spanMs = sentences.get(sentences.size() - 1).endMs() - sentences.get(0).startMs();
    return spanMs / 60_000.0;
  }

  private static void describe(ObjectNode file, byte[] content) {
    file.put("bytes", content.length);
    file.put("sha256", OutputFiles.sha256(content));
  }

  static double round(double value, int places) {
    return Numbers.round(value, places);
  }
}
