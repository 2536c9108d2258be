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
}
