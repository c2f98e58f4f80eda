package org.cloudooo.handler.office;

import java.util.regex.Pattern;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;

/**
 * What makes a link unsafe, and the fault that refuses a document holding one: embedded
 * objects and images linked outside the document ({@code file:}, {@code http:}, absolute or
 * parent paths) would make the conversion read local files or fetch URLs into the output.
 * Hyperlinks are not concerned.
 */
final class UnsafeLinks {

  private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:");

  private UnsafeLinks() {}

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
    return new CloudoooException(ErrorKind.UNSAFE_DOCUMENT,
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
