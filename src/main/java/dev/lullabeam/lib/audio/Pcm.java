package dev.lullabeam.lib.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** 16-bit little-endian PCM, the format lullabeam exchanges with ffmpeg. */
public final class Pcm {

  private Pcm() {}

  public static byte[] toBytes(short[] samples) {
    ByteBuffer buffer = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asShortBuffer().put(samples);
    return buffer.array();
  }

  /** Samples of the bytes; a trailing odd byte is ignored. */
  public static short[] toShorts(byte[] bytes) {
    short[] samples = new short[bytes.length / 2];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
    return samples;
  }

  /** 32-bit float little-endian samples, as ffmpeg's {@code f32le}. */
  public static byte[] floatsToBytes(float[] samples) {
    ByteBuffer buffer = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(samples);
    return buffer.array();
  }

  /** Samples of {@code f32le} bytes; trailing bytes short of a sample are ignored. */
  public static float[] toFloats(byte[] bytes) {
    float[] samples = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(samples);
    return samples;
  }
}
