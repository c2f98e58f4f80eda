package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cloudooo.it.Documents.html;
import static org.cloudooo.it.Documents.isPdf;
import static org.cloudooo.it.Documents.isPng;
import static org.cloudooo.it.Documents.odfText;
import static org.cloudooo.it.Documents.pdfText;
import static org.cloudooo.it.Documents.zipNames;
import static org.cloudooo.it.Documents.zipText;
import static org.cloudooo.it.TestServers.testData;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Given a real server with LibreOffice, when office documents are converted, then the outputs hold their content. */
class OfficeConversionIT {

  private static XmlRpcTestClient client;

  @BeforeAll
  static void server() throws Exception {
    client = new XmlRpcTestClient(TestServers.office().port());
  }

  @Test
  void docxToPdfIsAPdfAWithTheText() throws Exception {
    byte[] pdf = client.convert(testData("hello.docx"), "docx", "pdf");
    assertThat(isPdf(pdf)).isTrue();
    assertThat(pdfText(pdf)).contains("The quick brown fox jumps over the lazy dog").contains("Grüße aus Köln");
    assertThat(Documents.pdfXmp(pdf)).contains("pdfaid:part").containsPattern("pdfaid:part.{0,3}1");
  }

  @Test
  void docToOdtIsAnOdfTextDocument() throws Exception {
    byte[] odt = client.convert(testData("hello.doc"), "doc", "odt");
    assertThat(zipText(odt, "mimetype")).isEqualTo("application/vnd.oasis.opendocument.text");
    assertThat(odfText(odt)).contains("The quick brown fox jumps over the lazy dog");
  }

  @Test
  void odtToMsDocxIsWordXml() throws Exception {
    byte[] docx = client.convert(testData("hello.odt"), "odt", "ms.docx");
    assertThat(zipText(docx, "[Content_Types].xml")).contains("wordprocessingml");
    assertThat(zipText(docx, "word/document.xml")).contains("The quick brown fox jumps over the lazy dog");
  }

  @Test
  void xlsxToOdsKeepsCells() throws Exception {
    byte[] ods = client.convert(testData("sheet.xlsx"), "xlsx", "ods");
    assertThat(zipText(ods, "mimetype")).isEqualTo("application/vnd.oasis.opendocument.spreadsheet");
    assertThat(odfText(ods)).contains("Coffee").contains("Tea").contains("Cake");
    assertThat(zipText(ods, "content.xml")).contains("office:value=\"2.5\"").contains("of:=SUM([.B2:.B4])");
  }

  @Test
  void odsToXlsxKeepsCells() throws Exception {
    byte[] xlsx = client.convert(testData("sheet.ods"), "ods", "xlsx");
    assertThat(zipText(xlsx, "xl/sharedStrings.xml")).contains("Coffee").contains("Price");
    assertThat(zipText(xlsx, "xl/worksheets/sheet1.xml")).contains("<v>2.5</v>").contains("SUM(B2:B4)");
  }

  @Test
  void pptxToPdfHasOnePagePerSlide() throws Exception {
    byte[] pdf = client.convert(testData("slides.pptx"), "pptx", "pdf");
    assertThat(isPdf(pdf)).isTrue();
    assertThat(Documents.pdfPages(pdf)).isGreaterThanOrEqualTo(2);
    assertThat(pdfText(pdf)).contains("Quarterly Review").contains("Next Steps");
  }

