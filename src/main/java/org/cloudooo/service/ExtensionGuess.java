package org.cloudooo.service;

import java.util.Map;
import java.util.Optional;
import org.cloudooo.format.MediaTypes;

/**
 * The original's {@code BBB_guess_extension}: the extension ERP5 expects for a
 * {@code (mimetype, title)} pair, by title first, then by type, then the type's first extension.
 * The title table is exactly the original's: it has no PowerPoint 2007–365 names.
 */
final class ExtensionGuess {

  private static final Map<String, String> BY_TITLE =
      Map.ofEntries(
          Map.entry("Flat XML ODF Text Document", "fodt"),
          Map.entry("MET - OS/2 Metafile", "met"),
          Map.entry("Microsoft Excel 2007-2013 XML", "ms.xlsx"),
          Map.entry("Excel 2007–365", "ms.xlsx"),
          Map.entry("Microsoft PowerPoint 2007-2013 XML", "ms.pptx"),
          Map.entry("Microsoft PowerPoint 2007-2013 XML AutoPlay", "ms.ppsx"),
          Map.entry("Microsoft Word 2007-2013 XML", "ms.docx"),
          Map.entry("Word 2007–365", "ms.docx"));

  private static final Map<String, String> BY_TYPE =
      Map.of(
          "application/msword", "doc",
          "application/postscript", "eps",
          "application/vnd.ms-excel", "xls",
          "application/vnd.ms-excel.sheet.macroenabled.12", "xlsm",
          "application/vnd.ms-powerpoint", "ppt",
          "text/html", "html",
          "text/plain", "txt",
          "image/jpeg", "jpg",
          // Where Tika's first extension is not Python's guess_extension (mpga, mp4a).
          "audio/mpeg", "mp3",
          "audio/mp4", "m4a");

  private final MediaTypes mediaTypes;

  ExtensionGuess(MediaTypes mediaTypes) {
    this.mediaTypes = mediaTypes;
  }

  Optional<String> extensionOf(String mimetype, String title) {
    String byTitle = BY_TITLE.get(title);
    if (byTitle != null) {
      return Optional.of(byTitle);
    }
    String bare = MediaTypes.bareType(mimetype);
    String byType = BY_TYPE.get(bare);
    return byType != null ? Optional.of(byType) : mediaTypes.firstExtensionOf(bare);
  }
}
