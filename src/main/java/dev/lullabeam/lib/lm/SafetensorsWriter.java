package dev.lullabeam.lib.lm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes float tensors to a safetensors file in F32, F16 or BF16. Written in Java rather than through
 * DJL's NDList encoder so BF16 never reaches the native engine and tensors need not be on a device.
 */
public final class SafetensorsWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A tensor to write: values in row-major order and the shape they have. */
  public record HostTensor(float[] values, long[] shape) {
    public HostTensor {
      long count = 1;
      for (long dim : shape) {
        count *= dim;
      }
      if (count != values.length) {
        throw new IllegalArgumentException("shape holds " + count + " values, array " + values.length);
      }
    }
  }

  private SafetensorsWriter() {}

  /** Writes the tensors in insertion order, converting each value to {@code dtype}. */
  public static void write(Path file, Map<String, HostTensor> tensors, TensorDType dtype,
      Map<String, String> metadata) throws IOException {
    ObjectNode header = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject("__metadata__");
      metadata.forEach(meta::put);
    }
    long offset = 0;
    Map<String, HostTensor> ordered = new LinkedHashMap<>(tensors);
    for (Map.Entry<String, HostTensor> entry : ordered.entrySet()) {
      ObjectNode node = header.putObject(entry.getKey());
      node.put("dtype", dtype.name());
      ArrayNode shape = node.putArray("shape");
      for (long dim : entry.getValue().shape()) {
        shape.add(dim);
      }
      long length = (long) entry.getValue().values().length * dtype.bytesPerElement();
      node.putArray("data_offsets").add(offset).add(offset + length);
      offset += length;
    }
    byte[] headerBytes = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
    // The format recommends padding the header with spaces to an 8-byte boundary for aligned reads.
    int padding = (8 - headerBytes.length % 8) % 8;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      length.putLong(headerBytes.length + padding);
      out.write(length.array());
      out.write(headerBytes);
      for (int i = 0; i < padding; i++) {
        out.write(' ');
      }
      ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
      for (HostTensor tensor : ordered.values()) {
        for (float value : tensor.values()) {
          if (chunk.remaining() < 4) {
            out.write(chunk.array(), 0, chunk.position());
            chunk.clear();
          }
          switch (dtype) {
            case F32: chunk.putFloat(value); break;
            case F16: chunk.putShort(HalfFloats.floatToF16(value)); break;
            case BF16: chunk.putShort(HalfFloats.floatToBf16(value)); break;
            default: throw new AssertionError(dtype);
          }
        }
      }
      out.write(chunk.array(), 0, chunk.position());
    }
  }
}
