package dev.lullabeam.lib.lm.hub;

/** Receives download progress; {@code total} is -1 when the server did not say. */
public interface DownloadProgress {
  DownloadProgress NONE = new DownloadProgress() {
    @Override
    public void update(String file, long done, long total) {}

    @Override
    public void finished(String file, long total) {}
  };

  void update(String file, long done, long total);

  void finished(String file, long total);
}
