package dev.lullabeam.lib.voice.tacotron;

import dev.lullabeam.lib.audio.AudioClip;
import dev.lullabeam.lib.audio.Resampler;
import dev.lullabeam.lib.voice.Voice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TensorFlowTTS's LJSpeech Tacotron2 (text → mel) and MelGAN (mel → audio), run by TensorFlow
 * Java from a voice folder ({@link TacotronVoiceFolder}). One instance serves every thread of a
 * JVM and synthesises the sentences they ask for together: the first caller that finds no batch
 * running runs every queued sentence (flat combining, as {@code lib/lm/BatchingGenerator} does for
 * prompts), sorted by length into batches of at most {@code maxBatch} that are padded with the pad
 * id and carry their own {@code input_lengths}; the others wait for their result. Each item is cut
 * at its own stop token (the first frame whose stop logit is positive, i.e. sigmoid > 0.5) times
 * 256 samples; an item with no stop token before the decoder's maximum iterations fails with that
 * reason instead of being cut. The 22,050 Hz audio is resampled to the mix's 48 kHz.
 */
public final class TacotronVoice implements Voice {

  private static final Logger LOG = LoggerFactory.getLogger(TacotronVoice.class);

  public static final String NAME = "tacotron2-melgan";
  /** TensorFlowTTS's LJSpeech models: 22,050 Hz, hop 256. */
  public static final int MODEL_RATE = 22_050;
  public static final int HOP = 256;
  /** The rate the mix works at (MaryTTS's rate, SeasonLauncher's MIX_SAMPLE_RATE). */
  public static final int OUTPUT_RATE = 48_000;
  public static final int DEFAULT_MAX_BATCH = 8;

  private final Path dir;
  private final String version;
  private final LjSpeechProcessor processor;
  private final SavedModelBundle tacotron;
  private final SavedModelBundle melgan;
  private final SessionFunction tacotronFn;
  private final SessionFunction melganFn;
  private final int maxBatch;

  private record Request(int[] ids, CompletableFuture<AudioClip> result) {}

  private final List<Request> queue = new ArrayList<>(); // guarded by queue
  private boolean running; // guarded by queue
  private volatile boolean closed;

  private TacotronVoice(
      Path dir, String version, LjSpeechProcessor processor, SavedModelBundle tacotron,
      SavedModelBundle melgan, int maxBatch) {
    this.dir = dir;
    this.version = version;
    this.processor = processor;
    this.tacotron = tacotron;
    this.melgan = melgan;
    this.tacotronFn = tacotron.function(TacotronVoiceFolder.SIGNATURE);
    this.melganFn = melgan.function(TacotronVoiceFolder.SIGNATURE);
    this.maxBatch = maxBatch;
  }

  /**
   * Checks and loads a voice folder.
   *
   * @param device {@code cpu}, {@code gpu} or {@code gpu:N}: TensorFlow places the models on that
   *     GPU when it sees one (this build's natives are CPU-only: see docs/voices.md)
   */
  public static TacotronVoice load(Path dir, String device, int maxBatch) throws IOException {
    LjSpeechProcessor processor = TacotronVoiceFolder.check(dir);
    String version = version(dir);
    ConfigProto config = config(device);
    SavedModelBundle tacotron = null;
    try {
      tacotron = bundle(dir.resolve(TacotronVoiceFolder.TACOTRON), config);
      SavedModelBundle melgan = bundle(dir.resolve(TacotronVoiceFolder.MELGAN), config);
      return new TacotronVoice(dir, version, processor, tacotron, melgan, maxBatch);
    } catch (RuntimeException | IOException e) {
      if (tacotron != null) {
        tacotron.close();
      }
      throw e;
    }
  }

  private static SavedModelBundle bundle(Path model, ConfigProto config) throws IOException {
    try {
      return SavedModelBundle.loader(model.toString()).withTags("serve").withConfigProto(config).load();
    } catch (RuntimeException e) {
      throw new IOException("cannot load the SavedModel " + model + ": " + e.getMessage(), e);
    }
  }

