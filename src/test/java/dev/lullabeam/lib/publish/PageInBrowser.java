package dev.lullabeam.lib.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Loads a season page in Debian's headless chromium through chromedriver (Selenium 4.52;
 * {@code scripts/ensure-browser.sh}, run by {@code mvn test} before the tests, installs them) and
 * checks it: no SEVERE console entries, every audio element loads its metadata with the duration
 * the page was given from the episode's JSON ({@code data-duration}), the cover and one waveform
 * per player render; keeps a screenshot. Without a browser it fails; it never skips.
 */
public final class PageInBrowser {

  static final String CHROMIUM = System.getenv().getOrDefault("LULLABEAM_CHROMIUM", "/usr/bin/chromium");
  static final String CHROMEDRIVER =
      System.getenv().getOrDefault("LULLABEAM_CHROMEDRIVER", "/usr/bin/chromedriver");

  private PageInBrowser() {}

  /** @return how many players the page has */
  public static int check(Path page, Path screenshot) throws Exception {
    assertThat("no browser at " + CHROMIUM + ": run scripts/ensure-browser.sh",
        new File(CHROMIUM).canExecute(), is(true));
    assertThat("no chromedriver at " + CHROMEDRIVER + ": run scripts/ensure-browser.sh",
        new File(CHROMEDRIVER).canExecute(), is(true));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1200,1800", "--mute-audio");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      driver.get(page.toUri().toString());
      JavascriptExecutor js = driver;
      // Wait (up to 20 s on a busy machine) until every player has read its MP3's metadata.
      new WebDriverWait(driver, Duration.ofSeconds(20))
          .until(d -> (Boolean) js.executeScript(
              "return [...document.querySelectorAll('audio')]"
                  + ".every(a => a.readyState >= 1 || a.error);"));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> players =
          (List<Map<String, Object>>) js.executeScript(
              "return [...document.querySelectorAll('audio')].map(a => ({"
                  + "src: a.getAttribute('src'), duration: a.duration, expected: a.dataset.duration,"
                  + "error: a.error ? a.error.code : 0}));");
      for (Map<String, Object> player : players) {
        assertThat(player.get("src") + " error", ((Number) player.get("error")).intValue(), is(0));
        double expected = Double.parseDouble((String) player.get("expected"));
        // The MP3's duration as the browser reads it against the JSON's duration_s; an MP3
        // frame is 24 ms at 48 kHz, and the encoder's delay is in the LAME header.
        assertThat(player.get("src") + " duration", ((Number) player.get("duration")).doubleValue(),
            closeTo(expected, 0.06));
      }
      Number cover = (Number) js.executeScript("return document.querySelector('header img').naturalWidth;");
      assertThat(cover.intValue(), greaterThan(0));
      Number waveforms = (Number) js.executeScript("return document.querySelectorAll('svg.waveform path').length;");
      assertThat(waveforms.intValue(), is(players.size()));
      List<String> severe =
          driver.manage().logs().get(LogType.BROWSER).getAll().stream()
              .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
              .map(LogEntry::toString)
              .toList();
      assertThat(severe, is(empty()));
      Files.createDirectories(screenshot.toAbsolutePath().getParent());
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
      assertThat(Files.size(screenshot), greaterThan(10_000L));
      return players.size();
    } finally {
      driver.quit();
    }
  }
}
