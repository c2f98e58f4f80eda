package org.cloudooo.handler.office;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipFile;
import org.cloudooo.handler.office.DocumentHead.Markup;

/**
 * Refuses, before LibreOffice loads it, a document that would make the conversion read local
 * files or fetch URLs (linked pictures, objects, frames, DDE ...), or that is a decompression
 * bomb; in Java, for the formats Java reads: ODF packages and flat ODF, OOXML, HTML. The
 * format is judged by content, not by the name the client gave.
 */
final class PreloadCheck {

  /** Names under which LibreOffice reads a file as HTML whatever it starts with. */
  private static final Set<String> HTML_EXTENSIONS = Set.of("html", "htm", "xhtml");
  /** Names under which the file is read as plain text (or CSV cells, whose formulas are evaluated). */
  private static final Set<String> TEXT_EXTENSIONS = Set.of("csv", "tsv", "tab", "txt", "text");

  private PreloadCheck() {}

  /**
   * @param declaredFormat the format the client declared: LibreOffice reads {@code html} as HTML whatever it holds
   * @param maxExpandedBytes refuse packages whose members expand past this (max_expanded_size)
   * @throws org.cloudooo.core.CloudoooException when the document is refused
   */
  static PreloadVerdict inspect(Path document, String declaredFormat, long maxExpandedBytes) throws IOException {
    DocumentHead head = DocumentHead.read(document);
    boolean html = head.markup() == Markup.HTML || HTML_EXTENSIONS.contains(declaredFormat.toLowerCase(Locale.ROOT));
    if (html && !head.zipMagic()) {
      HtmlLinks.scan(MarkupText.read(document), LinkScope.DOCUMENT, styleSheet -> {});
    }
    Optional<ZipFile> zip = PackageCheck.open(document);
    if (zip.isPresent()) {
      try (ZipFile members = zip.get()) {
        PreloadVerdict verdict = PackageCheck.inspect(members, maxExpandedBytes);
        // A zip behind other bytes may be read as those bytes' format too (a .doc with a docx appended).
        return head.zipMagic() ? verdict : PreloadVerdict.NEEDS_LOADED_CHECK;
      }
    }
    if (head.zipMagic()) {
      return PreloadVerdict.NEEDS_LOADED_CHECK; // a damaged package: loading it will say what LibreOffice makes of it
    }
    if (html) {
      return PreloadVerdict.CHECKED;
    }
    if (head.markup() == Markup.XML) {
      return OdfLinks.inspectFlat(document);
    }
    return TEXT_EXTENSIONS.contains(declaredFormat.toLowerCase(Locale.ROOT))
        ? FormulaLinks.inspectText(document)
        : PreloadVerdict.NEEDS_LOADED_CHECK;
  }

  /**
   * For pages of an extracted zipped site: links must stay inside {@code siteRoot}. The site's
   * style sheets the page pulls in are read too; frames and other pages are pages of their own.
   *
   * @throws org.cloudooo.core.CloudoooException when the page is refused
   */
  static void inspectSitePage(Path page, Path siteRoot) throws IOException {
    SiteLinks.inspectPage(page, siteRoot);
  }
}
