package org.cloudooo.rpc;

import java.io.IOException;
import org.apache.xmlrpc.parser.TypeParserImpl;
import org.cloudooo.service.Workspace;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a {@code <string>} value: as a {@link String} while it is short, and past {@link
 * #MAX_IN_MEMORY} characters as a {@link LongText}, decoded as base64 into the request's
 * workspace on the fly (documents travel as base64 text, and no other argument comes near
 * that length). So a 50 MB document costs the server one 64 KiB block, not 70 MB of text.
 */
final class StringValueParser extends TypeParserImpl {

  /** Longer strings are taken for documents. */
  static final int MAX_IN_MEMORY = 1 << 20;

  private StringBuilder text;
  private Base64Spool spool;
  private long characters;
  private int level;

  @Override
  public void startDocument() {
    level = 0;
  }

  @Override
  public void characters(char[] chars, int start, int length) throws SAXException {
    if (text == null) {
      if (!isEmpty(chars, start, length)) {
        throw new SAXParseException("Unexpected non-whitespace characters", getDocumentLocator());
      }
      return;
    }
    try {
      characters += length;
      if (spool != null) {
        spool.write(chars, start, length);
        return;
      }
      text.append(chars, start, length);
      if (text.length() > MAX_IN_MEMORY) {
        Workspace workspace = RequestWorkspace.current();
        spool = new Base64Spool(workspace.newFile("document", ".bin"));
        workspace.closeWith(spool);
        spool.write(text.toString());
        text.setLength(0);
        text.trimToSize();
      }
    } catch (IOException e) {
      throw new SAXException("could not store the document in the working directory: " + e.getMessage(), e);
    }
  }

  /** The first start tag is the value's own {@code <string>}; any other is an error. */
  @Override
  public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
    if (level++ != 0) {
      throw new SAXParseException("Unexpected start tag in atomic element: " + qName, getDocumentLocator());
    }
    text = new StringBuilder();
  }

  @Override
  public void endElement(String uri, String localName, String qName) throws SAXException {
    if (--level != 0) {
      throw new SAXParseException("Unexpected end tag in atomic element: " + qName, getDocumentLocator());
    }
    if (spool == null) {
      setResult(text.toString());
      return;
    }
    try {
      spool.close();
    } catch (IOException e) {
      throw new SAXException("could not store the document in the working directory: " + e.getMessage(), e);
    }
    setResult(new LongText(spool.file(), characters, spool.error()));
  }
}
