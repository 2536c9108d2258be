package dev.lullabeam.lib.audio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Mono 16-bit PCM audio at one sample rate. */
public final class AudioClip implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int sampleRate;
  private final short[] samples;

  public AudioClip(int sampleRate, short[] samples) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
    }
    this.sampleRate = sampleRate;
    this.samples = samples;
  }

  public int sampleRate() {
    return sampleRate;
  }

  /** The samples; callers must not modify the array. */
  public short[] samples() {
    return samples;
  }

  public int length() {
    return samples.length;
  }

  public double seconds() {
    return samples.length / (double) sampleRate;
  }

  /** Reads any PCM stream Java Sound understands, converting it to mono 16-bit at its own rate. */
  public static AudioClip read(AudioInputStream stream) throws IOException {
    AudioFormat source = stream.getFormat();
    AudioFormat target =
        new AudioFormat(
            AudioFormat.Encoding.PCM_SIGNED, source.getSampleRate(), 16, 1, 2, source.getSampleRate(), false);
    try (AudioInputStream pcm = convert(stream, source, target)) {
      // AudioInputStream.readAllBytes stops at its internal buffer for some providers: read to the end.
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = pcm.read(buffer)) > 0) {
        out.write(buffer, 0, n);
      }
      return new AudioClip(Math.round(source.getSampleRate()), Pcm.toShorts(out.toByteArray()));
    }
  }

  private static AudioInputStream convert(
      AudioInputStream stream, AudioFormat source, AudioFormat target) {
    if (source.matches(target)) {
      return stream;
    }
    if (source.getChannels() != 1) {
      throw new IllegalArgumentException("expected mono audio, got " + source);
    }
    return AudioSystem.getAudioInputStream(target, stream);
  }

  /** The clip as a WAV file. */
  public byte[] toWav() {
    byte[] pcm = Pcm.toBytes(samples);
    AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
    try (AudioInputStream stream =
        new AudioInputStream(new ByteArrayInputStream(pcm), format, samples.length)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(samples.length * 2 + 64);
      AudioSystem.write(stream, AudioFileFormat.Type.WAVE, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("writing WAV to memory failed", e);
    }
  }

  /** Little-endian 16-bit samples, for ffmpeg's s16le input. */
  public byte[] toS16le() {
    return Pcm.toBytes(samples);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AudioClip
        && ((AudioClip) o).sampleRate == sampleRate
        && Arrays.equals(((AudioClip) o).samples, samples);
  }

  @Override
  public int hashCode() {
    return 31 * sampleRate + Arrays.hashCode(samples);
  }

  @Override
  public String toString() {
    return String.format("AudioClip{%d Hz, %.2f s}", sampleRate, seconds());
  }
}
