package org.cloudooo.handler.office;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.cloudooo.handler.CloudoooException;

/**
 * What makes a link unsafe, and the fault that refuses a document holding one: embedded
 * objects and images linked outside the document ({@code file:}, {@code http:}, absolute or
 * parent paths) would make the conversion read local files or fetch URLs into the output.
 * Hyperlinks are not concerned.
 */
final class UnsafeLinks {

  private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:");

  private UnsafeLinks() {}

  /**
   * Checks a document LibreOffice stored in its native format after loading it: an ODF
   * package or, for Writer/Web, HTML. Stored beside the input, its relative links keep their
   * form. {@link PreloadCheck} does the same on the client's file, before the load.
   */
  static void check(Path nativeCopy) throws IOException {
    Optional<ZipFile> zip = PackageCheck.open(nativeCopy);
    if (zip.isEmpty()) {
      HtmlLinks.scan(MarkupText.read(nativeCopy), LinkScope.DOCUMENT, styleSheet -> {});
      return;
    }
    try (ZipFile odf = zip.get()) {
      // LibreOffice's own output: its size was judged on the client's file, if at all.
      if (!PackageMembers.readAll(odf, ExpansionBudget.unlimited(), OdfLinks.packageScanner())) {
        throw new IOException("cannot read the content of the document LibreOffice stored in " + nativeCopy.getFileName());
      }
    }
  }

  static boolean isSafe(String href) {
    return isSafeFrom("", href);
  }

  /**
   * Whether {@code href}, relative to directory {@code base} of a tree ({@code ""} or ending
   * in {@code /}), stays inside the tree: it may climb out of {@code base}, not out of the tree.
   */
  static boolean isSafeFrom(String base, String href) {
    String link = href.strip();
    if (link.isEmpty() || isData(link)) {
      return true;
    }
    if (isUrl(link)) {
      return false;
    }
    String path = link.replace('\\', '/');
    if (path.startsWith("/")) {
      return false;
    }
    int depth = 0;
    for (String segment : (base + path).split("/")) {
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

  /** Whether {@code href} names a scheme other than {@code data:}: file:, http:, vnd.sun.star.expand: ... */
  static boolean isUrl(String href) {
    String link = href.strip();
    return SCHEME.matcher(link).lookingAt() && !isData(link);
  }

  private static boolean isData(String link) {
    return link.regionMatches(true, 0, "data:", 0, 5);
  }

  /** The fault refusing a document that loads {@code link}. */
  static CloudoooException refusal(String link) {
    return new CloudoooException(
        "RuntimeError",
        "This document contains unsafe links " + link + " (embedded objects and images must be inside the document)");
  }

  /**
   * The fault refusing a DDE link, whatever it names: LibreOffice answers DDE itself, and
   * application {@code soffice} with a file as topic reads that file into the document.
   */
  static CloudoooException ddeRefusal(String application, String topic, String item) {
    return refusal("dde:" + nullToEmpty(application) + "|" + nullToEmpty(topic) + "|" + nullToEmpty(item));
  }

  private static String nullToEmpty(String part) {
    return part == null ? "" : part;
  }

  /** Refuses the document unless {@code href} is {@link #isSafe safe}. */
  static void requireSafe(String href) {
    if (!isSafe(href)) {
      throw refusal(href);
    }
  }
}
