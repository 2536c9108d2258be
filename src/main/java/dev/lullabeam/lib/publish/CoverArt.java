package dev.lullabeam.lib.publish;

import dev.lullabeam.lib.random.SplitMix64;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The season's cover: Apple asks for a square RGB PNG or JPEG of 1400 to 3000 pixels. A given
 * cover is checked against that; without one, a calm night sky is drawn in Java2D (headless) with
 * the season's title large enough to read at thumbnail size. The drawing depends on the title
 * only: the same title gives the same pixels (stars are placed by {@link SplitMix64} from the
 * title's hash; fonts are the JDK's logical ones, so another machine's fonts may differ).
 */
public final class CoverArt {

  public static final int MIN_SIZE = 1400;
  public static final int MAX_SIZE = 3000;
  /** The size of a drawn cover. */
  public static final int DRAWN_SIZE = 1400;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private CoverArt() {}

  /** A cover ready to publish: its bytes and its file name in the output folder. */
  public record Cover(byte[] bytes, String fileName, String contentType) {}

  /**
   * Checks a given cover: readable PNG or JPEG, square, 1400–3000 px, RGB without transparency.
   *
   * @throws PublishException naming the file and the rule it breaks
   */
  public static Cover check(Path file) throws PublishException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new PublishException("--cover " + file + " cannot be read: " + e.getMessage());
    }
    String format;
    BufferedImage image;
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new PublishException("--cover " + file + " is not a PNG or JPEG image");
      }
      ImageReader reader = readers.next();
      format = reader.getFormatName().toLowerCase(Locale.ROOT);
      if (!format.equals("png") && !format.equals("jpeg")) {
        throw new PublishException("--cover " + file + " is " + format + ", not PNG or JPEG");
      }
      reader.setInput(in);
      image = reader.read(0);
      reader.dispose();
    } catch (IOException | RuntimeException e) {
      throw new PublishException("--cover " + file + " cannot be decoded: " + e.getMessage());
    }
    int width = image.getWidth();
    int height = image.getHeight();
    if (width != height) {
      throw new PublishException("--cover " + file + " is " + width + "x" + height + ", not square");
    }
    if (width < MIN_SIZE || width > MAX_SIZE) {
      throw new PublishException(
          "--cover " + file + " is " + width + " px wide; it must be " + MIN_SIZE + " to " + MAX_SIZE);
    }
    if (image.getColorModel().getColorSpace().getType() != ColorSpace.TYPE_RGB) {
      throw new PublishException("--cover " + file + " is not RGB (grayscale or another colour space)");
    }
    if (image.getColorModel().hasAlpha()) {
      throw new PublishException("--cover " + file + " has transparency; Apple wants RGB without alpha");
    }
    return format.equals("png")
        ? new Cover(bytes, "cover.png", "image/png")
        : new Cover(bytes, "cover.jpg", "image/jpeg");
  }

  /** The drawn cover for {@code title}, as a PNG named {@code cover.png}. */
  public static Cover draw(String title) {
    BufferedImage image = drawImage(title, DRAWN_SIZE);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new Cover(png.toByteArray(), "cover.png", "image/png");
  }

  static BufferedImage drawImage(String title, int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      // Sky: deep navy at the top to a soft indigo at the horizon.
      g.setPaint(new GradientPaint(0, 0, new Color(8, 14, 40), 0, size, new Color(46, 42, 96)));
      g.fillRect(0, 0, size, size);
      long seed = 0;
      for (byte b : title.getBytes(StandardCharsets.UTF_8)) {
        seed = SplitMix64.mix(seed ^ (b & 0xff));
      }
      // Stars: small, dim, more of them high in the sky.
      for (int i = 0; i < 220; i++) {
        long r = SplitMix64.nth(seed, i);
        double x = (r & 0xffff) / 65536.0 * size;
        double y = Math.pow(((r >>> 16) & 0xffff) / 65536.0, 1.6) * size * 0.9;
        double radius = size * (0.0012 + ((r >>> 32) & 0xff) / 255.0 * 0.0028);
        int alpha = 90 + (int) (((r >>> 40) & 0xff) / 255.0 * 150);
        g.setColor(new Color(255, 250, 230, alpha));
        g.fill(new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius));
      }
      // A crescent moon, upper right, with a faint halo.
      double moon = size * 0.16;
      double mx = size * 0.72;
      double my = size * 0.12;
      g.setColor(new Color(255, 240, 200, 14));
      g.fill(new Ellipse2D.Double(mx - moon * 0.35, my - moon * 0.35, moon * 1.7, moon * 1.7));
      Area crescent = new Area(new Ellipse2D.Double(mx, my, moon, moon));
      crescent.subtract(new Area(new Ellipse2D.Double(mx + moon * 0.28, my - moon * 0.08, moon, moon)));
      g.setColor(new Color(255, 236, 179));
      g.fill(crescent);
      // Hills: two dark silhouettes along the bottom.
      g.setColor(new Color(16, 20, 48));
      g.fill(new Ellipse2D.Double(-size * 0.3, size * 0.80, size * 1.1, size * 0.6));
      g.setColor(new Color(10, 13, 32));
      g.fill(new Ellipse2D.Double(size * 0.25, size * 0.86, size * 1.1, size * 0.5));
      drawTitle(g, title, size);
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * The title in a heavy sans-serif, wrapped into at most three lines and as large as fits: at
   * from 1/7 down to no less than 1/24 of the height per line, so that it reads on a thumbnail.
   */
  private static void drawTitle(Graphics2D g, String title, int size) {
    String text = title.isBlank() ? "lullabeam" : title.strip();
    double maxWidth = size * 0.84;
    List<String> lines = List.of(text);
    Font font = null;
    for (int points = size / 7; points >= size / 24; points -= 4) {
      font = new Font(Font.SANS_SERIF, Font.BOLD, points);
      FontMetrics metrics = g.getFontMetrics(font);
      lines = wrap(text, metrics, maxWidth);
      if (lines.size() <= 3 && lines.stream().allMatch(l -> metrics.stringWidth(l) <= maxWidth)) {
        break;
      }
    }
    g.setFont(font);
    FontMetrics metrics = g.getFontMetrics();
    int lineHeight = metrics.getAscent() + metrics.getDescent();
    int top = (int) (size * 0.52) - lines.size() * lineHeight / 2;
    g.setStroke(new BasicStroke(1f));
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int x = (size - metrics.stringWidth(line)) / 2;
      int y = top + i * lineHeight + metrics.getAscent();
      g.setColor(new Color(0, 0, 0, 110));
      g.drawString(line, x + size / 350, y + size / 350);
      g.setColor(new Color(255, 246, 222));
      g.drawString(line, x, y);
    }
  }

  /** Greedy word wrap; a word wider than the line stays whole (the font shrinks instead). */
  private static List<String> wrap(String text, FontMetrics metrics, double maxWidth) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (metrics.stringWidth(candidate) <= maxWidth || line.length() == 0) {
        line.setLength(0);
        line.append(candidate);
      } else {
        lines.add(line.toString());
        line.setLength(0);
        line.append(word);
      }
    }
    lines.add(line.toString());
    return lines;
  }
}
