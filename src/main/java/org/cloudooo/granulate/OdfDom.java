package org.cloudooo.granulate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.cloudooo.format.SafeXml;
import org.cloudooo.core.CloudoooException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** ODF namespaces and the few DOM operations the granulator needs: parse, walk, text, write. */
final class OdfDom {

  static final String OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
  static final String STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
  static final String TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
  static final String TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
  static final String DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
  static final String XLINK = "http://www.w3.org/1999/xlink";
  static final String MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";

  /**
   * Deepest element nesting accepted. LibreOffice documents stay within a few dozen levels;
   * the walks below, DOM's importNode and the serialiser recurse, so a hostile document a
   * hundred thousand levels deep would overflow the stack.
   */
  static final int MAX_DEPTH = 1000;

  private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

  private OdfDom() {}

  /** Parses a part of a package with the hardened parser; {@code part} names it in errors. */
  static Document parse(byte[] xml, String part) {
    try {
      DocumentBuilderFactory factory = SafeXml.documentBuilderFactory();
      factory.setAttribute(MAX_ELEMENT_DEPTH, String.valueOf(MAX_DEPTH));
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(FAIL_QUIETLY); // the default handler also prints to stderr
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (SAXParseException e) {
      throw CloudoooException.badInput(
          part + " of the ODF package cannot be parsed (line " + e.getLineNumber() + ", column "
              + e.getColumnNumber() + "): " + e.getMessage());
    } catch (SAXException | IOException e) {
      throw CloudoooException.badInput(part + " of the ODF package cannot be parsed: " + e.getMessage());
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("no XML parser: " + e.getMessage(), e);
    }
  }

  /** An empty document to build a new part in. */
  static Document newDocument() {
    try {
      return SafeXml.documentBuilderFactory().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("no XML parser: " + e.getMessage(), e);
    }
  }

  /** Serialises a document as UTF-8 XML, without indentation (ODF text is whitespace-sensitive). */
  static byte[] write(Document document) {
    try {
      TransformerFactory factory = TransformerFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer identity = factory.newTransformer();
      identity.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      identity.setOutputProperty(OutputKeys.INDENT, "no");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      identity.transform(new DOMSource(document), new StreamResult(out));
      return out.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot write XML: " + e.getMessage(), e);
    }
  }

  static boolean is(Node node, String namespace, String localName) {
    return node instanceof Element && namespace.equals(node.getNamespaceURI()) && localName.equals(node.getLocalName());
  }

  /** The descendants of {@code root} matching {@code test}, in document order. */
  static List<Element> elements(Node root, Predicate<Element> test) {
    List<Element> found = new ArrayList<>();
    collect(root, test, found);
    return found;
  }

  private static void collect(Node parent, Predicate<Element> test, List<Element> found) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element) {
        if (test.test(element)) {
          found.add(element);
        }
        collect(element, test, found);
      }
    }
  }

  /** The nearest ancestor of {@code node} with that name, or null. */
  static Element ancestor(Node node, String namespace, String localName) {
    for (Node up = node.getParentNode(); up != null; up = up.getParentNode()) {
      if (is(up, namespace, localName)) {
        return (Element) up;
      }
    }
    return null;
  }

  /**
   * The text of a node and its descendants, as lxml's itertext joins it, except that the ODF
   * white-space elements count as what they display: text:s as spaces, text:tab as a tab and
   * text:line-break as a new line (itertext drops them, gluing words together).
   */
  static String text(Node node) {
    StringBuilder text = new StringBuilder();
    appendText(node, text);
    return text.toString();
  }

  /** The text of a run of siblings, from {@code first} to the end of its parent. */
  static String textFrom(Node first) {
    StringBuilder text = new StringBuilder();
    for (Node sibling = first; sibling != null; sibling = sibling.getNextSibling()) {
      appendText(sibling, text);
    }
    return text.toString();
  }

  private static void appendText(Node node, StringBuilder text) {
    switch (node.getNodeType()) {
      case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text.append(node.getNodeValue());
      case Node.ELEMENT_NODE -> {
        if (is(node, TEXT, "s")) {
          text.append(" ".repeat(spaceCount((Element) node)));
        } else if (is(node, TEXT, "tab")) {
          text.append('\t');
        } else if (is(node, TEXT, "line-break")) {
          text.append('\n');
        } else {
          for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            appendText(child, text);
          }
        }
      }
      case Node.DOCUMENT_NODE -> appendText(((Document) node).getDocumentElement(), text);
      default -> {}
    }
  }

  /**
   * text:c of a text:s, bounded: a 20-byte element must not expand to megabytes of text, and
   * 64 spaces in a row are as many as text extraction needs.
   */
  private static int spaceCount(Element space) {
    try {
      int count = Integer.parseInt(space.getAttributeNS(TEXT, "c").strip());
      return Math.max(1, Math.min(count, 64));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static final ErrorHandler FAIL_QUIETLY =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      };
}
