package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cloudooo.it.Documents.pdfPages;
import static org.cloudooo.it.Documents.pdfText;
import static org.cloudooo.it.Documents.pdfXmp;
import static org.cloudooo.it.TestServers.testData;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Given the office server, when conversion_kw options are sent, then the output shows each of them. */
class ConversionOptionsIT {

  private static XmlRpcTestClient client;

  @BeforeAll
  static void server() throws Exception {
    client = new XmlRpcTestClient(TestServers.office().port());
  }

  private static byte[] convert(String document, String source, String destination, Map<String, Object> options) throws IOException {
    return client.convert(testData(document), source, destination, false, false, options);
  }

  @Test
  void pdfVersionIsInTheHeaderAndThePdfAIdentification() throws Exception {
    byte[] pdfA2 = convert("hello.odt", "odt", "pdf", Map.of("pdf_version", "PDF/A-2b"));
    assertThat(pdfXmp(pdfA2)).containsPattern("pdfaid:part.{0,3}2").containsPattern("pdfaid:conformance.{0,3}B");
    byte[] plain = convert("hello.odt", "odt", "pdf", Map.of("pdf_version", "PDF-1.6", "pdf_ua", true));
    assertThat(new String(plain, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.6");
    byte[] older = convert("hello.odt", "odt", "pdf", Map.of("pdf_version", "PDF-1.5"));
    assertThat(new String(older, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.5");
    assertThat(pdfXmp(plain)).doesNotContain("pdfaid:part").containsPattern("pdfuaid:part.{0,3}1");
    try (PDDocument tagged = Loader.loadPDF(plain)) {
      assertThat(tagged.getDocumentCatalog().getStructureTreeRoot()).isNotNull();
    }
  }

  @Test
  void pageRangeAndBookmarksShapeTheTextPdf() throws Exception {
    byte[] pdf = convert("pages.fodt", "fodt", "pdf", Map.of("page_range", "1-2,4"));
    assertThat(pdfPages(pdf)).isEqualTo(3);
    assertThat(pdfText(pdf)).contains("Page one", "Page two", "Page four").doesNotContain("Page three");
    try (PDDocument withOutline = Loader.loadPDF(convert("pages.fodt", "fodt", "pdf", Map.of("export_bookmarks", true)));
        PDDocument without = Loader.loadPDF(convert("pages.fodt", "fodt", "pdf", Map.of("export_bookmarks", false)))) {
      assertThat(withOutline.getDocumentCatalog().getDocumentOutline().getFirstChild().getTitle()).isEqualTo("Chapter One");
      assertThat(without.getDocumentCatalog().getDocumentOutline()).isNull();
    }
  }

  @Test
  void presentationsHaveNotesPagesUnlessTurnedOff() throws Exception {
    assertThat(pdfPages(convert("slides.odp", "odp", "pdf", Map.of()))).isEqualTo(4);
    assertThat(pdfPages(convert("slides.odp", "odp", "pdf", Map.of("export_notes_pages", false)))).isEqualTo(2);
  }

  @Test
  void watermarkTextIsOnThePage() throws Exception {
    // LibreOffice draws the watermark diagonally, one letter per text run.
    String text = pdfText(convert("hello.odt", "odt", "pdf", Map.of("watermark", "CONFIDENTIAL")));
    assertThat(text.replaceAll("\\s", "")).contains("CONFIDENTIAL");
  }

  @Test
  void passwordsAndPermissionsProtectThePdf() throws Exception {
    byte[] pdf = convert("hello.odt", "odt", "pdf", Map.of("pdf_version", "PDF-1.6", "user_password", "open-me",
        "owner_password", "owner", "permissions", List.of("print")));
    assertThatThrownBy(() -> Loader.loadPDF(pdf).close()).isInstanceOf(InvalidPasswordException.class);
    try (PDDocument opened = Loader.loadPDF(pdf, "open-me")) {
      assertThat(opened.isEncrypted()).isTrue();
      AccessPermission permission = opened.getCurrentAccessPermission();
      assertThat(permission.canPrint()).isTrue();
      assertThat(permission.canExtractContent()).isFalse();
      assertThat(permission.canModify()).isFalse();
      assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(opened)).contains("The quick brown fox");
    }
  }

  @Test
  void imageResolutionAndQualityShrinkThePictures() throws Exception {
    // An 800 px picture 8 cm wide (about 254 dpi).
    byte[] odt = LargeDocumentIT.odtWithNoiseImage(800);
    byte[] sharp = client.convert(odt, "odt", "pdf", false, false, Map.of("max_image_resolution", 75, "image_quality", 90));
    byte[] coarse = client.convert(odt, "odt", "pdf", false, false, Map.of("max_image_resolution", 75, "image_quality", 20));
    assertThat(pictureWidth(sharp)).as("pixels of the picture at 75 dpi").isBetween(200, 260);
    assertThat(coarse.length).as("bytes at quality 20 against 90").isLessThan(sharp.length * 3 / 4);
  }

  @Test
  void taggingCanBeTurnedOffForPlainPdf() throws Exception {
    try (PDDocument document = Loader.loadPDF(convert("slides.odp", "odp", "pdf", Map.of("tagged", false, "pdf_version", "PDF-1.6")))) {
      assertThat(document.getNumberOfPages()).isEqualTo(4);
      assertThat(document.getDocumentCatalog().getStructureTreeRoot()).isNull();
    }
  }

  private static int pictureWidth(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDResources resources = document.getPage(0).getResources();
      for (COSName name : resources.getXObjectNames()) {
        if (resources.getXObject(name) instanceof PDImageXObject picture) {
          return picture.getWidth();
        }
      }
    }
    throw new AssertionError("no picture on the first page");
  }

  @Test
  void badValuesAndKeysAreFaultsThatListTheValidOnes() {
    assertFault(Map.of("pdf_version", "PDF/A-9"), "pdf",
        "ValueError:conversion_kw['pdf_version']: 'PDF/A-9' is not one of PDF/A-1b, PDF/A-2b, PDF/A-3b, PDF-1.5, PDF-1.6");
    assertFault(Map.of("pdf_version", "PDF-1.7"), "pdf", "'PDF-1.7' is not written by this server's LibreOffice (7.4 writes PDF 1.6 at most)");
    assertFault(Map.of("tagged", false), "pdf", "LibreOffice tags PDF/A files always");
    assertFault(Map.of("image_quality", 0), "pdf", "conversion_kw['image_quality']: 0 is out of range; give an integer from 1 to 100");
    assertFault(Map.of("max_image_resolution", 100), "pdf", "is not one of 75, 150, 300, 600, 1200");
    assertFault(Map.of("page_range", "one"), "pdf", "'one' is not a page range");
    assertFault(Map.of("pdf_ua", "yes"), "pdf", "conversion_kw['pdf_ua']: 'yes' is not true or false");
    assertFault(Map.of("permissions", List.of("print", "fly"), "owner_password", "o", "pdf_version", "PDF-1.6"), "pdf",
        "'fly' is not one of print, copy, modify");
    assertFault(Map.of("user_password", "x"), "pdf", "set pdf_version to PDF-1.5 or PDF-1.6");
    assertFault(Map.of("page_range", "1"), "ms.docx", "conversion_kw['page_range'] does not apply to converting odt to ms.docx");
    assertFault(Map.of("single_page_sheets", true), "pdf", "conversion_kw['single_page_sheets'] does not apply to converting odt to pdf");
    assertFault(Map.of("export_notes_pages", true), "pdf", "does not apply");
    assertFault(Map.of("colour", "red"), "pdf", "keys for converting odt to pdf: export_bookmarks, image_quality, infilter,");
  }

  private static void assertFault(Map<String, Object> options, String destination, String message) {
    assertThatThrownBy(() -> convert("hello.odt", "odt", destination, options))
        .isInstanceOf(XmlRpcTestClient.Fault.class).hasMessageContaining(message);
  }

  @Test
  void aPageOfATextDocumentIsAPngOfTheWidthAsked() throws Exception {
    byte[] docx = client.convert(testData("pages.fodt"), "fodt", "ms.docx");
    BufferedImage page = image(client.convert(docx, "docx", "png", false, false, Map.of("page", 2, "width", 800)));
    assertThat(page.getWidth()).isEqualTo(800);
    assertThat(page.getHeight()).isBetween(1125, 1137); // A4 by aspect
    BufferedImage jpg = image(client.convert(docx, "docx", "jpg", false, false, Map.of("page", 4, "height", 200)));
    assertThat(jpg.getHeight()).isEqualTo(200);
    assertThat(jpg.getWidth()).isBetween(139, 143);
    assertThatThrownBy(() -> client.convert(docx, "docx", "png", false, false, Map.of("page", 9)))
        .hasMessageContaining("conversion_kw['page']: 9 is out of range; this document has 4 page(s)");
  }

  @Test
  void slidesSheetsDrawingsAndPdfPagesAreImagesToo() throws Exception {
    byte[] webp = convert("slides.odp", "odp", "webp", Map.of("page", 2, "width", 320));
    assertThat(new String(webp, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
    assertThat(webpWidth(webp)).isEqualTo(320);
    assertThat(image(convert("sheet.ods", "ods", "png", Map.of("width", 300))).getWidth()).isEqualTo(300);
    assertThat(image(convert("drawing.odg", "odg", "png", Map.of("width", 120, "height", 90))).getHeight()).isEqualTo(90);
    BufferedImage pdfPage = image(convert("hello.pdf", "pdf", "png", Map.of("page", 1, "width", 400)));
    assertThat(pdfPage.getWidth()).isEqualTo(400);
  }

  @Test
  void csvTakesSeparatorEncodingAndSheet() throws Exception {
    byte[] latin9 = convert("latin9.csv", "csv", "csv", Map.of("csv_separator", ";", "csv_encoding", "ISO-8859-15"));
    assertThat(new String(latin9, Charset.forName("ISO-8859-15"))).contains("Euro;1€").contains("Crème;2");
    assertThat(latin9).contains((byte) 0xA4);
    byte[] prices = convert("sheet.ods", "ods", "csv", Map.of("sheet", "Prices", "csv_separator", "\t"));
    assertThat(new String(prices, StandardCharsets.UTF_8)).startsWith("Item\tPrice");
    assertThatThrownBy(() -> convert("sheet.ods", "ods", "csv", Map.of("sheet", "Costs")))
        .hasMessageContaining("conversion_kw['sheet']: 'Costs' is not a sheet of this document; its sheets are 'Prices'");
    assertThatThrownBy(() -> convert("sheet.ods", "ods", "csv", Map.of("csv_encoding", "EBCDIC")))
        .hasMessageContaining("'EBCDIC' is not one of UTF-8, UTF-16, ISO-8859-1, ISO-8859-15, Windows-1252, US-ASCII");
  }

  @Test
  void singlePageSheetsPutsEachSheetOnOnePage() throws Exception {
    StringBuilder rows = new StringBuilder("n,square\n");
    for (int i = 1; i <= 200; i++) {
      rows.append(i).append(',').append(i * i).append('\n');
    }
    byte[] csv = rows.toString().getBytes(StandardCharsets.US_ASCII);
    assertThat(pdfPages(client.convert(csv, "csv", "pdf"))).isGreaterThan(1);
    assertThat(pdfPages(client.convert(csv, "csv", "pdf", false, false, Map.of("single_page_sheets", true)))).isEqualTo(1);
  }

  @Test
  void protectedDocumentsOpenWithTheirPasswordOnly() throws Exception {
    for (String name : List.of(
        "protected.odt", "protected.doc", "protected.xls", "protected.docx", "protected.xlsx", "protected.pptx")) {
      String format = name.substring(name.indexOf('.') + 1);
      long start = System.nanoTime();
      assertThatThrownBy(() -> convert(name, format, "pdf", Map.of()))
          .as(name).hasMessageStartingWith("PasswordRequired:");
      assertThatThrownBy(() -> convert(name, format, "pdf", Map.of("password", "wrong")))
          .as(name).hasMessageStartingWith("WrongPassword:");
      // Both answers come at once: no dialog, no hang (a generous bound for a shared machine).
      assertThat((System.nanoTime() - start) / 1_000_000).as(name).isLessThan(3000);
      String text = pdfText(convert(name, format, "pdf", Map.of("password", "secret")));
      assertThat(text).as(name).containsAnyOf("The quick brown fox", "Coffee", "Quarterly Review");
    }
    assertThatThrownBy(() -> client.call("getFileMetadataItemList", XmlRpcTestClient.b64(testData("protected.odt")), "odt"))
        .hasMessageStartingWith("PasswordRequired:");
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) client.call(
        "getFileMetadataItemList", XmlRpcTestClient.b64(testData("protected.odt")), "odt", false, Map.of("password", "secret"));
    assertThat(metadata).containsEntry("Title", "Hello Cloudooo");
  }

  @Test
  void jobsTakeThePasswordAndSayWhenItIsMissing() throws Exception {
    JobClient jobs = new JobClient(TestServers.office().port());
    String opened = jobs.submit(testData("protected.docx"), "docx", "pdf", false, false, Map.of("password", "secret"));
    String refused = jobs.submit(testData("protected.docx"), "docx", "pdf");
    Map<String, Map<String, Object>> finished = jobs.awaitFinished(List.of(opened, refused), Duration.ofMinutes(2));
    assertThat(finished.get(opened)).containsEntry("state", "done");
    assertThat(pdfText(jobs.result(opened))).contains("The quick brown fox");
    assertThat(finished.get(refused)).containsEntry("state", "failed");
    assertThat((String) finished.get(refused).get("error")).startsWith("PasswordRequired:");
  }

  @Test
  void protectedPdfsOpenWithTheirPasswordInBothHandlers() throws Exception {
    byte[] pdf = PdfSamples.encrypted();
    assertThatThrownBy(() -> client.convert(pdf, "pdf", "txt")).hasMessageStartingWith("PasswordRequired:");
    assertThatThrownBy(() -> client.convert(pdf, "pdf", "txt", false, false, Map.of("password", "nope")))
        .hasMessageStartingWith("WrongPassword:");
    assertThat(client.convert(pdf, "pdf", "txt", false, false, Map.of("password", "secret"))).isNotNull();
    assertThatThrownBy(() -> client.convert(pdf, "pdf", "png")).hasMessageStartingWith("PasswordRequired:");
    assertThat(image(client.convert(pdf, "pdf", "png", false, false, Map.of("password", "secret", "width", 100))).getWidth())
        .isEqualTo(100);
  }

  private static BufferedImage image(byte[] data) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(data));
    assertThat(image).as("a PNG or JPEG image").isNotNull();
    return image;
  }

  /** The canvas width of a WebP file (VP8L lossless or VP8X extended header), which the JDK cannot read. */
  private static int webpWidth(byte[] webp) {
    String chunk = new String(webp, 12, 4, StandardCharsets.US_ASCII);
    if (chunk.equals("VP8L")) {
      return 1 + ((webp[21] & 0xFF) | (webp[22] & 0x3F) << 8);
    }
    assertThat(chunk).isEqualTo("VP8X");
    return 1 + ((webp[24] & 0xFF) | (webp[25] & 0xFF) << 8 | (webp[26] & 0xFF) << 16);
  }
}
