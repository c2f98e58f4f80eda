package org.cloudooo.rpc;

import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.cloudooo.format.SafeXml;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.XMLReader;

/**
 * What Apache XML-RPC asks for a parser of each request: this thread's hardened parser, reset
 * ({@link SafeXml#threadSaxParser}), rather than a new one, which cost more than the parse.
 */
final class ThreadParserFactory extends SAXParserFactory {

  @Override
  public SAXParser newSAXParser() {
    return SafeXml.threadSaxParser();
  }

  /** Refused: the parser's features are SafeXml's. */
  @Override
  public void setFeature(String name, boolean value) throws SAXNotSupportedException {
    throw new SAXNotSupportedException("the request parser's features are fixed (SafeXml): " + name);
  }

  @Override
  public boolean getFeature(String name) throws SAXNotRecognizedException, SAXNotSupportedException {
    XMLReader reader;
    try {
      reader = SafeXml.threadSaxParser().getXMLReader();
    } catch (SAXException e) {
      throw new SAXNotSupportedException("no XML reader: " + e.getMessage());
    }
    return reader.getFeature(name);
  }
}
