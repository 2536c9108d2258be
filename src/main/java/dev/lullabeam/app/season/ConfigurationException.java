package dev.lullabeam.app.season;

/** A problem with how lullabeam was asked to run: reported as one line, exit status 2. */
public class ConfigurationException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }
}
