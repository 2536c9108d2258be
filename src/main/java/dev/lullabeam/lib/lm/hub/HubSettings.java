package dev.lullabeam.lib.lm.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the Hugging Face cache is and how to reach the hub, read from the same environment
 * variables the Python {@code huggingface_hub} library uses, so both share one cache.
 *
 * @param cacheDir {@code HF_HUB_CACHE}, else {@code HF_HOME/hub}, else
 *     {@code XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}
 * @param endpoint {@code HF_ENDPOINT}, default https://huggingface.co
 * @param token {@code HF_TOKEN} (sent as a Bearer token), else the token file huggingface-cli
 *     login writes to {@code HF_HOME/token}; null for none
 * @param offline {@code HF_HUB_OFFLINE} set to 1/true/yes: use the cache only
 */
public record HubSettings(Path cacheDir, URI endpoint, String token, boolean offline) {
  public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

  public static HubSettings fromEnvironment() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  public static HubSettings fromEnvironment(Map<String, String> env, Path userHome) {
    Path hfHome = nonBlank(env.get("HF_HOME")) != null ? Path.of(env.get("HF_HOME"))
        : nonBlank(env.get("XDG_CACHE_HOME")) != null ? Path.of(env.get("XDG_CACHE_HOME"), "huggingface")
        : userHome.resolve(".cache").resolve("huggingface");
    Path cache = nonBlank(env.get("HF_HUB_CACHE")) != null ? Path.of(env.get("HF_HUB_CACHE")) : hfHome.resolve("hub");
    String endpoint = nonBlank(env.get("HF_ENDPOINT")) != null ? env.get("HF_ENDPOINT") : DEFAULT_ENDPOINT;
    String token = nonBlank(env.get("HF_TOKEN"));
    if (token == null) {
      token = readTokenFile(hfHome.resolve("token"));
    }
    String offline = env.getOrDefault("HF_HUB_OFFLINE", "").trim().toLowerCase(java.util.Locale.ROOT);
    return new HubSettings(cache, URI.create(endpoint.replaceAll("/+$", "")), token,
        offline.equals("1") || offline.equals("true") || offline.equals("yes") || offline.equals("on"));
  }

  private static String readTokenFile(Path file) {
    try {
      return Files.isRegularFile(file) ? nonBlank(Files.readString(file).trim()) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  public HubSettings withOffline(boolean value) {
    return new HubSettings(cacheDir, endpoint, token, value);
  }

  @Override
  public String toString() {
    return "HubSettings[cacheDir=" + cacheDir + ", endpoint=" + endpoint + ", token="
        + (token == null ? "none" : "set") + ", offline=" + offline + "]";
  }
}
