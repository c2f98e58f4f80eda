package org.cloudooo.handler.office;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.parsers.SAXParser;
import org.cloudooo.format.SafeXml;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** Parses the XML parts of one document with the hardened parser, one parser for them all. */
final class PartParser {

  private final SAXParser parser = SafeXml.threadSaxParser();

  /**
   * @return false when the content is not XML the hardened parser accepts (a DOCTYPE, bad
   *     syntax, encrypted bytes): its links could not be seen
   */
  boolean parse(InputStream content, DefaultHandler handler) throws IOException {
    try {
      parser.parse(content, handler);
      return true;
    } catch (SAXException unreadable) {
      parser.reset();
      return false;
    }
  }
}
