package dev.lullabeam.lib.publish;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What publishing is told besides the season itself: where the files will be served from, the
 * first episode's date, a cover, and the channel's fields.
 *
 * @param publicUrl the HTTP(S) URL the output folder is served at, or null: no feed then
 * @param firstPubDate the first episode's publication date, or null: keep the dates the feed
 *     already has, and date new episodes from today
 * @param cover a cover image to publish instead of drawing one, or null
 * @param title the channel's title, or null for the season's name
 * @param description the channel's description, or null for one made from the title
 * @param author {@code itunes:author}
 * @param ownerName {@code itunes:owner}'s name
 * @param ownerEmail {@code itunes:owner}'s e-mail, or null
 * @param language the channel's language (e.g. {@code en}, {@code en-GB})
 * @param category the {@code itunes:category}, e.g. {@code Kids & Family}
 * @param explicit {@code itunes:explicit}
 */
public record PublishSettings(
    String publicUrl,
    LocalDate firstPubDate,
    Path cover,
    String title,
    String description,
    String author,
    String ownerName,
    String ownerEmail,
    String language,
    String category,
    boolean explicit) {

  /** The same settings with another public URL (a bucket's own address when none was given). */
  public PublishSettings withPublicUrl(String url) {
    return new PublishSettings(
        url, firstPubDate, cover, title, description, author, ownerName, ownerEmail, language,
        category, explicit);
  }

  /** Apple's limit on a channel description. */
  public static final int MAX_DESCRIPTION_BYTES = 4000;

  private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /** The channel's title: {@code title}, or the season's name. */
  public String channelTitle(String seasonName) {
    return title == null || title.isBlank() ? seasonName : title;
  }

  /** The channel's description: {@code description}, or one made from the title. */
  public String channelDescription(String channelTitle) {
    return description == null || description.isBlank()
        ? channelTitle + ": bedtime stories, narrated."
        : description;
  }

  /** The public URL, ending in a slash, or empty. */
  public Optional<String> baseUrl() {
    if (publicUrl == null || publicUrl.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(publicUrl.endsWith("/") ? publicUrl : publicUrl + "/");
  }

  /**
   * Checks what can be checked before any work; the cover is checked by {@link CoverArt#check}.
   *
   * @throws PublishException naming the setting and what is wrong, in one line
   */
  public void check() throws PublishException {
    if (baseUrl().isPresent()) {
      try {
        URI uri = new URI(publicUrl);
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
          throw new PublishException("--publicUrl must be an http(s) URL with a host: " + publicUrl);
        }
      } catch (URISyntaxException e) {
        throw new PublishException("--publicUrl is not a URL: " + publicUrl + " (" + e.getReason() + ")");
      }
    }
    if (language == null || !LANGUAGE.matcher(language).matches()) {
      throw new PublishException("--podcastLanguage must be a language code such as en or en-GB: " + language);
    }
    if (ownerEmail != null && !ownerEmail.isEmpty() && !EMAIL.matcher(ownerEmail).matches()) {
      throw new PublishException("--podcastOwnerEmail is not an e-mail address: " + ownerEmail);
    }
    if (category == null || category.isBlank()) {
      throw new PublishException("--podcastCategory must not be empty");
    }
    if (description != null
        && description.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_DESCRIPTION_BYTES) {
      throw new PublishException(
          "--podcastDescription is longer than Apple's " + MAX_DESCRIPTION_BYTES + " bytes");
    }
  }

  /** A {@code YYYY-MM-DD} date, or null when blank. */
  public static LocalDate parseDate(String option, String value) throws PublishException {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new PublishException(option + " must be a date YYYY-MM-DD: " + value);
    }
  }
}
