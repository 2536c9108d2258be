package dev.lullabeam.lib.storage;

import java.util.regex.Pattern;

/**
 * A folder in a bucket, from {@code gs://BUCKET} or {@code gs://BUCKET/PREFIX}. Bucket names
 * follow GCS's naming rules (3–63 characters of lowercase letters, digits, {@code -}, {@code _}
 * and {@code .}, starting and ending with a letter or digit; up to 222 with dots); the prefix is
 * the rest without its slashes at either end, and must not hold empty segments, {@code .} or
 * {@code ..}, or control characters.
 *
 * @param bucket the bucket's name
 * @param prefix the folder inside it, without slashes at either end; empty for the bucket's root
 */
public record GcsLocation(String bucket, String prefix) {

  public static final String SCHEME = "gs://";

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");

  /** Whether {@code uri} names a bucket location at all (it may still be malformed). */
  public static boolean isGcs(String uri) {
    return uri != null && uri.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
  }

  /**
   * Parses a {@code gs://} URI.
   *
   * @throws IllegalArgumentException naming what is wrong with it, in one line
   */
  public static GcsLocation parse(String uri) {
    if (!isGcs(uri) || !uri.startsWith(SCHEME)) {
      throw new IllegalArgumentException("not a gs://bucket/prefix URI: " + uri);
    }
    String rest = uri.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    if (!BUCKET.matcher(bucket).matches()
        || (bucket.length() > 63 && !bucket.contains("."))
        || bucket.contains("..")) {
      throw new IllegalArgumentException(
          "malformed gs:// URI " + uri + ": '" + bucket + "' is not a valid bucket name"
              + " (3-63 lowercase letters, digits, '-', '_' or '.', starting and ending with a"
              + " letter or digit)");
    }
    while (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    if (!prefix.isEmpty()) {
      for (String segment : prefix.split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
          throw new IllegalArgumentException(
              "malformed gs:// URI " + uri + ": empty, '.' or '..' folder in '" + prefix + "'");
        }
      }
      if (prefix.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException(
            "malformed gs:// URI " + uri + ": control characters in the object prefix");
      }
    }
    return new GcsLocation(bucket, prefix);
  }

  /** The full object name of {@code name} under this folder. */
  public String objectName(String name) {
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  @Override
  public String toString() {
    return SCHEME + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }
}
