package org.cloudooo.granulate;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.cloudooo.core.CloudoooException;

/**
 * The parts of an ODF package (a zip) held in memory, inflated on demand. Every read is
 * bounded because a small package may inflate to gigabytes: no part may exceed
 * {@link #MAX_PART_BYTES}, and one scan of the archive inflates at most {@link #MAX_SCAN_BYTES}
 * (ZipInputStream inflates the parts it skips).
 */
final class OdfPackage {

  static final String CONTENT = "content.xml";
  static final String STYLES = "styles.xml";

  /** Largest part returned (content.xml, styles.xml, a picture) once inflated. */
  static final int MAX_PART_BYTES = 64 << 20;

  /** Most bytes inflated while looking for one part, skipped parts included. */
  static final long MAX_SCAN_BYTES = 256L << 20;

  private final Path zip;
  private final byte[] content;

  private OdfPackage(Path zip, byte[] content) {
    this.zip = zip;
    this.content = content;
  }

  /** Opens a package; it must be a zip holding a content.xml. */
  static OdfPackage read(Path zip) {
    byte[] content =
        part(zip, CONTENT)
            .orElseThrow(() -> CloudoooException.badInput("not an ODF document: the zip archive has no content.xml"));
    return new OdfPackage(zip, content);
  }

  /** The inflated content.xml. */
  byte[] content() {
    return content;
  }

  /** The inflated part stored under exactly {@code name}, if the package has one. */
  Optional<byte[]> part(String name) {
    return part(zip, name);
  }

  private static Optional<byte[]> part(Path zip, String name) {
    try (ZipInputStream entries = new ZipInputStream(new BufferedInputStream(Files.newInputStream(zip)))) {
      long scanBudget = MAX_SCAN_BYTES;
      boolean empty = true;
      for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
        empty = false;
        if (entry.getName().equals(name)) {
          ByteArrayOutputStream wanted = new ByteArrayOutputStream();
          copy(entries, wanted, Math.min(MAX_PART_BYTES, scanBudget), name);
          return Optional.of(wanted.toByteArray());
        }
        scanBudget -= copy(entries, OutputStream.nullOutputStream(), scanBudget, name);
      }
      if (empty) {
        // ZipInputStream reads bytes that are no zip as an empty archive rather than failing.
        throw CloudoooException.badInput("not an ODF document: the data is not a zip archive");
      }
      return Optional.empty();
    } catch (IOException e) {
      throw CloudoooException.badInput("broken ODF package, the zip archive cannot be read: " + e.getMessage());
    }
  }

  /** Copies the current entry, failing once more than {@code limit} bytes come out of it. */
  private static long copy(InputStream entry, OutputStream sink, long limit, String wanted) throws IOException {
    byte[] buffer = new byte[64 << 10];
    long total = 0;
    for (int n; (n = entry.read(buffer)) > 0; ) {
      total += n;
      if (total > limit) {
        throw CloudoooException.badInput(
            "ODF package refused: it inflates beyond " + (limit >> 20) + " MiB while reading " + wanted
                + " (a zip bomb?)");
      }
      sink.write(buffer, 0, n);
    }
    return total;
  }
}
