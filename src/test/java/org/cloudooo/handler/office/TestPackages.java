package org.cloudooo.handler.office;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small ODF and OOXML packages written in memory, for the link and bomb tests. */
final class TestPackages {

  static final String ODF_NAMESPACES =
      " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
          + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
          + " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
          + " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""
          + " xmlns:chart=\"urn:oasis:names:tc:opendocument:xmlns:chart:1.0\""
          + " xmlns:xlink=\"http://www.w3.org/1999/xlink\"";

  static final String WORD_NAMESPACES =
      " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
          + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
          + " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
          + " xmlns:v=\"urn:schemas-microsoft-com:vml\""
          + " xmlns:o=\"urn:schemas-microsoft-com:office:office\"";

  static final String RELATIONSHIP_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

  private TestPackages() {}

  /** An ODF text package whose content.xml holds {@code body} inside {@code office:text}. */
  static Map<String, byte[]> odt(String body) {
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put("mimetype", bytes("application/vnd.oasis.opendocument.text"));
    members.put("content.xml", bytes(odfContent(body)));
    members.put("styles.xml", bytes("<office:document-styles" + ODF_NAMESPACES + "/>"));
    members.put("META-INF/manifest.xml", bytes("<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>"));
    return members;
  }

  static String odfContent(String body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content" + ODF_NAMESPACES
        + "><office:body><office:text>" + body + "</office:text></office:body></office:document-content>";
  }

  /** A docx whose document.xml holds {@code body} and whose document relationships are {@code relationships}. */
  static Map<String, byte[]> docx(String body, String relationships) {
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put("[Content_Types].xml", bytes("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"));
    members.put("_rels/.rels", bytes(relationships(
        "<Relationship Id=\"rId1\" Type=\"" + RELATIONSHIP_TYPES + "officeDocument\" Target=\"word/document.xml\"/>")));
    members.put("word/document.xml", bytes(wordDocument(body)));
    members.put("word/_rels/document.xml.rels", bytes(relationships(relationships)));
    return members;
  }

  static String wordDocument(String body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document" + WORD_NAMESPACES
        + "><w:body>" + body + "</w:body></w:document>";
  }

  static String relationships(String relationships) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + relationships + "</Relationships>";
  }

  static String relationship(String id, String type, String target, boolean external) {
    return "<Relationship Id=\"" + id + "\" Type=\"" + RELATIONSHIP_TYPES + type + "\" Target=\"" + target + "\""
        + (external ? " TargetMode=\"External\"" : "") + "/>";
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The members zipped in order; {@code mimetype} stored, as ODF wants it, the others deflated. */
  static byte[] zip(Map<String, byte[]> members) {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      for (Map.Entry<String, byte[]> member : members.entrySet()) {
        ZipEntry entry = new ZipEntry(member.getKey());
        if (member.getKey().equals("mimetype")) {
          CRC32 crc = new CRC32();
          crc.update(member.getValue());
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(member.getValue().length);
          entry.setCrc(crc.getValue());
        }
        out.putNextEntry(entry);
        out.write(member.getValue());
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return zip.toByteArray();
  }

  static Path write(Path directory, String name, byte[] content) throws IOException {
    return Files.write(directory.resolve(name), content);
  }

  static Path writeZip(Path directory, String name, Map<String, byte[]> members) throws IOException {
    return write(directory, name, zip(members));
  }
}
