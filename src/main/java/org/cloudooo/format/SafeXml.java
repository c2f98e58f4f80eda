package org.cloudooo.format;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;

/**
 * XML parsers that read nothing but the bytes given: no DOCTYPE, no external entities or
 * DTDs, no XInclude, JDK secure-processing limits on.
 */
public final class SafeXml {

  private SafeXml() {}

  /** A namespace-aware SAX parser factory with every outside access switched off. */
  public static SAXParserFactory saxParserFactory() {
    SAXParserFactory factory = SAXParserFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setValidating(false);
    factory.setXIncludeAware(false);
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException | SAXNotRecognizedException | SAXNotSupportedException e) {
      throw new IllegalStateException("the JDK's XML parser cannot be hardened: " + e.getMessage(), e);
    }
    return factory;
  }
}
