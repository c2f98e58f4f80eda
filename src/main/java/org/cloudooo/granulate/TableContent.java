package org.cloudooo.granulate;

import java.util.LinkedHashSet;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The content.xml of a text document that holds one table of a source document and nothing else. */
final class TableContent {

  private TableContent() {}

  /**
   * The source's root element (its namespace declarations and office:version), font
   * declarations and automatic styles, which the table's cells and columns refer to, and a body
   * holding only the table.
   */
  static byte[] of(Document source, Element table) {
    Element sourceRoot = source.getDocumentElement();
    Document content = OdfDom.newDocument();
    Element root = (Element) content.importNode(sourceRoot, false);
    content.appendChild(root);
    for (String part : new String[] {"font-face-decls", "automatic-styles"}) {
      Element sourcePart = child(sourceRoot, part);
      if (sourcePart != null) {
        root.appendChild(content.importNode(sourcePart, true));
      }
    }
    Element body = content.createElementNS(OdfDom.OFFICE, "office:body");
    Element text = content.createElementNS(OdfDom.OFFICE, "office:text");
    text.appendChild(content.importNode(table, true));
    body.appendChild(text);
    root.appendChild(body);
    return OdfDom.write(content);
  }

  /** The package parts the table links to (pictures in its cells), to copy along with it. */
  static Set<String> linkedParts(Element table) {
    Set<String> parts = new LinkedHashSet<>();
    for (Element linking : OdfDom.elements(table, e -> e.hasAttributeNS(OdfDom.XLINK, "href"))) {
      String href = linking.getAttributeNS(OdfDom.XLINK, "href");
      if (href.startsWith("Pictures/") && !href.contains("..")) {
        parts.add(href);
      }
    }
    return parts;
  }

  private static Element child(Element parent, String officeName) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (OdfDom.is(child, OdfDom.OFFICE, officeName)) {
        return (Element) child;
      }
    }
    return null;
  }
}