  @Test
  void odpToHtmlWithZipHasThePageAndItsImages() throws Exception {
    byte[] zip = client.convert(testData("slides.odp"), "odp", "html", true);
    List<String> names = zipNames(zip);
    assertThat(names).anyMatch(name -> name.endsWith("impr.html"));
    assertThat(names).anyMatch(name -> name.endsWith(".png"));
    String pages = String.join(" ", names.stream().filter(n -> n.endsWith("html")).map(n -> {
      try {
        return zipText(zip, n);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList());
    assertThat(pages).contains("Quarterly Review");
  }

  @Test
  void htmlToOdtKeepsTextAndTable() throws Exception {
    byte[] odt = client.convert(testData("page.html"), "html", "odt");
    assertThat(zipText(odt, "mimetype")).isEqualTo("application/vnd.oasis.opendocument.text");
    assertThat(odfText(odt)).contains("Hello HTML").contains("Alice").contains("Brazil");
  }

  @Test
  void htmlToSpreadsheetImportsTheTableAsCells() throws Exception {
    byte[] ods = client.convert(testData("page.html"), "html", "ods");
    assertThat(zipText(ods, "mimetype")).isEqualTo("application/vnd.oasis.opendocument.spreadsheet");
    assertThat(zipText(ods, "content.xml")).contains("table:table-cell").contains("Alice");
  }

  @Test
  void utf8CsvToHtmlTable() throws Exception {
    String page = html(client.convert(testData("utf8.csv"), "csv", "html"));
    assertThat(page).contains("<table").contains("Zoë").contains("Zürich").contains("São Paulo");
    assertThat(cellsOfRow(page, 2)).containsExactly("Zoë", "Zürich");
  }

  @Test
  void latin9CsvIsReadAsIso885915() throws Exception {
    String page = html(client.convert(testData("latin9.csv"), "csv", "html"));
    assertThat(page).contains("1€").contains("Crème");
  }

  @Test
  void semicolonCsvIsSplitOnSemicolons() throws Exception {
    String page = html(client.convert(testData("semicolon.csv"), "csv", "html"));
    assertThat(cellsOfRow(page, 2)).containsExactly("1", "2", "3");
  }

  @Test
  void tabSeparatedCsvAndTsvAreSplitOnTabs() throws Exception {
    assertThat(cellsOfRow(html(client.convert(testData("tab.csv"), "csv", "html")), 2)).containsExactly("left", "right");
    assertThat(cellsOfRow(html(client.convert(testData("tab.tsv"), "tsv", "html")), 2)).containsExactly("left", "right");
  }

  @Test
  void emptyCsvIsAnEmptyTable() throws Exception {
    String page = html(client.convert(new byte[0], "csv", "html"));
    assertThat(page).containsIgnoringCase("<html");
  }

  @Test
  void odgToPng() throws Exception {
    byte[] png = client.convert(testData("drawing.odg"), "odg", "png");
    assertThat(isPng(png)).isTrue();
  }

  @Test
  void textExportIsUtf8WithLineFeeds() throws Exception {
    String text = new String(client.convert(testData("hello.odt"), "odt", "txt"), StandardCharsets.UTF_8);
    assertThat(text).contains("Grüße aus Köln — 中文").contains("\n").doesNotContain("\r\n");
  }

  @Test
  void zippedWebSiteIsConvertedFromItsIndexPage() throws Exception {
    byte[] pdf = client.convert(testData("site.zip"), "zip", "pdf");
    assertThat(pdfText(pdf)).contains("Hello from the zip");
  }

  @Test
  void noDestinationGivesTheNativeFormat() throws Exception {
    byte[] odt = client.convert(testData("hello.docx"), "docx", null);
    assertThat(zipText(odt, "mimetype")).isEqualTo("application/vnd.oasis.opendocument.text");
  }

  @Test
  void refreshAndInfilterAreHonoured() throws Exception {
    byte[] pdf = client.convert(testData("semicolon.csv"), "csv", "pdf", false, true,
        Map.of("infilter", "Text - txt - csv (StarCalc):59,34,UTF-8"));
    assertThat(pdfText(pdf)).contains("x").contains("y").contains("z");
  }

  @Test
  void unknownDestinationIsAFaultNamingTheAllowedTargets() throws Exception {
    assertThatThrownBy(() -> client.convert(testData("hello.odt"), "odt", "xyz"))
        .isInstanceOf(XmlRpcTestClient.Fault.class)
        .hasMessageContaining("'xyz'")
        .hasMessageContaining("pdf")
        .hasMessageContaining("ms.docx");
  }

  @Test
  void allowedListsComeFromLibreOffice() {
    @SuppressWarnings("unchecked")
    List<List<String>> extensions = (List<List<String>>) client.call("getAllowedExtensionList", Map.of("extension", "odt"));
    assertThat(extensions).contains(List.of("pdf", "PDF - Portable Document Format"), List.of("ms.docx", "Word 2007–365"),
        List.of("doc", "Word 97–2003"), List.of("odt", "ODF Text Document"));
    @SuppressWarnings("unchecked")
    List<List<String>> formats = (List<List<String>>) client.call("getAllowedConversionFormatList", "application/vnd.oasis.opendocument.spreadsheet");
    assertThat(formats).contains(List.of("application/pdf", "PDF - Portable Document Format"),
        List.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 2007–365"));
    @SuppressWarnings("unchecked")
    List<List<String>> byType = (List<List<String>>) client.call("getAllowedExtensionList", Map.of("document_type", "presentation"));
    assertThat(byType).contains(List.of("odp", "ODF Presentation"), List.of("pptx", "PowerPoint 2007–365"));
    @SuppressWarnings("unchecked")
    List<List<String>> none = (List<List<String>>) client.call("getAllowedExtensionList", Map.of("mimetype", "chemical/x-xyz"));
    assertThat(none).containsExactly(List.of("", ""));
    // Debian's extra XSLT exports are hidden by default.
    assertThat(extensions).noneMatch(pair -> pair.get(1).equals("XHTML") || pair.get(1).equals("DocBook"));
  }

  /** Texts of the cells of the n-th {@code <tr>} (1-based) of an HTML page. */
  static List<String> cellsOfRow(String page, int row) {
    String[] rows = page.split("(?i)<tr[^>]*>");
    String cells = rows[row].split("(?i)</tr>")[0];
    return java.util.Arrays.stream(cells.split("(?i)<td[^>]*>"))
        .skip(1)
        .map(cell -> cell.replaceAll("<[^>]+>", "").replace("&nbsp;", " ").strip())
        .toList();
  }
}
