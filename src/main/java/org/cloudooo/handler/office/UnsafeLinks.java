package org.cloudooo.handler.office;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.ParserConfigurationException;
import org.cloudooo.format.SafeXml;
import org.cloudooo.handler.CloudoooException;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Refuses documents whose embedded objects or images are links outside the document
 * ({@code file:}, {@code http:}, absolute or parent paths): converting them would read local
 * files or fetch URLs into the output. Hyperlinks are not concerned.
 */
final class UnsafeLinks {

  private static final String XLINK = "http://www.w3.org/1999/xlink";
  private static final List<String> ODF_PARTS = List.of("content.xml", "styles.xml");
  private static final Pattern HTML_SRC =
      Pattern.compile("<[a-zA-Z][^>]*?\\ssrc\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))", Pattern.CASE_INSENSITIVE);

  private UnsafeLinks() {}

  /**
   * Checks a document stored in its native format: an ODF package (linked objects of its
   * content and styles) or, for Writer/Web, HTML ({@code src} attributes).
   */
  static void check(Path nativeCopy) throws IOException {
    Optional<String> unsafe = isZip(nativeCopy) ? firstUnsafeInPackage(nativeCopy) : firstUnsafeInHtml(nativeCopy);
    if (unsafe.isPresent()) {
      throw refusal(unsafe.get());
    }
  }

  /** The fault for a document that links outside itself to {@code link}. */
  static CloudoooException refusal(String link) {
    return new CloudoooException(
        "RuntimeError", "This document contains unsafe links " + link + " (embedded objects and images must be inside the document)");
  }

  static boolean isSafe(String href) {
    String link = href.strip();
    if (link.isEmpty() || link.toLowerCase(Locale.ROOT).startsWith("data:")) {
      return true;
    }
    if (link.matches("(?s)^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return false; // any scheme but data:, e.g. file:, http:, vnd.sun.star.expand:
    }
    String path = link.replace('\\', '/');
    if (path.startsWith("/")) {
      return false;
    }
    int depth = 0;
    for (String segment : path.split("/")) {
      if (segment.equals("..")) {
        depth--;
        if (depth < 0) {
          return false; // climbs out of the document
        }
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        depth++;
      }
    }
    return true;
  }

  /** A zip (ODF, OOXML) or markup (flat ODF, HTML): formats whose links a Java reader sees. */
  static boolean isPackageOrMarkup(Path file) throws IOException {
    if (isZip(file)) {
      return true;
    }
    try (InputStream in = Files.newInputStream(file)) {
      String start = new String(in.readNBytes(64), StandardCharsets.ISO_8859_1).replace("\u00ef\u00bb\u00bf", "").stripLeading();
      return start.startsWith("<");
    }
  }

  private static boolean isZip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    }
  }

  private static Optional<String> firstUnsafeInPackage(Path odf) throws IOException {
    try (ZipFile zip = new ZipFile(odf.toFile())) {
      for (String part : ODF_PARTS) {
        ZipEntry entry = zip.getEntry(part);
        if (entry == null) {
          continue;
        }
        LinkCollector collector = new LinkCollector();
        try (InputStream in = zip.getInputStream(entry)) {
          SafeXml.saxParserFactory().newSAXParser().parse(in, collector);
        } catch (ParserConfigurationException | SAXException e) {
          throw new IOException("cannot read " + part + " of the document: " + e.getMessage(), e);
        }
        if (collector.unsafe != null) {
          return Optional.of(collector.unsafe);
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> firstUnsafeInHtml(Path html) throws IOException {
    Matcher matcher = HTML_SRC.matcher(new String(Files.readAllBytes(html), StandardCharsets.UTF_8));
    while (matcher.find()) {
      String src = matcher.group(1) != null ? matcher.group(1) : matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
      if (!isSafe(src)) {
        return Optional.of(src);
      }
    }
    return Optional.empty();
  }

  /** Remembers the first {@code xlink:href} of an element loaded with the document. */
  private static final class LinkCollector extends DefaultHandler {
    private String unsafe;

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      if (unsafe == null && "onLoad".equals(attributes.getValue(XLINK, "actuate"))) {
        String href = attributes.getValue(XLINK, "href");
        if (href != null && !isSafe(href)) {
          unsafe = href;
        }
      }
    }
  }
}
