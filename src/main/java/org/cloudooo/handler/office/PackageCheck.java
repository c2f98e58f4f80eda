package org.cloudooo.handler.office;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Inspects a zip as LibreOffice reads it, through its central directory: an ODF package (a
 * {@code mimetype} member naming an OpenDocument type) or an OOXML one ({@code
 * [Content_Types].xml}) for links and bombs, any other zip for bombs only.
 */
final class PackageCheck {

  private static final String ODF_MEDIA_TYPE = "application/vnd.oasis.opendocument.";

  /** The kind of package, by the members that identify it. */
  private enum Kind { ODF, OOXML, SITE, OTHER }

  private PackageCheck() {}

  /** The file as a zip; empty when it is none. */
  static Optional<ZipFile> open(Path file) throws IOException {
    try {
      return Optional.of(new ZipFile(file.toFile()));
    } catch (ZipException notAZip) {
      return Optional.empty();
    }
  }

  /** @param maxExpandedBytes the most its members may expand to together (max_expanded_size) */
  static PreloadVerdict inspect(ZipFile zip, long maxExpandedBytes) {
    ExpansionBudget budget = ExpansionBudget.of(maxExpandedBytes);
    return switch (kindOf(zip)) {
      case ODF -> checkedIf(PackageMembers.readAll(zip, budget, OdfLinks.packageScanner()));
      case OOXML -> checkedIf(OoxmlLinks.inspect(zip, budget));
      case SITE -> bombsOnly(zip, budget, PreloadVerdict.ZIPPED_SITE); // its pages are checked as they are extracted
      case OTHER -> bombsOnly(zip, budget, PreloadVerdict.NEEDS_LOADED_CHECK);
    };
  }

  private static PreloadVerdict bombsOnly(ZipFile zip, ExpansionBudget budget, PreloadVerdict verdict) {
    PackageMembers.readAll(zip, budget, (name, content) -> true);
    return verdict;
  }

  private static PreloadVerdict checkedIf(boolean understood) {
    return understood ? PreloadVerdict.CHECKED : PreloadVerdict.NEEDS_LOADED_CHECK;
  }

  /**
   * A zip with neither identifying member is a site; a package with both is neither: LibreOffice may read it either way
   * (or as an ODB database, an old StarOffice file ...), so only bombs are refused here.
   */
  private static Kind kindOf(ZipFile zip) {
    boolean ooxml = zip.getEntry("[Content_Types].xml") != null;
    ZipEntry mimetype = zip.getEntry("mimetype");
    if (mimetype == null) {
      return ooxml ? Kind.OOXML : Kind.SITE;
    }
    String mediaType;
    try (InputStream in = zip.getInputStream(mimetype)) {
      mediaType = new String(in.readNBytes(100), StandardCharsets.US_ASCII).strip();
    } catch (IOException damaged) {
      return Kind.OTHER;
    }
    boolean odf = mediaType.startsWith(ODF_MEDIA_TYPE) && !mediaType.equals(ODF_MEDIA_TYPE + "base");
    return odf && !ooxml ? Kind.ODF : Kind.OTHER;
  }
}
