package dev.lullabeam.lib.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverArtTest {

  @TempDir Path dir;

  @Test
  void aDrawnCoverIsASquareRgbPngApplesSizeAndTheSameForTheSameTitle() throws Exception {
    CoverArt.Cover cover = CoverArt.draw("Autumn Stories");
    assertThat(cover.fileName(), is("cover.png"));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(cover.bytes()));
    assertThat(image.getWidth(), is(CoverArt.DRAWN_SIZE));
    assertThat(image.getHeight(), is(CoverArt.DRAWN_SIZE));
    assertThat(image.getColorModel().getColorSpace().getType(), is(ColorSpace.TYPE_RGB));
    assertThat(image.getColorModel().hasAlpha(), is(false));
    assertThat(Arrays.equals(CoverArt.draw("Autumn Stories").bytes(), cover.bytes()), is(true));
    assertThat(Arrays.equals(CoverArt.draw("Winter Stories").bytes(), cover.bytes()), is(false));
    // It passes the checks a given cover must pass.
    Path file = dir.resolve("drawn.png");
    Files.write(file, cover.bytes());
    assertThat(CoverArt.check(file).fileName(), is("cover.png"));
  }

  @Test
  void theTitleStandsOutOnAThumbnail() {
    BufferedImage image = CoverArt.drawImage("The Sleepy Lighthouse Keeper and the Seven Seals", 1400);
    BufferedImage thumb = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = thumb.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, 100, 100, null);
    g.dispose();
    // In the middle band, where the title is, light letters on a dark sky: a wide luminance span
    // at 100 px, and much of the band bright.
    int bright = 0;
    int min = 255;
    int max = 0;
    for (int y = 30; y < 75; y++) {
      for (int x = 5; x < 95; x++) {
        int rgb = thumb.getRGB(x, y);
        int luma = (int) (0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff));
        min = Math.min(min, luma);
        max = Math.max(max, luma);
        bright += luma > 160 ? 1 : 0;
      }
    }
    assertThat(max - min, greaterThan(170));
    assertThat(bright, greaterThan(200));
  }

  @Test
  void givenCoversThatBreakTheRulesAreRefusedInOneLine() throws IOException {
    assertRefused(image(1400, 1000, BufferedImage.TYPE_INT_RGB), "png", "not square");
    assertRefused(image(1000, 1000, BufferedImage.TYPE_INT_RGB), "png", "1000 px wide");
    assertRefused(image(3100, 3100, BufferedImage.TYPE_INT_RGB), "png", "3100 px wide");
    assertRefused(image(1400, 1400, BufferedImage.TYPE_BYTE_GRAY), "png", "not RGB");
    assertRefused(image(1400, 1400, BufferedImage.TYPE_INT_ARGB), "png", "transparency");
    assertRefused(image(1400, 1400, BufferedImage.TYPE_INT_RGB), "gif", "gif, not PNG or JPEG");
    Path text = dir.resolve("cover.txt");
    Files.writeString(text, "not an image");
    assertThat(assertThrows(PublishException.class, () -> CoverArt.check(text)).getMessage(),
        containsString("is not a PNG or JPEG image"));
    assertThat(assertThrows(PublishException.class, () -> CoverArt.check(dir.resolve("none.png"))).getMessage(),
        containsString("cannot be read"));
  }

  @Test
  void aGoodJpegIsPublishedAsItIs() throws Exception {
    Path file = dir.resolve("mine.jpeg");
    ImageIO.write(image(2000, 2000, BufferedImage.TYPE_INT_RGB), "jpeg", file.toFile());
    CoverArt.Cover cover = CoverArt.check(file);
    assertThat(cover.fileName(), is("cover.jpg"));
    assertThat(cover.contentType(), is("image/jpeg"));
    assertThat(cover.bytes(), equalTo(Files.readAllBytes(file)));
  }

  private void assertRefused(BufferedImage image, String format, String expected) throws IOException {
    Path file = dir.resolve("cover-" + System.nanoTime() + "." + format);
    assertThat(ImageIO.write(image, format, file.toFile()), is(true));
    PublishException e = assertThrows(PublishException.class, () -> CoverArt.check(file));
    assertThat(e.getMessage(), containsString(expected));
    assertThat(e.getMessage(), containsString("--cover " + file));
    assertThat(e.getMessage(), not(containsString("\n")));
  }

  private static BufferedImage image(int width, int height, int type) {
    return new BufferedImage(width, height, type);
  }
}
