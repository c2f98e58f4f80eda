package org.cloudooo.rpc;

import java.io.IOException;
import org.apache.ws.commons.serialize.CharSetXMLWriter;
import org.apache.ws.commons.serialize.XMLWriter;
import org.apache.xmlrpc.serializer.BaseXmlWriterFactory;
import org.xml.sax.SAXException;

/**
 * Writes characters outside the Basic Multilingual Plane as UTF-8: the default writer escapes
 * each surrogate half as a character reference, which is invalid XML that Python rejects.
 */
final class Utf8XmlWriterFactory extends BaseXmlWriterFactory {
  @Override
  protected XMLWriter newXmlWriter() {
    return new WireXmlWriter();
  }

  /** The answer's writer; also writes text that needs no escaping in bulk. */
  static final class WireXmlWriter extends CharSetXMLWriter {
    @Override
    public boolean canEncode(char c) {
      return Character.isSurrogate(c) || super.canEncode(c);
    }

    /**
     * Writes {@code text} as it is, for text with nothing to escape (base64). {@link #characters}
     * looks at every character and writes them one at a time to a synchronized writer, which
     * cost more CPU than the rest of a document's answer.
     */
    void writeVerbatim(char[] text) throws SAXException {
      // An empty call first ends a pending start tag, as characters of its own would.
      characters(text, 0, 0);
      try {
        getWriter().write(text);
      } catch (IOException e) {
        throw new SAXException(e);
      }
    }
  }
}
