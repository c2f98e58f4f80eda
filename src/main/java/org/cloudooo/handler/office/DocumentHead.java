package org.cloudooo.handler.office;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * What a document's first bytes say it is, whatever its name says: a zip, HTML, other XML,
 * or none of these.
 *
 * @param zipMagic whether it starts as a zip does ({@code PK\3\4})
 * @param markup the markup its text starts with
 */
record DocumentHead(boolean zipMagic, Markup markup) {

  /** The markup a document's text starts with. */
  enum Markup { HTML, XML, NONE }

  private static final int HEAD_BYTES = 4096;

  /**
   * Element names that begin HTML, which LibreOffice also takes as HTML when a page starts
   * with them. Not {@code svg}: an SVG file is a drawing LibreOffice reads otherwise.
   */
  private static final Set<String> HTML_ELEMENTS =
      Set.of("html", "head", "body", "title", "meta", "link", "style", "script", "base", "p", "div", "span", "table",
          "img", "a", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "ul", "ol", "li", "pre", "b", "i", "u", "font",
          "center", "form", "iframe", "frameset", "frame", "object", "embed", "section", "article", "header",
          "footer", "nav", "main", "blockquote", "dl", "strong", "em");

  static DocumentHead read(Path document) throws IOException {
    try (InputStream in = Files.newInputStream(document)) {
      return of(in.readNBytes(HEAD_BYTES));
    }
  }

  static DocumentHead of(byte[] head) {
    boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    return new DocumentHead(zip, markupOf(MarkupText.decode(head, head.length)));
  }

  /**
   * Skips blanks, the XML declaration, comments and a DOCTYPE, then judges by the first
   * element; text that starts with a comment but no element is HTML, as LibreOffice takes it.
   */
  private static Markup markupOf(String text) {
    int i = skipBlanks(text, 0);
    boolean comment = false;
    while (true) {
      if (text.startsWith("<?", i)) {
        i = after(text, "?>", i);
      } else if (text.startsWith("<!--", i)) {
        comment = true;
        i = after(text, "-->", i);
      } else if (text.regionMatches(true, i, "<!doctype", 0, 9)) {
        int end = text.indexOf('>', i);
        String doctype = text.substring(i, end < 0 ? text.length() : end).toLowerCase(Locale.ROOT);
        if (doctype.contains("html")) {
          return Markup.HTML;
        }
        i = end < 0 ? text.length() : end + 1;
      } else {
        break;
      }
      i = skipBlanks(text, i);
    }
    if (i + 1 < text.length() && text.charAt(i) == '<' && Character.isLetter(text.charAt(i + 1))) {
      int end = i + 1;
      while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == ':' || text.charAt(end) == '-')) {
        end++;
      }
      String name = text.substring(i + 1, end).toLowerCase(Locale.ROOT);
      return HTML_ELEMENTS.contains(name.substring(name.indexOf(':') + 1)) ? Markup.HTML : Markup.XML;
    }
    return comment ? Markup.HTML : Markup.NONE;
  }

  private static int skipBlanks(String text, int from) {
    int i = from;
    while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '\uFEFF')) {
      i++;
    }
    return i;
  }

  private static int after(String text, String terminator, int from) {
    int found = text.indexOf(terminator, from);
    return found < 0 ? text.length() : found + terminator.length();
  }
}
