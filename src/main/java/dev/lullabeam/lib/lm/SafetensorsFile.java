package dev.lullabeam.lib.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lullabeam.lib.lm.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a safetensors file (8-byte little-endian header length, JSON header, raw data) and hands out
 * tensors as float32 arrays, converting F16 and BF16 on the host. The header is checked against the
 * file size when the file is opened, so a truncated download fails at once, naming the tensor.
 */
public final class SafetensorsFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Headers are small (a few hundred bytes per tensor); anything larger means a corrupt length. */
  private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

  /** One entry of the header. The dtype is kept as written so unknown types can still be skipped. */
  public record TensorInfo(String name, String dtype, long[] shape, long begin, long end) {
    public long elementCount() {
      long count = 1;
      for (long dim : shape) {
        count *= dim;
      }
      return count;
    }
  }

  private final Path file;
  private final long dataStart;
  private final Map<String, TensorInfo> tensors;

  private SafetensorsFile(Path file, long dataStart, Map<String, TensorInfo> tensors) {
    this.file = file;
    this.dataStart = dataStart;
    this.tensors = tensors;
  }

  public static SafetensorsFile open(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long fileSize = channel.size();
      if (fileSize < 8) {
        throw new ModelFormatException(file + ": not a safetensors file (only " + fileSize + " bytes)");
      }
      ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, lengthBytes, 0);
      long headerLength = lengthBytes.getLong(0);
      if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > fileSize) {
        throw new ModelFormatException(file + ": corrupt safetensors header length " + headerLength
            + " for a file of " + fileSize + " bytes");
      }
      ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
      readFully(channel, headerBytes, 8);
      JsonNode header;
      try {
        header = JSON.readTree(headerBytes.array());
      } catch (IOException e) {
        throw new ModelFormatException(file + ": safetensors header is not valid JSON ("
            + firstLine(e.getMessage()) + ")", e);
      }
      if (header == null || !header.isObject()) {
        throw new ModelFormatException(file + ": safetensors header is not a JSON object");
      }
      long dataStart = 8 + headerLength;
      long dataLength = fileSize - dataStart;
      Map<String, TensorInfo> tensors = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        if (entry.getKey().equals("__metadata__")) {
          continue;
        }
        TensorInfo info = parseEntry(file, entry.getKey(), entry.getValue());
        if (info.end() > dataLength) {
          throw new ModelFormatException(file + ": tensor " + info.name() + " needs data bytes "
              + info.begin() + ".." + info.end() + " but the file holds only " + dataLength
              + " data bytes (truncated download?)");
        }
        tensors.put(info.name(), info);
      }
      return new SafetensorsFile(file, dataStart, Collections.unmodifiableMap(tensors));
    } catch (IOException e) {
      throw new ModelFormatException(file + ": cannot read (" + e + ")", e);
    }
  }

  private static TensorInfo parseEntry(Path file, String name, JsonNode node) {
    JsonNode dtype = node.get("dtype");
    JsonNode shape = node.get("shape");
    JsonNode offsets = node.get("data_offsets");
    if (dtype == null || shape == null || offsets == null || !shape.isArray() || !offsets.isArray()
        || offsets.size() != 2) {
      throw new ModelFormatException(file + ": tensor " + name + " has a malformed header entry");
    }
    long[] dims = new long[shape.size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = shape.get(i).asLong(-1);
      if (dims[i] < 0) {
        throw new ModelFormatException(file + ": tensor " + name + " has a negative dimension");
      }
    }
    long begin = offsets.get(0).asLong(-1);
    long end = offsets.get(1).asLong(-1);
    TensorInfo info = new TensorInfo(name, dtype.asText(), dims, begin, end);
    int elementBytes = elementBytes(info.dtype());
    if (begin < 0 || end < begin
        || (elementBytes > 0 && end - begin != info.elementCount() * elementBytes)) {
      throw new ModelFormatException(file + ": tensor " + name + " has data offsets " + begin + ".."
          + end + " that do not fit its " + info.dtype() + " shape " + java.util.Arrays.toString(dims));
    }
    return info;
  }

  /** Size of one element for the safetensors dtypes; 0 when unknown (size then not checked). */
  private static int elementBytes(String dtype) {
    switch (dtype) {
      case "F64": case "I64": case "U64": return 8;
      case "F32": case "I32": case "U32": return 4;
      case "F16": case "BF16": case "I16": case "U16": return 2;
      case "BOOL": case "U8": case "I8": case "F8_E4M3": case "F8_E5M2": return 1;
      default: return 0;
    }
  }

  public Path file() {
    return file;
  }

  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  public TensorInfo info(String name) {
    TensorInfo info = tensors.get(name);
    if (info == null) {
      throw new ModelFormatException(file + ": tensor " + name + " is missing");
    }
    return info;
  }

  /** Reads a F32, F16 or BF16 tensor as float32 values in row-major order. */
  public float[] readFloats(String name) {
    TensorInfo info = info(name);
    TensorDType dtype = TensorDType.fromName(info.dtype());
    if (dtype == null) {
      throw new ModelFormatException(file + ": tensor " + name + " has dtype " + info.dtype()
          + "; only F32, F16 and BF16 are supported");
    }
    long count = info.elementCount();
    if (count > Integer.MAX_VALUE - 8) {
      throw new ModelFormatException(file + ": tensor " + name + " is too large (" + count + " elements)");
    }
    float[] values = new float[(int) count];
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + info.begin(),
          info.end() - info.begin()).order(ByteOrder.LITTLE_ENDIAN);
      switch (dtype) {
        case F32:
          data.asFloatBuffer().get(values);
          break;
        case F16:
          for (int i = 0; i < values.length; i++) {
            values[i] = HalfFloats.f16ToFloat(data.getShort(2 * i));
          }
          break;
        case BF16:
          for (int i = 0; i < values.length; i++) {
            values[i] = HalfFloats.bf16ToFloat(data.getShort(2 * i));
          }
          break;
        default:
          throw new AssertionError(dtype);
      }
    } catch (IOException e) {
      throw new ModelFormatException(file + ": cannot read tensor " + name + " (" + e + ")", e);
    }
    return values;
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new IOException("unexpected end of file");
      }
      at += read;
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
