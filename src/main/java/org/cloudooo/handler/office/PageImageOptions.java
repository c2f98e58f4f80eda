package org.cloudooo.handler.office;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cloudooo.handler.ConversionOptions;

/**
 * One page of a document as an image ({@code conversion_kw} {@code page}, {@code width},
 * {@code height}): a thumbnail. A missing dimension follows the page's aspect ratio.
 *
 * @param page the page (slide, sheet page) to draw, from 1
 */
record PageImageOptions(int page, Optional<Integer> width, Optional<Integer> height) {

  static final Set<String> KEYS = Set.of("page", "width", "height");
  /** The image targets that can draw one page, with the media type the graphic exporter writes. */
  static final Map<String, String> MEDIA_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg", "webp", "image/webp");
  static final int DEFAULT_PAGE = 1;
  /** The largest side drawn: beyond it a thumbnail is a poster that takes soffice minutes. */
  static final int MAX_PIXELS = 10_000;

  /** The options, when any of them is given; without, the export filter draws the first page at its own size. */
  static Optional<PageImageOptions> read(ConversionOptions options) {
    if (KEYS.stream().noneMatch(options::has)) {
      return Optional.empty();
    }
    return Optional.of(new PageImageOptions(
        options.integer("page", 1, Integer.MAX_VALUE).orElse(DEFAULT_PAGE),
        options.integer("width", 1, MAX_PIXELS),
        options.integer("height", 1, MAX_PIXELS)));
  }

  /**
   * Width and height in pixels for a page of this size: the ones given, the other by aspect;
   * with neither, the page at 96 dpi.
   */
  int[] pixels(long pageWidth, long pageHeight) {
    double aspect = (double) pageHeight / pageWidth;
    if (width.isPresent() && height.isPresent()) {
      return new int[] {width.get(), height.get()};
    }
    if (width.isPresent()) {
      return new int[] {width.get(), Math.max(1, (int) Math.round(width.get() * aspect))};
    }
    if (height.isPresent()) {
      return new int[] {Math.max(1, (int) Math.round(height.get() / aspect)), height.get()};
    }
    // 1/100 mm → pixels at 96 dpi.
    int atScreen = (int) Math.round(pageWidth / 2540.0 * 96);
    return new int[] {atScreen, Math.max(1, (int) Math.round(atScreen * aspect))};
  }
}
