package org.cloudooo.handler.office;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * Tells, before LibreOffice sees a document, whether it needs a password to open: LibreOffice
 * loads a protected document without a password (or with a wrong one) as nothing at all, the
 * same answer as for a damaged file, and asks no interaction handler of a hidden load.
 */
final class EncryptedDocuments {

  private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final String ODF_MANIFEST = "META-INF/manifest.xml";
  private static final int MANIFEST_LIMIT = 1 << 20;

  private EncryptedDocuments() {}

  static boolean needsPassword(Path document) throws IOException {
    byte[] head = new byte[8];
    int read;
    try (InputStream in = Files.newInputStream(document)) {
      read = in.readNBytes(head, 0, head.length);
    }
    if (startsWith(head, read, ZIP_MAGIC)) {
      return encryptedOdf(document);
    }
    if (startsWith(head, read, CompoundFile.MAGIC)) {
      return CompoundFile.read(document).encrypted();
    }
    if (startsWith(head, read, PDF_MAGIC)) {
      return encryptedPdf(document);
    }
    return false;
  }

  /** An ODF package whose manifest describes encrypted members. */
  private static boolean encryptedOdf(Path document) throws IOException {
    try (ZipFile zip = new ZipFile(document.toFile())) {
      ZipEntry manifest = zip.getEntry(ODF_MANIFEST);
      if (manifest == null) {
        return false;
      }
      try (InputStream in = zip.getInputStream(manifest)) {
        return new String(in.readNBytes(MANIFEST_LIMIT), StandardCharsets.UTF_8).contains("encryption-data");
      }
    } catch (java.util.zip.ZipException e) {
      return false; // Not a readable zip: the load will say so.
    }
  }

  /** A PDF that has a user password (one with an owner password only opens without one). */
  private static boolean encryptedPdf(Path document) throws IOException {
    try (PDDocument pdf = Loader.loadPDF(document.toFile())) {
      return false;
    } catch (InvalidPasswordException e) {
      return true;
    } catch (IOException e) {
      return false; // Damaged: the load will say so.
    }
  }

  private static boolean startsWith(byte[] head, int read, byte[] magic) {
    if (read < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
