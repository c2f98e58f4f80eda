package org.cloudooo.handler.office;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.cloudooo.handler.ConversionOptions;

/**
 * The office handler's {@code conversion_kw}, checked against the conversion asked for: a key
 * that does not apply to its target (a page range for a docx, a sheet for a pdf) is refused
 * with the keys that do.
 *
 * @param password opens a protected input
 * @param infilter {@code FilterName[:FilterOptions]} to load the input with
 * @param pdf options of an export to PDF
 * @param pageImage one page as an image
 * @param csv options of a CSV export
 */
record OfficeOptions(
    Optional<String> password,
    Optional<String> infilter,
    Optional<PdfExportOptions> pdf,
    Optional<PageImageOptions> pageImage,
    Optional<CsvExportOptions> csv) {

  /** Keys of any conversion. */
  static final Set<String> COMMON_KEYS = Set.of("password", "infilter", "script");
  private static final String PRESENTATION = "com.sun.star.presentation.PresentationDocument";
  private static final String SPREADSHEET = "com.sun.star.sheet.SpreadsheetDocument";

  /** The options of metadata calls and of conversions to the native format: only a password. */
  static OfficeOptions forLoading(Map<String, Object> raw, String purpose) {
    var options = new ConversionOptions(raw);
    options.requireOnly(Set.of("password"), purpose);
    return new OfficeOptions(options.text("password"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * @param candidates the export filters by document service the conversion may use
   * @param csvFilter the CSV filter's Name (it imports and exports)
   * @param purpose the conversion, for messages ({@code converting odt to pdf})
   */
  static OfficeOptions forConversion(
      Map<String, Object> raw, String destination, Map<String, ExportFilter> candidates, String csvFilter, String purpose) {
    var options = new ConversionOptions(raw);
    if (options.has("script")) {
      // The original ran the script only with ooo_enable_scripting; this server never runs one.
      throw new CloudoooException(ErrorKind.REFUSED, "ooo: scripting is disabled");
    }
    Collection<ExportFilter> filters = candidates.values();
    boolean toPdf = filters.stream().anyMatch(filter -> filter.name().endsWith("pdf_Export"));
    boolean toPageImage = PageImageOptions.MEDIA_TYPES.containsKey(destination);
    boolean toCsv = filters.stream().anyMatch(filter -> filter.name().equals(csvFilter));
    Set<String> accepted = new HashSet<>(COMMON_KEYS);
    if (toPdf) {
      accepted.addAll(PdfExportOptions.KEYS);
      if (candidates.containsKey(PRESENTATION)) {
        accepted.add(PdfExportOptions.EXPORT_NOTES_PAGES);
      }
      if (candidates.containsKey(SPREADSHEET)) {
        accepted.add(PdfExportOptions.SINGLE_PAGE_SHEETS);
      }
    }
    if (toPageImage) {
      accepted.addAll(PageImageOptions.KEYS);
    }
    if (toCsv) {
      accepted.addAll(CsvExportOptions.KEYS);
    }
    options.requireOnly(accepted, purpose);
    return new OfficeOptions(
        options.text("password"),
        options.text("infilter"),
        toPdf ? Optional.of(PdfExportOptions.read(options)) : Optional.empty(),
        toPageImage ? PageImageOptions.read(options) : Optional.empty(),
        toCsv ? CsvExportOptions.read(options) : Optional.empty());
  }
}
