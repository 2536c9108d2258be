package dev.lullabeam.values;

import dev.lullabeam.lib.audio.AudioClip;
import dev.lullabeam.lib.audio.Pcm;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.util.VarInt;

/**
 * An {@link AudioClip} as its sample rate, its length and its samples as raw little-endian 16-bit
 * PCM: two bytes a sample and nothing else, with no class descriptors to write or resolve (Java
 * serialization's) and a size known without encoding minutes of audio.
 */
public final class AudioClipCoder extends CustomCoder<AudioClip> {

  private static final AudioClipCoder INSTANCE = new AudioClipCoder();

  private AudioClipCoder() {}

  public static AudioClipCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(AudioClip clip, OutputStream out) throws IOException {
    VarInt.encode(clip.sampleRate(), out);
    VarInt.encode(clip.length(), out);
    out.write(clip.toS16le());
  }

  @Override
  public AudioClip decode(InputStream in) throws IOException {
    int sampleRate = VarInt.decodeInt(in);
    int length = VarInt.decodeInt(in);
    byte[] pcm = new byte[Math.multiplyExact(length, 2)];
    new DataInputStream(in).readFully(pcm);
    return new AudioClip(sampleRate, Pcm.toShorts(pcm));
  }

  @Override
  public void verifyDeterministic() {}

  /** Known without encoding: runners ask for sizes, and clips run to minutes of audio. */
  @Override
  public boolean isRegisterByteSizeObserverCheap(AudioClip clip) {
    return true;
  }

  @Override
  protected long getEncodedElementByteSize(AudioClip clip) {
    return VarInt.getLength(clip.sampleRate())
        + VarInt.getLength(clip.length())
        + 2L * clip.length();
  }
}
