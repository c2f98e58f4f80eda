package org.cloudooo.handler.office;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.cloudooo.handler.CloudoooException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the client's bytes into the job directory as LibreOffice should see them: a zip of
 * a web site becomes its HTML page, a CSV that is not UTF-8 is re-encoded from ISO-8859-15.
 */
final class InputStaging {

  private static final Logger LOG = LoggerFactory.getLogger(InputStaging.class);
  private static final Set<String> TEXT_TABLE_FORMATS = Set.of("csv", "tsv");
  private static final long MAX_UNZIPPED_BYTES = 512L * 1024 * 1024;
  private static final int MAX_ZIP_ENTRIES = 10_000;

  private InputStaging() {}

  /**
   * The file LibreOffice must load and the format it really is ({@code html} for a zipped
   * site, else the declared one).
   */
  record Staged(Path file, String format) {}

  /** The format the document really is: {@code html} for a zipped site, else the declared one. */
  static String effectiveFormat(byte[] data, String sourceFormat) throws IOException {
    return isSite(data) ? "html" : sourceFormat;
  }

  private static boolean isSite(byte[] data) throws IOException {
    return isZip(data) && !isOfficePackage(data);
  }

  /**
   * Writes the document into a fresh directory under {@code parent}: each attempt gets its
   * own copy, since a soffice that hung on the previous one may still hold that file open.
   */
  static Staged stageFresh(byte[] data, String sourceFormat, Path parent) throws IOException {
    return stage(data, sourceFormat, Files.createTempDirectory(Files.createDirectories(parent), "attempt"));
  }

  /** Writes the document under {@code directory}. */
  private static Staged stage(byte[] data, String sourceFormat, Path directory) throws IOException {
    if (isSite(data)) {
      return new Staged(extractSite(data, Files.createDirectories(directory.resolve("site"))), "html");
    }
    byte[] content = TEXT_TABLE_FORMATS.contains(sourceFormat) ? toUtf8(data) : data;
    Path input = directory.resolve("source." + safeExtension(sourceFormat));
    Files.write(input, content);
    return new Staged(input, sourceFormat);
  }

  static boolean isTextTable(String sourceFormat) {
    return TEXT_TABLE_FORMATS.contains(sourceFormat);
  }

  private static boolean isZip(byte[] data) {
    return data.length >= 4 && data[0] == 'P' && data[1] == 'K' && data[2] == 3 && data[3] == 4;
  }

  /** ODF packages have a {@code mimetype} member, OOXML ones {@code [Content_Types].xml}. */
  private static boolean isOfficePackage(byte[] data) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(data))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.getName().equals("mimetype") || entry.getName().equals("[Content_Types].xml")) {
          return true;
        }
      }
    } catch (IOException e) {
      return true; // A damaged package: let LibreOffice's own detection report it.
    }
    return false;
  }

  /** Extracts a zipped site and returns its {@code index.html}, else its first HTML page. */
  private static Path extractSite(byte[] data, Path siteDirectory) throws IOException {
    List<Path> pages = new ArrayList<>();
    Path index = null;
    long total = 0;
    int count = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(data))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (++count > MAX_ZIP_ENTRIES) {
          throw CloudoooException.badInput("The zip has more than " + MAX_ZIP_ENTRIES + " entries");
        }
        Path target = siteDirectory.resolve(entry.getName()).normalize();
        if (entry.getName().startsWith("/") || entry.getName().contains("\\") || !target.startsWith(siteDirectory)) {
          throw CloudoooException.badInput("The zip contains an unsafe member name '" + entry.getName()
              + "': members must be relative paths inside the archive");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        total += copyBounded(zip, target, MAX_UNZIPPED_BYTES - total);
        String name = entry.getName().toLowerCase(Locale.ROOT);
        if (name.equals("index.html")) {
          index = target;
        } else if (name.endsWith(".html") || name.endsWith(".htm") || name.endsWith(".xhtml")) {
          pages.add(target);
        }
      }
    }
    if (index != null) {
      return index;
    }
    if (pages.isEmpty()) {
      throw CloudoooException.badInput(
          "The zip is neither an office document nor a web site: it has no index.html and no HTML page");
    }
    return pages.get(0);
  }

  private static long copyBounded(InputStream in, Path target, long budget) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long written = 0;
    try (var out = Files.newOutputStream(target)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        written += n;
        if (written > budget) {
          throw CloudoooException.badInput("The zip expands to more than " + MAX_UNZIPPED_BYTES / (1024 * 1024) + " MiB");
        }
        out.write(buffer, 0, n);
      }
    }
    return written;
  }

  /** CSV data that is not valid UTF-8 is taken as ISO-8859-15 (Latin-9, with €), as the original does. */
  static byte[] toUtf8(byte[] data) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data));
      return data;
    } catch (CharacterCodingException e) {
      LOG.warn("CSV input is not UTF-8; reading it as ISO-8859-15");
      return new String(data, Charset.forName("ISO-8859-15")).getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The extension as a file-name suffix: letters, digits and dots only. */
  private static String safeExtension(String sourceFormat) {
    String cleaned = sourceFormat.replaceAll("[^A-Za-z0-9.]", "");
    return cleaned.isEmpty() ? "bin" : cleaned;
  }
}
