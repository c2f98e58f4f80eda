package org.cloudooo.handler.office;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.cloudooo.format.SafeXml;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** Parses the XML parts of one document with the hardened parser, one parser for them all. */
final class PartParser {

  /** Made once: finding the JDK's parser through the service loader costs more than a parse. */
  private static final SAXParserFactory FACTORY = SafeXml.saxParserFactory();

  private final SAXParser parser;

  PartParser() {
    try {
      synchronized (FACTORY) { // a factory is not promised to be thread-safe
        parser = FACTORY.newSAXParser();
      }
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the JDK's XML parser cannot be made: " + e.getMessage(), e);
    }
  }

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
