package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cloudooo.it.TestServers.testData;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Given office documents and PDFs, metadata written through the server reads back, and the document still converts. */
@SuppressWarnings("unchecked")
class MetadataIT {

  private static XmlRpcTestClient client;

  @BeforeAll
  static void server() throws Exception {
    client = new XmlRpcTestClient(TestServers.office().port());
  }

  private static Map<String, Object> metadata(byte[] document, String format, boolean baseDocument) {
    return (Map<String, Object>) client.call("getFileMetadataItemList", XmlRpcTestClient.b64(document), format, baseDocument);
  }

  private static byte[] update(byte[] document, String format, Map<String, Object> values) {
    return Base64.getMimeDecoder().decode((String) client.call("updateFileMetadata", XmlRpcTestClient.b64(document), format, values));
  }

  @Test
  void readsTheOriginalKeysAndForms() throws Exception {
    Map<String, Object> odt = metadata(testData("hello.odt"), "odt", false);
    assertThat(odt).containsEntry("Title", "Hello Cloudooo").containsEntry("Subject", "Testing")
        .containsEntry("Keywords", List.of("alpha", "beta"))
        .containsEntry("MIMEType", "application/vnd.oasis.opendocument.text")
        .containsEntry("Data", "");
    assertThat((String) odt.get("CreationDate")).matches("\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d:\\d\\d");
    assertThat(metadata(testData("hello.doc"), "doc", false)).containsEntry("MIMEType", "application/msword");
    assertThat(metadata(testData("hello.docx"), "docx", false))
        .containsEntry("MIMEType", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  }

  @ParameterizedTest
  @CsvSource({"hello.odt,odt,PK", "hello.doc,doc,OLE", "hello.docx,docx,PK", "sheet.ods,ods,PK", "slides.odp,odp,PK"})
  void officeRoundTripKeepsTheFormatAndStillConverts(String file, String format, String magic) throws Exception {
    byte[] updated = update(testData(file), format, Map.of(
        "title", "Round Trip", "subject", "Metadata test", "keywords", "one two", "reference", "REF-42"));
    assertThat(magic.equals("PK") ? updated[0] == 'P' && updated[1] == 'K' : (updated[0] & 0xff) == 0xd0).isTrue();
    Map<String, Object> read = metadata(updated, format, false);
    assertThat(read).containsEntry("Title", "Round Trip").containsEntry("Subject", "Metadata test")
        .containsEntry("Keywords", List.of("one", "two")).containsEntry("Reference", "REF-42");
    assertThat(Documents.isPdf(client.convert(updated, format, "pdf"))).isTrue();
  }

  @Test
  void keywordsAsAListAndIgnoredValues() throws Exception {
    byte[] updated = update(testData("hello.odt"), "odt", Map.of(
        "Keywords", List.of("x", "y z"), "CreationDate", "01/01/2000 00:00:00", "Title", 42));
    Map<String, Object> read = metadata(updated, "odt", false);
    assertThat(read).containsEntry("Keywords", List.of("x", "y z")).containsEntry("Title", "Hello Cloudooo");
    assertThat(read.get("CreationDate")).isNotEqualTo("01/01/2000 00:00:00");
  }

  @Test
  void baseDocumentReturnsTheNativeOdf() throws Exception {
    Map<String, Object> read = metadata(testData("hello.doc"), "doc", true);
    byte[] data = Base64.getMimeDecoder().decode((String) read.get("Data"));
    assertThat(Documents.zipText(data, "mimetype")).isEqualTo("application/vnd.oasis.opendocument.text");
    assertThat(read).containsEntry("MIMEType", "application/vnd.oasis.opendocument.text").containsEntry("Title", "Hello Cloudooo");
  }

  @Test
  void pdfMetadataRoundTrip() throws Exception {
    Map<String, Object> read = metadata(testData("hello.pdf"), "pdf", false);
    assertThat(read).containsEntry("title", "Hello Cloudooo").containsEntry("pages", "1").containsKey("producer")
        .containsKey("page size").containsEntry("encrypted", "no");
    byte[] updated = update(testData("hello.pdf"), "pdf", Map.of("title", "PDF Title", "producer", "cloudooo", "keywords", List.of("a", "b")));
    assertThat(metadata(updated, "pdf", false)).containsEntry("title", "PDF Title").containsEntry("producer", "cloudooo")
        .containsEntry("keywords", "a b");
    assertThat(Documents.pdfText(updated)).contains("The quick brown fox");
  }

  @Test
  void pdfToTextWithPdfBox() throws Exception {
    String text = new String(client.convert(testData("hello.pdf"), "pdf", "txt"), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).contains("The quick brown fox jumps over the lazy dog").contains("Grüße aus Köln");
    @SuppressWarnings("unchecked")
    List<List<String>> formats = (List<List<String>>) client.call("getAllowedConversionFormatList", "application/pdf");
    assertThat(formats).contains(List.of("text/plain", "Plain Text"), List.of("image/png", "PNG - Portable Network Graphics"));
  }

  @Test
  void encryptedAndBrokenPdfsAreFaults() throws Exception {
    assertThatThrownBy(() -> metadata(PdfSamples.encrypted(), "pdf", false)).hasMessageStartingWith("PasswordRequired:");
    byte[] pdf = testData("hello.pdf");
    assertThatThrownBy(() -> client.convert(java.util.Arrays.copyOf(pdf, 200), "pdf", "txt"))
        .hasMessageContaining("not a readable PDF");
  }

  @Test
  void badDataIsAFault() {
    assertThatThrownBy(() -> metadata("not a document at all".getBytes(), "docx", false))
        .isInstanceOf(XmlRpcTestClient.Fault.class).hasMessageContaining("docx");
  }
}
