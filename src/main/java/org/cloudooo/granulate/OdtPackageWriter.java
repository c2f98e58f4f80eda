package org.cloudooo.granulate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a minimal ODF text package: the {@code mimetype} part first and stored (that is how
 * tools recognise an ODF file without unzipping it), META-INF/manifest.xml listing every part,
 * content.xml, and styles.xml and pictures when given.
 */
final class OdtPackageWriter {

  static final String MEDIA_TYPE = "application/vnd.oasis.opendocument.text";

  /** A fixed timestamp, so that the same table always gives the same bytes. */
  private static final long ENTRY_TIME = 946_684_800_000L; // 2000-01-01T00:00:00Z

  private OdtPackageWriter() {}

  /**
   * @param odfVersion the source's office:version, repeated in the manifest; empty for none
   * @param parts content.xml, styles.xml, Pictures/... by path, in the order to store them
   */
  static byte[] write(String odfVersion, Map<String, byte[]> parts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      storeMimetype(zip);
      Map<String, byte[]> all = new LinkedHashMap<>(parts);
      all.put("META-INF/manifest.xml", manifest(odfVersion, parts.keySet()));
      for (Map.Entry<String, byte[]> part : all.entrySet()) {
        ZipEntry entry = new ZipEntry(part.getKey());
        entry.setTime(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(part.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write an ODT package in memory", e);
    }
    return bytes.toByteArray();
  }

  private static void storeMimetype(ZipOutputStream zip) throws IOException {
    byte[] mimetype = MEDIA_TYPE.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(mimetype);
    ZipEntry entry = new ZipEntry("mimetype");
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(mimetype.length);
    entry.setCompressedSize(mimetype.length);
    entry.setCrc(crc.getValue());
    entry.setTime(ENTRY_TIME);
    zip.putNextEntry(entry);
    zip.write(mimetype);
    zip.closeEntry();
  }

  private static byte[] manifest(String odfVersion, Iterable<String> paths) {
    Document manifest = OdfDom.newDocument();
    Element root = manifest.createElementNS(OdfDom.MANIFEST, "manifest:manifest");
    manifest.appendChild(root);
    Element document = fileEntry(manifest, "/", MEDIA_TYPE);
    if (!odfVersion.isEmpty()) {
      root.setAttributeNS(OdfDom.MANIFEST, "manifest:version", odfVersion);
      document.setAttributeNS(OdfDom.MANIFEST, "manifest:version", odfVersion);
    }
    root.appendChild(document);
    for (String path : paths) {
      String mediaType = path.endsWith(".xml") ? "text/xml" : guessMediaType(path);
      root.appendChild(fileEntry(manifest, path, mediaType));
    }
    return OdfDom.write(manifest);
  }

  private static Element fileEntry(Document manifest, String path, String mediaType) {
    Element entry = manifest.createElementNS(OdfDom.MANIFEST, "manifest:file-entry");
    entry.setAttributeNS(OdfDom.MANIFEST, "manifest:full-path", path);
    entry.setAttributeNS(OdfDom.MANIFEST, "manifest:media-type", mediaType);
    return entry;
  }

  /** A picture's media type from its name; ODF allows "" when unknown. */
  private static String guessMediaType(String path) {
    return Optional.ofNullable(URLConnection.guessContentTypeFromName(path)).orElse("");
  }
}
