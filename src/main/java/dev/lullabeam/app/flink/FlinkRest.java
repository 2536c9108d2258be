package dev.lullabeam.app.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/** Reads Flink's REST API (the JobManager's web port): cluster and job overviews. */
public final class FlinkRest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FlinkRest() {}

  /** GETs {@code path} from {@code host:port}, or null while the endpoint does not answer. */
  public static JsonNode get(String address, String path) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) URI.create("http://" + address + path).toURL().openConnection();
      connection.setConnectTimeout(1000);
      connection.setReadTimeout(5000);
      if (connection.getResponseCode() != 200) {
        return null;
      }
      try (InputStream in = connection.getInputStream()) {
        return JSON.readTree(in);
      }
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
