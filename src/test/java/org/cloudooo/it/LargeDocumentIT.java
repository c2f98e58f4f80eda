package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cloudooo.it.Documents.pdfPages;
import static org.cloudooo.it.Documents.pdfText;
import static org.cloudooo.it.Documents.zipNames;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.cloudooo.server.CloudoooServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Documents longer than what the server keeps in memory (1 Mi characters of base64) travel as
 * files: decoded while the request is parsed, streamed back into the answer, and gone after it.
 */
class LargeDocumentIT {

  private static CloudoooServer server;
  private static XmlRpcTestClient client;
  private static byte[] largeOdt;

  @BeforeAll
  static void server() throws Exception {
    server = TestServers.office();
    client = new XmlRpcTestClient(server.port());
    largeOdt = odtWithNoiseImage(800);
    assertThat(XmlRpcTestClient.b64(largeOdt).length()).isGreaterThan(2 << 20);
  }

  @AfterEach
  void nothingLeftInTheJobRoot() throws IOException {
    try (var left = Files.list(server.config().jobRoot())) {
      assertThat(left.toList()).isEmpty();
    }
  }

  @Test
  void largeDocumentConvertsBothWays() throws IOException {
    byte[] pdf = client.convert(largeOdt, "odt", "pdf");
    assertThat(pdfPages(pdf)).isEqualTo(1);
    assertThat(pdfText(pdf)).contains("A large document with a noisy picture");

    byte[] docx = client.convert(largeOdt, "odt", "docx");
    assertThat(zipNames(docx)).contains("word/document.xml").anyMatch(name -> name.startsWith("word/media/"));
    assertThat(docx.length).isGreaterThan(largeOdt.length / 2);
  }

  @Test
  void largeBaseDocumentComesBackInTheMetadata() {
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata =
        (Map<String, Object>) client.call("getFileMetadataItemList", XmlRpcTestClient.b64(largeOdt), "odt", true);
    byte[] data = Base64.getMimeDecoder().decode((String) metadata.get("Data"));
    assertThat(new String(data, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");
    assertThat(data.length).isGreaterThan(largeOdt.length / 2);
    assertThat(metadata.get("MIMEType")).isEqualTo("application/vnd.oasis.opendocument.text");
  }

  @Test
  void longTextThatIsNoDocumentIsAClearFault() {
    String text = "x".repeat(1 << 21);
    assertThatThrownBy(() -> client.call("convertFile", XmlRpcTestClient.b64(largeOdt), text, "pdf"))
        .isInstanceOf(XmlRpcTestClient.Fault.class)
        .hasMessageContaining("TypeError")
        .hasMessageContaining("source_format")
        .hasMessageContaining("only documents may be longer");
  }

  @Test
  void longInvalidBase64IsAClearFault() {
    String text = XmlRpcTestClient.b64(largeOdt);
    String broken = text.substring(0, 4) + "YQ==" + text.substring(4);
    assertThatThrownBy(() -> client.call("convertFile", broken, "odt", "pdf"))
        .isInstanceOf(XmlRpcTestClient.Fault.class)
        .hasMessageContaining("binascii.Error")
        .hasMessageContaining("`file` is not valid base64");
  }

  /** An ODT holding a paragraph and a picture of random pixels (which no compression shrinks). */
  static byte[] odtWithNoiseImage(int side) throws IOException {
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(side);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
        + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
        + " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""
        + " xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\""
        + " xmlns:xlink=\"http://www.w3.org/1999/xlink\" office:version=\"1.2\"><office:body><office:text>"
        + "<text:p>A large document with a noisy picture</text:p><text:p>"
        + "<draw:frame draw:name=\"noise\" text:anchor-type=\"paragraph\" svg:width=\"8cm\" svg:height=\"8cm\">"
        + "<draw:image xlink:href=\"Pictures/noise.png\" xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\"/>"
        + "</draw:frame></text:p></office:text></office:body></office:document-content>";
    String manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
        + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
        + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
        + "<manifest:file-entry manifest:full-path=\"Pictures/noise.png\" manifest:media-type=\"image/png\"/>"
        + "</manifest:manifest>";
    ByteArrayOutputStream odt = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(odt)) {
      byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
      ZipEntry first = new ZipEntry("mimetype");
      first.setMethod(ZipEntry.STORED);
      first.setSize(mimetype.length);
      CRC32 crc = new CRC32();
      crc.update(mimetype);
      first.setCrc(crc.getValue());
      zip.putNextEntry(first);
      zip.write(mimetype);
      zip.putNextEntry(new ZipEntry("content.xml"));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
      zip.write(manifest.getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("Pictures/noise.png"));
      zip.write(png.toByteArray());
    }
    return odt.toByteArray();
  }
}
