package org.cloudooo.handler.office;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
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
import org.cloudooo.core.CloudoooException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the client's document into the job directory as LibreOffice should see it: a zip of
 * a web site becomes its HTML page, a CSV that is not UTF-8 is re-encoded from ISO-8859-15.
 */
final class InputStaging {

  private static final Logger LOG = LoggerFactory.getLogger(InputStaging.class);
  private static final Set<String> TEXT_TABLE_FORMATS = Set.of("csv", "tsv");
  private static final long MAX_UNZIPPED_BYTES = 512L * 1024 * 1024;
  private static final int MAX_ZIP_ENTRIES = 10_000;
  /** Enough for {@link CsvDialect}'s sample of 1024 characters, however wide they are in UTF-8. */
  private static final int CSV_SAMPLE_BYTES = 4 * 1024;

  private InputStaging() {}

  /**
   * The client's document, read once for what staging needs to know.
   *
   * @param declaredFormat the format the client declared
   * @param site whether it is a zipped web site (a zip that is no office package)
   * @param linksChecked whether its links were checked before the load ({@link PreloadCheck});
   *     if not, the loaded document is inspected
   * @param encrypted whether it opens only with a password
   */
  record Input(Path document, String declaredFormat, boolean site, boolean linksChecked, boolean encrypted) {

    /** The format the document really is: {@code html} for a zipped site, else the declared one. */
    String format() {
      return site ? "html" : declaredFormat;
    }
  }

  /**
   * The file LibreOffice must load and the format it really is ({@code html} for a zipped
   * site, else the declared one).
   */
  record Staged(Path file, String format) {}

  /**
   * Reads what staging needs to know and refuses, before any worker is taken, a document that
   * links outside itself or is a decompression bomb, where Java can read its format. A zipped
   * site's pages are checked as they are extracted.
   */
  static Input inspect(Path document, String declaredFormat, long maxExpandedBytes) throws IOException {
    PreloadVerdict verdict = PreloadCheck.inspect(document, declaredFormat, maxExpandedBytes);
    return new Input(document, declaredFormat, verdict == PreloadVerdict.ZIPPED_SITE, verdict != PreloadVerdict.NEEDS_LOADED_CHECK, false);
  }

  /** A password-protected document: Java cannot read its content, so the loaded document is inspected. */
  static Input encrypted(Path document, String declaredFormat) {
    return new Input(document, declaredFormat, false, false, true);
  }

  /**
   * Writes the document into a fresh directory under {@code parent}: each attempt gets its
   * own copy, since a soffice that hung on the previous one may still hold that file open.
   */
  static Staged stageFresh(Input input, Path parent) throws IOException {
    Path directory = Files.createTempDirectory(Files.createDirectories(parent), "attempt");
    if (input.site()) {
      return new Staged(extractSite(input.document(), Files.createDirectories(directory.resolve("site"))), "html");
    }
    Path staged = directory.resolve("source." + safeExtension(input.declaredFormat()));
    if (TEXT_TABLE_FORMATS.contains(input.declaredFormat())) {
      copyAsUtf8(input.document(), staged);
    } else {
      Files.copy(input.document(), staged);
    }
    return new Staged(staged, input.declaredFormat());
  }

  static boolean isTextTable(String sourceFormat) {
    return TEXT_TABLE_FORMATS.contains(sourceFormat);
  }

  /** The start of a staged text table, for guessing its separator. */
  static byte[] csvSample(Path staged) throws IOException {
    try (InputStream in = Files.newInputStream(staged)) {
      return in.readNBytes(CSV_SAMPLE_BYTES);
    }
  }

  /** Extracts a zipped site and returns its {@code index.html}, else its first HTML page. */
  private static Path extractSite(Path archive, Path siteDirectory) throws IOException {
    List<Path> pages = new ArrayList<>();
    Path index = null;
    long total = 0;
    int count = 0;
    try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
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
      pages.add(0, index);
    }
    if (pages.isEmpty()) {
      throw CloudoooException.badInput(
          "The zip is neither an office document nor a web site: it has no index.html and no HTML page");
    }
    for (Path page : pages) {
      PreloadCheck.inspectSitePage(page, siteDirectory);
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
  static void copyAsUtf8(Path source, Path target) throws IOException {
    if (isUtf8(source)) {
      Files.copy(source, target);
      return;
    }
    LOG.warn("CSV input is not UTF-8; reading it as ISO-8859-15");
    try (Reader in = Files.newBufferedReader(source, Charset.forName("ISO-8859-15"));
        Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
      in.transferTo(out);
    }
  }

  private static boolean isUtf8(Path file) throws IOException {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (Reader in = new InputStreamReader(Files.newInputStream(file), decoder)) {
      in.transferTo(Writer.nullWriter());
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** The extension as a file-name suffix: letters, digits and dots only. */
  private static String safeExtension(String sourceFormat) {
    String cleaned = sourceFormat.replaceAll("[^A-Za-z0-9.]", "");
    return cleaned.isEmpty() ? "bin" : cleaned;
  }
}
