package org.cloudooo.handler.office;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Refuses ODF content that makes LibreOffice fetch something while loading: linked pictures,
 * objects, fonts, sections and tables, frames, plug-ins, form images, XForms instances, and
 * every DDE link. Hyperlinks and event scripts are not fetched at load and are not concerned.
 *
 * <p>These are the client's files, not LibreOffice's output: an element is judged by what it
 * is, not only by the {@code xlink:actuate="onLoad"} that LibreOffice writes and a hand-made
 * file may leave out.
 */
final class OdfLinks extends DefaultHandler {

  private static final String XLINK = "http://www.w3.org/1999/xlink";
  private static final String OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
  private static final String TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
  private static final String FORM = "urn:oasis:names:tc:opendocument:xmlns:form:1.0";
  private static final String XFORMS = "http://www.w3.org/2002/xforms";
  private static final String TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
  /** Elements whose {@code xlink:href} is loaded with the document, by namespace. */
  private static final Map<String, Set<String>> LOADED_HREFS =
      Map.of(
          "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
          Set.of("image", "object", "object-ole", "fill-image", "plugin", "applet", "floating-frame"),
          "urn:oasis:names:tc:opendocument:xmlns:style:1.0", Set.of("background-image"),
          TEXT, Set.of("list-level-style-image", "section-source", "alphabetical-index-auto-mark-file"),
          TABLE, Set.of("table-source", "cell-range-source"),
          "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0", Set.of("font-face-uri", "definition-src"));

  private final boolean flat;
  private boolean rootSeen;

  private OdfLinks(boolean flat) {
    this.flat = flat;
  }

  /**
   * Scans the parts of a package that LibreOffice loads: the content and styles of the
   * document and of every embedded object ({@code Object 1/content.xml}).
   */
  static PackageMembers.Scanner packageScanner() {
    PartParser parser = new PartParser();
    return (name, content) -> !isLoadedPart(name) || parser.parse(content, new OdfLinks(false));
  }

  /**
   * Scans a flat ODF file (.fodt, .fods ...).
   *
   * @return {@code NEEDS_LOADED_CHECK} when the file is not flat ODF the hardened parser reads
   */
  static PreloadVerdict inspectFlat(Path document) throws IOException {
    try (InputStream content = new BufferedInputStream(Files.newInputStream(document))) {
      boolean understood = new PartParser().parse(content, new OdfLinks(true));
      return understood ? PreloadVerdict.CHECKED : PreloadVerdict.NEEDS_LOADED_CHECK;
    }
  }

  private static boolean isLoadedPart(String name) {
    return name.equals("content.xml") || name.equals("styles.xml")
        || name.endsWith("/content.xml") || name.endsWith("/styles.xml");
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
    if (flat && !rootSeen) {
      rootSeen = true;
      if (!OFFICE.equals(uri) || !localName.equals("document")) {
        throw new SAXException("not flat ODF: the root element is " + qName);
      }
    }
    String href = attributes.getValue(XLINK, "href");
    if (href != null && isLoaded(uri, localName, attributes)) {
      UnsafeLinks.requireSafe(href);
    }
    if ((TEXT.equals(uri) && localName.equals("dde-connection-decl")) || (OFFICE.equals(uri) && localName.equals("dde-source"))) {
      throw UnsafeLinks.ddeRefusal(attributes.getValue(OFFICE, "dde-application"),
          attributes.getValue(OFFICE, "dde-topic"), attributes.getValue(OFFICE, "dde-item"));
    }
    if (FORM.equals(uri) && attributes.getValue(FORM, "image-data") != null) {
      UnsafeLinks.requireSafe(attributes.getValue(FORM, "image-data"));
    }
    if (XFORMS.equals(uri) && localName.equals("instance") && attributes.getValue("src") != null) {
      UnsafeLinks.requireSafe(attributes.getValue("src"));
    }
    String formula = attributes.getValue(TABLE, "formula");
    if (formula != null) {
      FormulaLinks.refuseExternalData(formula);
    }
  }

  private static boolean isLoaded(String uri, String localName, Attributes attributes) {
    return LOADED_HREFS.getOrDefault(uri, Set.of()).contains(localName)
        || "onLoad".equals(attributes.getValue(XLINK, "actuate"))
        || "embed".equals(attributes.getValue(XLINK, "show"));
  }
}
