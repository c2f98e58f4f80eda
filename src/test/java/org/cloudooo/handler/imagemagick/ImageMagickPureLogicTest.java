package org.cloudooo.handler.imagemagick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.cloudooo.format.MediaTypes;
import org.cloudooo.format.FormatEntry;
import org.junit.jupiter.api.Test;

class ImageMagickPureLogicTest {

  /** The start and some later lines of identify -verbose for a 32x24 PNG (ImageMagick 6.9). */
  private static final String IDENTIFY = """
      Image:
        Filename: in.png
        Format: PNG (Portable Network Graphics)
        Mime type: image/png
        Class: DirectClass
        Geometry: 32x24+0+0
        Colorspace: sRGB
        Depth: 8-bit
        Channel depth:
          red: 8-bit
        Channel statistics:
          Pixels: 768
          Red:
            min: 0  (0)
            standard deviation: 125.152 (0.490791)
        Histogram:
            93: (0,0,0) #000000 black
        Compression: Zip
        Properties:
          date:create: 2026-11-22T00:30:49+00:00
          png:IHDR.width,height: 32, 24
        Elapsed time: 0:01.000
        Version: ImageMagick 6.9.11-60 Q16 x86_64 2021-01-25 https://imagemagick.org
      """;

  @Test
  void identifyVerboseLinesBecomeKeyValueEntries() {
    Map<String, Object> metadata = IdentifyOutput.parse(IDENTIFY);
    assertThat(metadata)
        .containsEntry("Image", "")
        .containsEntry("Filename", "in.png")
        .containsEntry("Format", "PNG (Portable Network Graphics)")
        .containsEntry("Mime type", "image/png")
        .containsEntry("Geometry", "32x24+0+0")
        .containsEntry("Compression", "Zip")
        .containsEntry("red", "8-bit")
        .containsEntry("Red", "")
        .containsEntry("standard deviation", "125.152 (0.490791)")
        // Several colons: the key is what precedes the first ": " (the original used '').
        .containsEntry("date:create", "2026-11-22T00:30:49+00:00")
        .containsEntry("png:IHDR.width,height", "32, 24")
        .containsEntry("Elapsed time", "0:01.000")
        .containsEntry("Version", "ImageMagick 6.9.11-60 Q16 x86_64 2021-01-25 https://imagemagick.org")
        .doesNotContainKey("")
        .doesNotContainKey("93");
  }

  @Test
  void limitsBecomeLimitOptionsAndBadValuesAreRefusedAtStart() {
    var limits = new ImageLimits("256MiB", "512MiB", "1GiB", "128MP", "16KP", 30);
    assertThat(String.join(" ", limits.arguments()))
        .isEqualTo("-limit memory 256MiB -limit map 512MiB -limit disk 1GiB -limit area 128MP"
            + " -limit width 16KP -limit height 16KP -limit time 30");
    assertThatThrownBy(() -> new ImageLimits("256MiB", "512MiB", "1GiB", "lots", "16KP", 30))
        .hasMessageContaining("imagemagick_area_limit");
    assertThatThrownBy(() -> new ImageLimits("256MiB", "512MiB", "1GiB", "128MP", "16KP", 0))
        .hasMessageContaining("imagemagick_time_limit");
  }

  @Test
  void formatsAreTheTablesThatImageMagickReadsAndWrites() {
    String listing = """
           Format  Module    Mode  Description
        -------------------------------------------------------------------------------
              BMP* BMP       rw-   Microsoft Windows bitmap image
              GIF* GIF       rw+   CompuServe graphics interchange format
             JPEG* JPEG      rw-   Joint Photographic Experts Group JFIF format (libjpeg-turbo 2.1.5)
              PNG* PNG       rw-   Portable Network Graphics (libpng 1.6.39)
             TIFF* TIFF      r--   Tagged Image File Format (LIBTIFF, Version 4.5.0)
        """;
    ImageFormats formats = ImageFormats.build(ImageFormats.loadTable(), listing, MediaTypes.standard());
    assertThat(formats.all()).extracting(ImageFormat::extension).containsExactly("png", "jpg", "gif", "bmp");
    assertThat(formats.targets()).extracting(FormatEntry::key).containsExactly("image/png", "image/jpeg", "image/gif", "image/x-ms-bmp");
    assertThat(formats.forExtension("jpeg").map(ImageFormat::coder)).contains("JPEG");
    assertThat(formats.forExtension("jfif").map(ImageFormat::coder)).contains("JPEG");
    assertThat(formats.forExtension("tiff")).isEmpty();
    ImageFormat gif = formats.forExtension("gif").orElseThrow();
    assertThat(gif.file("in.gif", true)).isEqualTo("GIF:in.gif[0]");
    assertThat(gif.allFrames()).isTrue();
  }
}
