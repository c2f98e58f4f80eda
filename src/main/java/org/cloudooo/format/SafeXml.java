package org.cloudooo.format;

import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;

/**
 * XML parsers that read nothing but the bytes given: no DOCTYPE, no external entities or
 * DTDs, no XInclude, JDK secure-processing limits on.
 */
public final class SafeXml {

  /** The parser features that shut every outside access. */
  private static final Map<String, Boolean> HARDENING =
      Map.of(
          XMLConstants.FEATURE_SECURE_PROCESSING, true,
          "http://apache.org/xml/features/disallow-doctype-decl", true,
          "http://xml.org/sax/features/external-general-entities", false,
          "http://xml.org/sax/features/external-parameter-entities", false,
          "http://apache.org/xml/features/nonvalidating/load-external-dtd", false);

  /** setFeature of either factory type; they declare different checked exceptions. */
  private interface FeatureSetter {
    void set(String feature, boolean value) throws Exception;
  }

  private SafeXml() {}

  /** A namespace-aware SAX parser factory with every outside access switched off. */
  public static SAXParserFactory saxParserFactory() {
    SAXParserFactory factory = SAXParserFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setValidating(false);
    factory.setXIncludeAware(false);
    harden(factory::setFeature);
    return factory;
  }

  /**
   * A namespace-aware DOM builder factory hardened like {@link #saxParserFactory()}; entity
   * references are not expanded, since a document without a DOCTYPE has none to expand.
   */
  public static DocumentBuilderFactory documentBuilderFactory() {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setValidating(false);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    harden(factory::setFeature);
    // Belt and braces: were a DOCTYPE let through, it still could load no DTD or schema.
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return factory;
  }

  private static void harden(FeatureSetter factory) {
    HARDENING.forEach(
        (feature, value) -> {
          try {
            factory.set(feature, value);
          } catch (Exception e) {
            throw new IllegalStateException(
                "the JDK's XML parser cannot be hardened (" + feature + "): " + e.getMessage(), e);
          }
        });
  }
}
