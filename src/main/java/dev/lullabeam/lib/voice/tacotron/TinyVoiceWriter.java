package dev.lullabeam.lib.voice.tacotron;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Writes a tiny voice folder with random weights and exactly the interface of TensorFlowTTS's
 * exported LJSpeech models, for tests and benchmarks (its "speech" is noise):
 *
 * <ul>
 *   <li>{@code tacotron2/}: signature {@code serving_default}, inputs {@code input_ids} int32
 *       [B,T], {@code input_lengths} int32 [B], {@code speaker_ids} int32 [B]; outputs {@code
 *       output_0} decoder mels float32 [B,F,80], {@code output_1} post-net mels [B,F,80], {@code
 *       output_2} stop-token logits [B,F], {@code output_3} alignments [B,T,F]. F is {@code
 *       framesPerId} frames per input id of the longest item, capped at {@code maxIterations}
 *       (like Tacotron2's decoder, which stops at its fixed maximum); item b's stop logit turns
 *       positive at frame {@code framesPerId * input_lengths[b] - 1}, so each item ends at its
 *       own length — or never, when that is past the cap.
 *   <li>{@code melgan/}: signature {@code serving_default}, input {@code mels} float32 [B,F,80],
 *       output {@code output_0} audio float32 [B,F·256,1] in [-1,1].
 *   <li>{@code mapper.json}: the LJSpeech symbol table.
 * </ul>
 */
public final class TinyVoiceWriter {

  public static final int MELS = 80;
  public static final int HOP = 256;

  private TinyVoiceWriter() {}

  /**
   * @param framesPerId mel frames made per input id (speech length ∝ text length)
   * @param maxIterations the decoder's cap on frames (TensorFlowTTS fixes it at export)
   */
  public static void write(Path dir, int framesPerId, int maxIterations, long seed)
      throws IOException {
    Files.createDirectories(dir);
    SplittableRandom random = new SplittableRandom(seed);
    writeTacotron(dir.resolve(TacotronVoiceFolder.TACOTRON), framesPerId, maxIterations, random);
    writeMelgan(dir.resolve(TacotronVoiceFolder.MELGAN), random);
    LjSpeechProcessor.writeMapper(dir.resolve(LjSpeechProcessor.MAPPER_FILE));
  }

  private static float[][] randomMatrix(int rows, int cols, double scale, SplittableRandom r) {
    float[][] m = new float[rows][cols];
    for (float[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) ((r.nextDouble() * 2 - 1) * scale);
      }
    }
    return m;
  }

  private static Operand<TInt32> dim(Ops tf, Operand<TInt32> shape, int i) {
    return tf.gather(shape, tf.constant(i), tf.constant(0));
  }

  private static void writeTacotron(Path dir, int framesPerId, int maxIterations, SplittableRandom r)
      throws IOException {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TInt32> ids =
          tf.withName("input_ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
      Placeholder<TInt32> lengths =
          tf.withName("input_lengths").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Placeholder<TInt32> speakers =
          tf.withName("speaker_ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));

      Operand<TInt32> idShape = tf.shape(ids);
      Operand<TInt32> batch = dim(tf, idShape, 0);
      Operand<TInt32> time = dim(tf, idShape, 1);
      Operand<TFloat32> embedding =
          tf.constant(randomMatrix(LjSpeechSymbols.SYMBOLS.size(), MELS, 1.0, r));
      Operand<TFloat32> embedded = tf.gather(embedding, ids, tf.constant(0)); // [B,T,80]
      Operand<TFloat32> repeated =
          tf.tile(tf.expandDims(embedded, tf.constant(2)), tf.constant(new int[] {1, 1, framesPerId, 1}));
      Operand<TInt32> allFrames = tf.math.mul(time, tf.constant(framesPerId));
      Operand<TFloat32> upsampled =
          tf.reshape(repeated, tf.stack(List.of(batch, allFrames, tf.constant(MELS))));
      Operand<TInt32> frames = tf.math.minimum(allFrames, tf.constant(maxIterations));
      // speaker_ids takes part (times zero), as the real model's speaker embedding does.
      Operand<TFloat32> speakerTerm =
          tf.math.mul(tf.dtypes.cast(tf.sum(speakers, tf.constant(0)), TFloat32.class), tf.constant(0f));
      Operand<TFloat32> decoder =
          tf.math.add(
              tf.slice(
                  upsampled,
                  tf.constant(new int[] {0, 0, 0}),
                  tf.stack(List.of(tf.constant(-1), frames, tf.constant(-1)))),
              speakerTerm);
      Operand<TInt32> melShape = tf.shape(decoder);
      Operand<TFloat32> flat = tf.reshape(decoder, tf.constant(new int[] {-1, MELS}));
      Operand<TFloat32> residual =
          tf.reshape(tf.linalg.matMul(flat, tf.constant(randomMatrix(MELS, MELS, 0.1, r))), melShape);
      Operand<TFloat32> postnet = tf.math.add(decoder, residual);
      // Stop logits: item b stops (logit > 0) from frame framesPerId * length_b - 1 on.
      Operand<TFloat32> frameIndex =
          tf.expandDims(
              tf.dtypes.cast(tf.range(tf.constant(0), frames, tf.constant(1)), TFloat32.class),
              tf.constant(0));
      Operand<TFloat32> lastFrame =
          tf.expandDims(
              tf.dtypes.cast(
                  tf.math.sub(tf.math.mul(lengths, tf.constant(framesPerId)), tf.constant(1)),
                  TFloat32.class),
              tf.constant(1));
      Operand<TFloat32> stop =
          tf.math.add(
              tf.math.mul(tf.math.sub(frameIndex, lastFrame), tf.constant(10f)), tf.constant(5f));
      Operand<TFloat32> alignments =
          tf.zeros(tf.stack(List.of(batch, time, frames)), TFloat32.class);

      Signature signature =
          Signature.builder()
              .key("serving_default")
              .methodName("tensorflow/serving/predict")
              .input("input_ids", ids)
              .input("input_lengths", lengths)
              .input("speaker_ids", speakers)
              .output("output_0", tf.identity(decoder))
              .output("output_1", tf.identity(postnet))
              .output("output_2", tf.identity(stop))
              .output("output_3", tf.identity(alignments))
              .build();
      export(g, signature, dir);
    }
  }

  private static void writeMelgan(Path dir, SplittableRandom r) throws IOException {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> mels =
          tf.withName("mels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, MELS)));
      Operand<TInt32> shape = tf.shape(mels);
      Operand<TInt32> samples = tf.math.mul(dim(tf, shape, 1), tf.constant(HOP));
      Operand<TFloat32> flat = tf.reshape(mels, tf.constant(new int[] {-1, MELS}));
      Operand<TFloat32> projected =
          tf.linalg.matMul(flat, tf.constant(randomMatrix(MELS, HOP, 0.15, r)));
      Operand<TFloat32> audio =
          tf.math.mul(
              tf.math.tanh(
                  tf.reshape(projected, tf.stack(List.of(dim(tf, shape, 0), samples, tf.constant(1))))),
              tf.constant(0.5f));
      Signature signature =
          Signature.builder()
              .key("serving_default")
              .methodName("tensorflow/serving/predict")
              .input("mels", mels)
              .output("output_0", audio)
              .build();
      export(g, signature, dir);
    }
  }

  private static void export(Graph g, Signature signature, Path dir) throws IOException {
    try (Session s = new Session(g)) {
      s.initialize();
      SavedModelBundle.exporter(dir.toString())
          .withFunction(SessionFunction.create(signature, s))
          .export();
    }
  }
}
