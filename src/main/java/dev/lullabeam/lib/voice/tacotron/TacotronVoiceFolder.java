package dev.lullabeam.lib.voice.tacotron;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * A voice folder: {@code tacotron2/} and {@code melgan/} SavedModels as TensorFlowTTS exports them
 * ({@code tf.saved_model.save(model, dir, signatures=model.inference)}) and the processor's
 * {@code mapper.json}. {@link #check} reads only the SavedModels' protocol buffers (no TensorFlow
 * natives are loaded, so it is quick enough to run before any work) and says in one line what is
 * missing or different.
 */
public final class TacotronVoiceFolder {

  public static final String TACOTRON = "tacotron2";
  public static final String MELGAN = "melgan";
  public static final String SIGNATURE = "serving_default";

  /** A tensor of a signature: dtype and rank (-1: any). */
  private record Spec(DataType type, int rank, long lastDim) {}

  private static final Map<String, Spec> TACOTRON_INPUTS = new LinkedHashMap<>();
  private static final Map<String, Spec> TACOTRON_OUTPUTS = new LinkedHashMap<>();
  private static final Map<String, Spec> MELGAN_INPUTS = Map.of("mels", new Spec(DataType.DT_FLOAT, 3, 80));
  private static final Map<String, Spec> MELGAN_OUTPUTS = Map.of("output_0", new Spec(DataType.DT_FLOAT, 3, 1));

  static {
    TACOTRON_INPUTS.put("input_ids", new Spec(DataType.DT_INT32, 2, -1));
    TACOTRON_INPUTS.put("input_lengths", new Spec(DataType.DT_INT32, 1, -1));
    TACOTRON_INPUTS.put("speaker_ids", new Spec(DataType.DT_INT32, 1, -1));
    TACOTRON_OUTPUTS.put("output_0", new Spec(DataType.DT_FLOAT, 3, 80));
    TACOTRON_OUTPUTS.put("output_1", new Spec(DataType.DT_FLOAT, 3, 80));
    TACOTRON_OUTPUTS.put("output_2", new Spec(DataType.DT_FLOAT, 2, -1));
    TACOTRON_OUTPUTS.put("output_3", new Spec(DataType.DT_FLOAT, 3, -1));
  }

  private TacotronVoiceFolder() {}

  /**
   * Checks the folder's layout, both signatures and the mapper.
   *
   * @throws IOException with a one-line reason naming the folder and what is wrong
   */
  public static LjSpeechProcessor check(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(
          "voice folder " + dir + " does not exist (make one with make-voice, or export the"
              + " TensorFlowTTS models with models/export-tensorflowtts.py)");
    }
    checkModel(dir.resolve(TACOTRON), TACOTRON_INPUTS, TACOTRON_OUTPUTS);
    checkModel(dir.resolve(MELGAN), MELGAN_INPUTS, MELGAN_OUTPUTS);
    Path mapper = dir.resolve(LjSpeechProcessor.MAPPER_FILE);
    if (!Files.isRegularFile(mapper)) {
      throw new IOException("voice folder " + dir + " has no " + LjSpeechProcessor.MAPPER_FILE);
    }
    return LjSpeechProcessor.fromMapper(mapper);
  }

  private static void checkModel(Path model, Map<String, Spec> inputs, Map<String, Spec> outputs)
      throws IOException {
    Path pb = model.resolve("saved_model.pb");
    if (!Files.isRegularFile(pb)) {
      throw new IOException("voice folder " + model.getParent() + " has no " + model.getFileName() + "/saved_model.pb");
    }
    if (!Files.isDirectory(model.resolve("variables"))) {
      throw new IOException("voice folder " + model.getParent() + " has no " + model.getFileName() + "/variables");
    }
    SavedModel saved;
    try (InputStream in = Files.newInputStream(pb)) {
      saved = SavedModel.parseFrom(in);
    } catch (IOException e) {
      throw new IOException(pb + " is not a SavedModel: " + e.getMessage(), e);
    }
    SignatureDef signature = null;
    for (MetaGraphDef meta : saved.getMetaGraphsList()) {
      if (meta.getMetaInfoDef().getTagsList().contains("serve")
          && meta.getSignatureDefMap().containsKey(SIGNATURE)) {
        signature = meta.getSignatureDefMap().get(SIGNATURE);
      }
    }
    if (signature == null) {
      throw new IOException(model + " has no '" + SIGNATURE + "' signature for tag 'serve'");
    }
    compare(model, "input", inputs, signature.getInputsMap());
    compare(model, "output", outputs, signature.getOutputsMap());
  }

  private static void compare(
      Path model, String kind, Map<String, Spec> expected, Map<String, TensorInfo> actual)
      throws IOException {
    if (!actual.keySet().equals(expected.keySet())) {
      throw new IOException(
          model + " signature " + SIGNATURE + " has " + kind + "s " + new java.util.TreeSet<>(actual.keySet())
              + ", expected " + expected.keySet() + " (TensorFlowTTS's)");
    }
    for (Map.Entry<String, Spec> e : expected.entrySet()) {
      TensorInfo info = actual.get(e.getKey());
      Spec spec = e.getValue();
      if (info.getDtype() != spec.type()) {
        throw new IOException(
            model + " " + kind + " " + e.getKey() + " is " + info.getDtype() + ", expected " + spec.type());
      }
      TensorShapeProto shape = info.getTensorShape();
      if (info.hasTensorShape() && !shape.getUnknownRank()) {
        if (shape.getDimCount() != spec.rank()) {
          throw new IOException(
              model + " " + kind + " " + e.getKey() + " has rank " + shape.getDimCount()
                  + ", expected " + spec.rank());
        }
        long last = shape.getDim(shape.getDimCount() - 1).getSize();
        if (spec.lastDim() > 0 && last >= 0 && last != spec.lastDim()) {
          throw new IOException(
              model + " " + kind + " " + e.getKey() + " has " + last + " in its last dimension, expected "
                  + spec.lastDim());
        }
      }
    }
  }
}
