package org.cloudooo.handler.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.cloudooo.core.CloudoooException;
import org.junit.jupiter.api.Test;

/** conversion_kw to FilterData, FilterOptions and pixel sizes, and the faults of wrong ones. */
class OfficeOptionsTest {

  private static final ExportFilter WRITER_PDF =
      new ExportFilter("pdf", "writer_pdf_Export", "application/pdf", "com.sun.star.text.TextDocument", true, 2, "PDF");
  private static final ExportFilter CALC_CSV = new ExportFilter(
      "csv", "Text - txt - csv (StarCalc)", "text/csv", "com.sun.star.sheet.SpreadsheetDocument", true, 2, "Text CSV");

  private static OfficeOptions toPdf(Map<String, Object> raw) {
    return OfficeOptions.forConversion(
        raw, "pdf", Map.of(WRITER_PDF.documentService(), WRITER_PDF), CALC_CSV.name(), "converting odt to pdf");
  }

  @Test
  void pdfOptionsBecomeFilterData() {
    var pdf = toPdf(Map.of("pdf_version", "PDF-1.6", "page_range", "1-3, 5", "watermark", "W", "user_password", "u",
        "owner_password", "o", "permissions", List.of("copy"), "max_image_resolution", 300)).pdf().orElseThrow();
    assertThat(pdf.filterData(Map.of("SelectPdfVersion", 1, "Other", true))).containsEntry("SelectPdfVersion", 16)
        .containsEntry("Other", true).containsEntry("PageRange", "1-3,5").containsEntry("Watermark", "W")
        .containsEntry("EncryptFile", true).containsEntry("DocumentOpenPassword", "u")
        .containsEntry("RestrictPermissions", true).containsEntry("PermissionPassword", "o")
        .containsEntry("Printing", 0).containsEntry("EnableCopyingOfContent", true).containsEntry("Changes", 0)
        .containsEntry("ReduceImageResolution", true).containsEntry("MaxImageResolution", 300);
    assertThat(toPdf(Map.of()).pdf().orElseThrow().filterData(Map.of("SelectPdfVersion", 1))).containsExactly(Map.entry("SelectPdfVersion", 1));
  }

  @Test
  void keysOfOtherTargetsAndFamiliesAreRefused() {
    assertThatThrownBy(() -> toPdf(Map.of("sheet", 1))).isInstanceOf(CloudoooException.class)
        .hasMessageStartingWith("conversion_kw['sheet'] does not apply to converting odt to pdf; keys for converting odt to pdf: ");
    assertThatThrownBy(() -> toPdf(Map.of("export_notes_pages", false))).hasMessageContaining("does not apply");
    assertThatThrownBy(() -> toPdf(Map.of("script", "x"))).hasMessage("ooo: scripting is disabled");
  }

  @Test
  void csvOptionsBecomeTheFilterTokenString() {
    var csv = OfficeOptions.forConversion(Map.of("csv_separator", ";", "csv_encoding", "ISO-8859-15", "sheet", "B"), "csv",
        Map.of(CALC_CSV.documentService(), CALC_CSV), CALC_CSV.name(), "converting ods to csv").csv().orElseThrow();
    assertThat(csv.filterOptions(List.of("A", "B"))).isEqualTo("59,34,22,1,,0,false,true,true,false,false,2");
    assertThatThrownBy(() -> csv.filterOptions(List.of("A"))).hasMessageContaining("its sheets are 'A'");
  }

  @Test
  void aMissingDimensionFollowsThePageAspect() {
    var a4 = new long[] {21000, 29700};
    assertThat(new PageImageOptions(1, java.util.Optional.of(800), java.util.Optional.empty()).pixels(a4[0], a4[1]))
        .containsExactly(800, 1131);
    assertThat(new PageImageOptions(1, java.util.Optional.empty(), java.util.Optional.of(297)).pixels(a4[0], a4[1]))
        .containsExactly(210, 297);
  }
}
