package org.cloudooo.rpc;

import org.apache.ws.commons.serialize.CharSetXMLWriter;
import org.apache.ws.commons.serialize.XMLWriter;
import org.apache.xmlrpc.serializer.BaseXmlWriterFactory;

/**
 * Writes characters outside the Basic Multilingual Plane as UTF-8: the default writer escapes
 * each surrogate half as a character reference, which is invalid XML that Python rejects.
 */
final class Utf8XmlWriterFactory extends BaseXmlWriterFactory {
  @Override
  protected XMLWriter newXmlWriter() {
    return new CharSetXMLWriter() {
      @Override
      public boolean canEncode(char c) {
        return Character.isSurrogate(c) || super.canEncode(c);
      }
    };
  }
}
