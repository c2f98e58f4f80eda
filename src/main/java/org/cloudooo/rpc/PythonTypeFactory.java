package org.cloudooo.rpc;

import java.io.IOException;
import org.apache.ws.commons.util.NamespaceContextImpl;
import org.apache.xmlrpc.common.TypeFactoryImpl;
import org.apache.xmlrpc.common.XmlRpcController;
import org.apache.xmlrpc.common.XmlRpcStreamConfig;
import org.apache.xmlrpc.parser.I8Parser;
import org.apache.xmlrpc.parser.NullParser;
import org.apache.xmlrpc.parser.TypeParser;
import org.apache.xmlrpc.serializer.TypeSerializer;
import org.apache.xmlrpc.serializer.TypeSerializerImpl;
import org.apache.xmlrpc.serializer.XmlRpcWriter;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * The value types as Python's {@code xmlrpc.client} sends and reads them: plain {@code <nil/>}
 * and {@code <i8>} are accepted without Apache's extensions (which would also allow Java
 * serialization on the wire), and {@code null}/{@code Long} results are written the same way.
 * Documents (base64 text) go to and come from files: long strings are spooled by {@link
 * StringValueParser}, and {@link WireDocument}s are streamed into the answer.
 */
final class PythonTypeFactory extends TypeFactoryImpl {

  private static final TypeSerializer NIL = new NilSerializer();
  private static final TypeSerializer I8 = new I8Serializer();
  private static final TypeSerializer DOCUMENT = new DocumentSerializer();

  PythonTypeFactory(XmlRpcController controller) {
    super(controller);
  }

  @Override
  public TypeParser getParser(XmlRpcStreamConfig config, NamespaceContextImpl context, String uri, String localName) {
    if ("".equals(uri) || XmlRpcWriter.EXTENSIONS_URI.equals(uri)) {
      if ("nil".equals(localName)) {
        return new NullParser();
      }
      if ("i8".equals(localName)) {
        return new I8Parser();
      }
      if ("string".equals(localName)) {
        return new StringValueParser();
      }
    }
    return super.getParser(config, context, uri, localName);
  }

  @Override
  public TypeSerializer getSerializer(XmlRpcStreamConfig config, Object value) throws SAXException {
    if (value == null) {
      return NIL;
    }
    if (value instanceof Long) {
      return I8;
    }
    if (value instanceof WireDocument) {
      return DOCUMENT;
    }
    return super.getSerializer(config, value);
  }

  private static final class NilSerializer extends TypeSerializerImpl {
    @Override
    public void write(ContentHandler handler, Object value) throws SAXException {
      handler.startElement("", VALUE_TAG, VALUE_TAG, ZERO_ATTRIBUTES);
      handler.startElement("", "nil", "nil", ZERO_ATTRIBUTES);
      handler.endElement("", "nil", "nil");
      handler.endElement("", VALUE_TAG, VALUE_TAG);
    }
  }

  /** {@code <value>base64 text</value>}, as strings are written, streamed from the file. */
  private static final class DocumentSerializer extends TypeSerializerImpl {
    @Override
    public void write(ContentHandler handler, Object value) throws SAXException {
      handler.startElement("", VALUE_TAG, VALUE_TAG, ZERO_ATTRIBUTES);
      // Answers are written only by Utf8XmlWriterFactory's writers.
      var writer = (Utf8XmlWriterFactory.WireXmlWriter) handler;
      try {
        WireBase64.encode(((WireDocument) value).file(), text -> {
          try {
            writer.writeVerbatim(text);
          } catch (SAXException e) {
            throw new IOException(e);
          }
        });
      } catch (IOException e) {
        throw new SAXException("could not read the answer's document: " + e.getMessage(), e);
      }
      handler.endElement("", VALUE_TAG, VALUE_TAG);
    }
  }

  private static final class I8Serializer extends TypeSerializerImpl {
    @Override
    public void write(ContentHandler handler, Object value) throws SAXException {
      write(handler, "i8", value.toString());
    }
  }
}