  /**
   * TensorFlow's session configuration for a device.
   *
   * @throws IllegalArgumentException for a device other than cpu, gpu or gpu:N
   */
  public static ConfigProto config(String device) {
    String d = device == null ? "cpu" : device.trim().toLowerCase(java.util.Locale.ROOT);
    ConfigProto.Builder config = ConfigProto.newBuilder().setAllowSoftPlacement(true);
    if (d.equals("cpu")) {
      config.putDeviceCount("GPU", 0);
    } else if (d.equals("gpu") || d.matches("gpu:\\d+")) {
      String index = d.equals("gpu") ? "0" : d.substring(4);
      config.setGpuOptions(GPUOptions.newBuilder().setVisibleDeviceList(index).setAllowGrowth(true));
    } else {
      throw new IllegalArgumentException("device must be cpu, gpu or gpu:N, not '" + device + "'");
    }
    return config.build();
  }

  /** The voice's weights, by a digest of the SavedModels' graphs, variable indexes and mapper. */
  static String version(Path dir) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part :
          List.of(
              "tacotron2/saved_model.pb", "tacotron2/variables/variables.index",
              "melgan/saved_model.pb", "melgan/variables/variables.index", "mapper.json")) {
        Path file = dir.resolve(part);
        sha.update(part.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (Files.isRegularFile(file)) {
          try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
              sha.update(buffer, 0, n);
            }
          }
        }
      }
      return "tensorflowtts-" + NAME + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public int sampleRate() {
    return OUTPUT_RATE;
  }

  public Path folder() {
    return dir;
  }

  /** The processor's ids for a text, as the voice sends them. */
  public int[] ids(String text) {
    return processor.textToSequence(text);
  }

  @Override
  public AudioClip speak(String text) throws Exception {
    return speakAll(List.of(text)).get(0);
  }

  /**
   * Speaks several sentences, batched with whatever other threads ask for meanwhile.
   *
   * @throws Exception the first sentence's failure, e.g. no stop token
   */
  public List<AudioClip> speakAll(List<String> texts) throws Exception {
    if (closed) {
      throw new IllegalStateException("voice " + NAME + " is closed");
    }
    List<Request> mine = new ArrayList<>();
    for (String text : texts) {
      int[] ids = processor.textToSequence(text);
      if (ids.length <= 1) {
        throw new IllegalArgumentException("nothing to say in \"" + text + "\" (no symbol of the voice)");
      }
      mine.add(new Request(ids, new CompletableFuture<>()));
    }
    synchronized (queue) {
      queue.addAll(mine);
    }
    combine();
    List<AudioClip> clips = new ArrayList<>();
    for (Request r : mine) {
      try {
        clips.add(r.result().get());
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception ex ? ex : e;
      }
    }
    return clips;
  }

  /** Runs queued requests unless another thread does; returns when this thread's are done or taken. */
  private void combine() {
    while (true) {
      List<Request> work;
      synchronized (queue) {
        if (running || queue.isEmpty()) {
          return;
        }
        running = true;
        work = new ArrayList<>(queue);
        queue.clear();
      }
      try {
        work.sort(Comparator.comparingInt(r -> r.ids().length));
        for (int i = 0; i < work.size(); i += maxBatch) {
          List<Request> batch = work.subList(i, Math.min(work.size(), i + maxBatch));
          try {
            synthesise(batch);
          } catch (Exception | Error e) {
            batch.forEach(r -> r.result().completeExceptionally(e));
          }
        }
      } finally {
        synchronized (queue) {
          running = false;
        }
      }
    }
  }

  private void synthesise(List<Request> batch) throws Exception {
    int b = batch.size();
    int t = batch.stream().mapToInt(r -> r.ids().length).max().orElse(1);
    int[] ids = new int[b * t]; // padded with pad (0)
    int[] lengths = new int[b];
    for (int i = 0; i < b; i++) {
      int[] item = batch.get(i).ids();
      System.arraycopy(item, 0, ids, i * t, item.length);
      lengths[i] = item.length;
    }
    float[] mels;
    float[] stops;
    int frames;
    try (TInt32 idTensor = TInt32.tensorOf(Shape.of(b, t), DataBuffers.of(ids, true, false));
        TInt32 lengthTensor = TInt32.tensorOf(Shape.of(b), DataBuffers.of(lengths, true, false));
        TInt32 speakerTensor = TInt32.tensorOf(Shape.of(b));
        Result out =
            tacotronFn.call(
                Map.of(
                    "input_ids", idTensor,
                    "input_lengths", lengthTensor,
                    "speaker_ids", speakerTensor))) {
      TFloat32 post = output(out, "output_1");
      TFloat32 stop = output(out, "output_2");
      frames = (int) post.shape().get(1);
      mels = new float[b * frames * TinyVoiceWriter.MELS];
      post.copyTo(DataBuffers.of(mels, false, false));
      stops = new float[b * frames];
      stop.copyTo(DataBuffers.of(stops, false, false));
    }
    // Each item ends at its first stop token; one that never stops hit the maximum iterations.
    int[] ends = new int[b];
    List<Integer> ended = new ArrayList<>();
    for (int i = 0; i < b; i++) {
      ends[i] = -1;
      for (int f = 0; f < frames; f++) {
        if (stops[i * frames + f] > 0) {
          ends[i] = f + 1;
          break;
        }
      }
      if (ends[i] < 0) {
        batch.get(i).result().completeExceptionally(
            new IllegalStateException(
                "Tacotron2 did not end the sentence within its maximum of " + frames
                    + " decoder iterations (" + batch.get(i).ids().length
                    + " symbols); the audio would be cut"));
      } else {
        ended.add(i);
      }
    }
    if (ended.isEmpty()) {
      return;
    }
    int longest = ended.stream().mapToInt(i -> ends[i]).max().orElse(1);
    float[] vocoderIn = new float[ended.size() * longest * TinyVoiceWriter.MELS];
    for (int j = 0; j < ended.size(); j++) {
      int i = ended.get(j);
      System.arraycopy(
          mels, i * frames * TinyVoiceWriter.MELS, vocoderIn, j * longest * TinyVoiceWriter.MELS,
          ends[i] * TinyVoiceWriter.MELS);
    }
    float[] audio;
    int samples;
    try (TFloat32 melTensor =
            TFloat32.tensorOf(
                Shape.of(ended.size(), longest, TinyVoiceWriter.MELS),
                DataBuffers.of(vocoderIn, true, false));
        Result out = melganFn.call(Map.of("mels", melTensor))) {
      TFloat32 wave = output(out, "output_0");
      samples = (int) wave.shape().get(1);
      audio = new float[ended.size() * samples];
      wave.copyTo(DataBuffers.of(audio, false, false));
    }
    for (int j = 0; j < ended.size(); j++) {
      int i = ended.get(j);
      int length = Math.min(ends[i] * HOP, samples);
      float[] item = new float[length];
      System.arraycopy(audio, j * samples, item, 0, length);
      batch.get(i).result().complete(toClip(Resampler.resample(item, MODEL_RATE, OUTPUT_RATE)));
    }
  }

  private static TFloat32 output(Result result, String name) {
    Tensor tensor =
        result
            .get(name)
            .orElseThrow(() -> new IllegalStateException("the model returned no " + name));
    if (!(tensor instanceof TFloat32 f)) {
      throw new IllegalStateException(name + " is " + tensor.dataType() + ", not float32");
    }
    return f;
  }

  private static AudioClip toClip(float[] audio) {
    short[] pcm = new short[audio.length];
    for (int i = 0; i < audio.length; i++) {
      float v = Math.max(-1f, Math.min(1f, audio[i]));
      pcm[i] = (short) Math.round(v * 32767);
    }
    return new AudioClip(OUTPUT_RATE, pcm);
  }

  @Override
  public void close() {
    closed = true;
    LOG.debug("Closing voice {} from {}", NAME, dir);
    tacotron.close();
    melgan.close();
  }
}
