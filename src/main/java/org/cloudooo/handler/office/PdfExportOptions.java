package org.cloudooo.handler.office;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.handler.ConversionOptions;

/**
 * The {@code conversion_kw} of an export to PDF, each mapped to LibreOffice's PDF export
 * FilterData (names checked against LibreOffice 7.4's {@code filter/source/pdf/pdfexport.cxx}).
 * Unset options leave the filter's defaults of {@code office.conf} (PDF/A-1b, notes pages for
 * presentations) as they are.
 */
record PdfExportOptions(
    Optional<String> pdfVersion,
    Optional<Boolean> pdfUa,
    Optional<String> pageRange,
    Optional<Boolean> exportNotesPages,
    Optional<Boolean> exportBookmarks,
    Optional<Integer> imageQuality,
    Optional<Integer> maxImageResolution,
    Optional<String> watermark,
    Optional<String> userPassword,
    Optional<String> ownerPassword,
    Optional<List<String>> permissions,
    Optional<Boolean> tagged,
    Optional<Boolean> singlePageSheets) {

  /** {@code pdf_version} values → {@code SelectPdfVersion}; PDF/A-1b is the default, as in the original. */
  static final Map<String, Integer> PDF_VERSIONS = orderedMap(
      "PDF/A-1b", 1, "PDF/A-2b", 2, "PDF/A-3b", 3, "PDF-1.5", 15, "PDF-1.6", 16);
  /**
   * Asked for by clients, not written by LibreOffice 7.4: its SelectPdfVersion 17 writes a
   * PDF 1.6 file (PDF 1.7 export came with a later LibreOffice).
   */
  static final String PDF_1_7 = "PDF-1.7";
  static final String DEFAULT_PDF_VERSION = "PDF/A-1b";
  /** The resolutions LibreOffice's PDF dialog offers for {@code MaxImageResolution}. */
  static final List<Integer> IMAGE_RESOLUTIONS = List.of(75, 150, 300, 600, 1200);
  static final List<String> PERMISSIONS = List.of("print", "copy", "modify");
  /** Keys for every PDF export. */
  static final Set<String> KEYS = Set.of("pdf_version", "pdf_ua", "page_range", "export_bookmarks", "image_quality",
      "max_image_resolution", "watermark", "user_password", "owner_password", "permissions", "tagged");
  /** Keys for presentations only. */
  static final String EXPORT_NOTES_PAGES = "export_notes_pages";
  /** Keys for spreadsheets only. */
  static final String SINGLE_PAGE_SHEETS = "single_page_sheets";

  private static final String PAGE_RANGE = "\\d+(-\\d+)?(,\\d+(-\\d+)?)*";
  /** LibreOffice's Printing: 2 = print at full resolution; Changes: 4 = any change but page extraction. */
  private static final int PRINT_HIGH_RESOLUTION = 2;
  private static final int ANY_CHANGE = 4;

  static PdfExportOptions read(ConversionOptions options) {
    List<String> versions = List.copyOf(PDF_VERSIONS.keySet());
    if (options.string("pdf_version").filter(PDF_1_7::equals).isPresent()) {
      throw CloudoooException.badInput("conversion_kw['pdf_version']: 'PDF-1.7' is not written by this server's LibreOffice"
          + " (7.4 writes PDF 1.6 at most); use one of " + String.join(", ", versions));
    }
    var pdf = new PdfExportOptions(
        options.oneOf("pdf_version", versions),
        options.flag("pdf_ua"),
        options.string("page_range").map(PdfExportOptions::checkedPageRange),
        options.flag(EXPORT_NOTES_PAGES),
        options.flag("export_bookmarks"),
        options.integer("image_quality", 1, 100),
        options.integer("max_image_resolution", 1, Integer.MAX_VALUE).map(PdfExportOptions::checkedResolution),
        options.text("watermark"),
        options.text("user_password"),
        options.text("owner_password"),
        options.subsetOf("permissions", PERMISSIONS),
        options.flag("tagged"),
        options.flag(SINGLE_PAGE_SHEETS));
    pdf.checkCombinations();
    return pdf;
  }

  /** The filter's FilterData with these options laid over it. */
  Map<String, Object> filterData(Map<String, Object> defaults) {
    Map<String, Object> data = new LinkedHashMap<>(defaults);
    pdfVersion.ifPresent(version -> data.put("SelectPdfVersion", PDF_VERSIONS.get(version)));
    pdfUa.ifPresent(ua -> data.put("PDFUACompliance", ua));
    pageRange.ifPresent(range -> data.put("PageRange", range));
    exportNotesPages.ifPresent(notes -> data.put("ExportNotesPages", notes));
    exportBookmarks.ifPresent(bookmarks -> data.put("ExportBookmarks", bookmarks));
    imageQuality.ifPresent(quality -> data.put("Quality", quality));
    maxImageResolution.ifPresent(dpi -> {
      data.put("ReduceImageResolution", Boolean.TRUE);
      data.put("MaxImageResolution", dpi);
    });
    watermark.ifPresent(text -> data.put("Watermark", text));
    userPassword.ifPresent(password -> {
      data.put("EncryptFile", Boolean.TRUE);
      data.put("DocumentOpenPassword", password);
    });
    ownerPassword.ifPresent(password -> {
      List<String> allowed = permissions.orElse(List.of());
      data.put("RestrictPermissions", Boolean.TRUE);
      data.put("PermissionPassword", password);
      data.put("Printing", allowed.contains("print") ? PRINT_HIGH_RESOLUTION : 0);
      data.put("EnableCopyingOfContent", allowed.contains("copy"));
      data.put("Changes", allowed.contains("modify") ? ANY_CHANGE : 0);
    });
    tagged.ifPresent(on -> data.put("UseTaggedPDF", on));
    singlePageSheets.ifPresent(on -> data.put("SinglePageSheets", on));
    return data;
  }

  private void checkCombinations() {
    boolean encrypted = userPassword.isPresent() || ownerPassword.isPresent();
    boolean pdfA = pdfVersion.orElse(DEFAULT_PDF_VERSION).startsWith("PDF/A");
    // PDF/A forbids encryption: LibreOffice would silently write an unprotected file.
    if (encrypted && pdfA) {
      throw CloudoooException.badInput("conversion_kw['user_password'] and ['owner_password'] need a pdf_version that allows"
          + " encryption (PDF/A forbids it, and PDF/A-1b is the default): set pdf_version to PDF-1.5 or PDF-1.6");
    }
    // LibreOffice tags every PDF/A file whatever UseTaggedPDF says.
    if (tagged.filter(on -> !on).isPresent() && pdfA) {
      throw CloudoooException.badInput("conversion_kw['tagged'] false needs a pdf_version that is not PDF/A (LibreOffice tags"
          + " PDF/A files always, and PDF/A-1b is the default): set pdf_version to PDF-1.5 or PDF-1.6");
    }
    if (permissions.isPresent() && ownerPassword.isEmpty()) {
      throw CloudoooException.badInput(
          "conversion_kw['permissions'] needs conversion_kw['owner_password'], the password that lifts them");
    }
  }

  private static String checkedPageRange(String range) {
    String compact = range.replace(" ", "");
    if (!compact.matches(PAGE_RANGE)) {
      throw CloudoooException.badInput("conversion_kw['page_range']: '" + range
          + "' is not a page range; give page numbers and ranges separated by commas, such as \"1-3,5\"");
    }
    return compact;
  }

  private static int checkedResolution(int dpi) {
    if (!IMAGE_RESOLUTIONS.contains(dpi)) {
      throw CloudoooException.badInput("conversion_kw['max_image_resolution']: " + dpi + " is not one of "
          + String.join(", ", IMAGE_RESOLUTIONS.stream().map(String::valueOf).toList()));
    }
    return dpi;
  }

  private static Map<String, Integer> orderedMap(Object... keysAndValues) {
    Map<String, Integer> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], (Integer) keysAndValues[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
