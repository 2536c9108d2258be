package dev.lullabeam.lib.publish;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based UUIDs (version 5, SHA-1, RFC 9562 §5.5), which the JDK does not make (it has only
 * version 3). The Podcasting 2.0 {@code podcast:guid} is the UUIDv5 of the feed's URL without its
 * scheme and trailing slashes in the namespace {@link #PODCAST_NAMESPACE}
 * (https://podcastindex.org/namespace/1.0, "guid"); the spec's example: feed
 * {@code https://mp3s.nashownotes.com/pc20rss.xml} → {@code 917393e3-1b1e-5cef-ace4-edaa54e1f810}.
 */
public final class PodcastGuid {

  public static final UUID PODCAST_NAMESPACE = UUID.fromString("ead4c236-bf58-58c6-a2c6-a6b28d128cb6");

  private PodcastGuid() {}

  /** The feed's {@code podcast:guid}. */
  public static UUID ofFeedUrl(String feedUrl) {
    String name = feedUrl.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "").replaceFirst("/+$", "");
    return uuid5(PODCAST_NAMESPACE, name);
  }

  /** The UUIDv5 of {@code name} (as UTF-8) in {@code namespace}. */
  public static UUID uuid5(UUID namespace, String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    sha1.update(
        ByteBuffer.allocate(16)
            .putLong(namespace.getMostSignificantBits())
            .putLong(namespace.getLeastSignificantBits())
            .array());
    byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
    ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(bytes.getLong(), bytes.getLong());
  }
}
