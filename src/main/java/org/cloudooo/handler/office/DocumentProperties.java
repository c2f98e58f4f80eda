package org.cloudooo.handler.office;

import com.sun.star.beans.Property;
import com.sun.star.beans.PropertyAttribute;
import com.sun.star.beans.XPropertyContainer;
import com.sun.star.beans.XPropertySet;
import com.sun.star.document.XDocumentProperties;
import com.sun.star.document.XDocumentPropertiesSupplier;
import com.sun.star.lang.XComponent;
import com.sun.star.uno.Any;
import com.sun.star.uno.UnoRuntime;
import com.sun.star.util.DateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A document's properties as the original's metadata map: string attributes as they are
 * (empty ones left out), {@code Keywords} as a list, dates as {@code DD/MM/YYYY HH:MM:SS},
 * then every user-defined string property by its own name.
 */
final class DocumentProperties {

  /** The string attributes of XDocumentProperties, in the order Python's dir() lists them. */
  private static final Map<String, Function<XDocumentProperties, String>> STRING_GETTERS = new LinkedHashMap<>();
  private static final Map<String, BiConsumer<XDocumentProperties, String>> STRING_SETTERS = new LinkedHashMap<>();
  private static final Map<String, Function<XDocumentProperties, DateTime>> DATE_GETTERS = new LinkedHashMap<>();
  private static final String KEYWORDS = "Keywords";

  static {
    string("AutoloadURL", XDocumentProperties::getAutoloadURL, XDocumentProperties::setAutoloadURL);
    string("Author", XDocumentProperties::getAuthor, XDocumentProperties::setAuthor);
    string("DefaultTarget", XDocumentProperties::getDefaultTarget, XDocumentProperties::setDefaultTarget);
    string("Description", XDocumentProperties::getDescription, XDocumentProperties::setDescription);
    string("Generator", XDocumentProperties::getGenerator, XDocumentProperties::setGenerator);
    string("ModifiedBy", XDocumentProperties::getModifiedBy, XDocumentProperties::setModifiedBy);
    string("PrintedBy", XDocumentProperties::getPrintedBy, XDocumentProperties::setPrintedBy);
    string("Subject", XDocumentProperties::getSubject, XDocumentProperties::setSubject);
    string("TemplateName", XDocumentProperties::getTemplateName, XDocumentProperties::setTemplateName);
    string("TemplateURL", XDocumentProperties::getTemplateURL, XDocumentProperties::setTemplateURL);
    string("Title", XDocumentProperties::getTitle, XDocumentProperties::setTitle);
    DATE_GETTERS.put("CreationDate", XDocumentProperties::getCreationDate);
    DATE_GETTERS.put("ModificationDate", XDocumentProperties::getModificationDate);
    DATE_GETTERS.put("PrintDate", XDocumentProperties::getPrintDate);
    DATE_GETTERS.put("TemplateDate", XDocumentProperties::getTemplateDate);
  }

  private static void string(
      String key, Function<XDocumentProperties, String> getter, BiConsumer<XDocumentProperties, String> setter) {
    STRING_GETTERS.put(key, getter);
    STRING_SETTERS.put(key, setter);
  }

  private DocumentProperties() {}

  static Map<String, Object> read(XComponent document) throws com.sun.star.uno.Exception {
    XDocumentProperties properties = propertiesOf(document);
    Map<String, Object> metadata = new LinkedHashMap<>();
    STRING_GETTERS.forEach((key, getter) -> putIfText(metadata, key, getter.apply(properties)));
    DATE_GETTERS.forEach((key, getter) -> metadata.put(key, format(getter.apply(properties))));
    String[] keywords = properties.getKeywords();
    if (keywords != null && keywords.length > 0) {
      metadata.put(KEYWORDS, List.of(keywords));
    }
    XPropertySet userDefined = UnoRuntime.queryInterface(XPropertySet.class, properties.getUserDefinedProperties());
    for (Property property : userDefined.getPropertySetInfo().getProperties()) {
      Object value = unwrap(userDefined.getPropertyValue(property.Name));
      if (value instanceof String text) {
        putIfText(metadata, property.Name, text);
      }
    }
    return metadata;
  }

  /**
   * Writes metadata as the original does: a known attribute takes a value of its own type
   * (dates are never written), {@code Keywords} takes a list or a space-separated string, an
   * unknown key with a string value becomes a user-defined property; anything else is ignored.
   */
  static void write(XComponent document, Map<String, Object> metadata) throws com.sun.star.uno.Exception {
    XDocumentProperties properties = propertiesOf(document);
    XPropertyContainer container = properties.getUserDefinedProperties();
    XPropertySet userDefined = UnoRuntime.queryInterface(XPropertySet.class, container);
    for (Map.Entry<String, Object> entry : metadata.entrySet()) {
      String key = entry.getKey();
      Object value = entry.getValue();
      if (STRING_SETTERS.containsKey(key)) {
        if (value instanceof String text) {
          STRING_SETTERS.get(key).accept(properties, text);
        }
      } else if (key.equals(KEYWORDS)) {
        keywords(value).ifPresent(properties::setKeywords);
      } else if (DATE_GETTERS.containsKey(key)) {
        continue; // dates would need a DateTime; the original ignores them too
      } else if (userDefined.getPropertySetInfo().hasPropertyByName(key)) {
        if (value instanceof String && unwrap(userDefined.getPropertyValue(key)) instanceof String) {
          userDefined.setPropertyValue(key, value);
        }
      } else if (value instanceof String text) {
        container.addProperty(key, PropertyAttribute.REMOVABLE, text);
      }
    }
  }

  private static java.util.Optional<String[]> keywords(Object value) {
    if (value instanceof String text) {
      return java.util.Optional.of(text.split(" "));
    }
    if (value instanceof Object[] list) {
      return java.util.Optional.of(Arrays.stream(list).map(String::valueOf).toArray(String[]::new));
    }
    if (value instanceof List<?> list) {
      return java.util.Optional.of(list.stream().map(String::valueOf).toArray(String[]::new));
    }
    return java.util.Optional.empty();
  }

  private static XDocumentProperties propertiesOf(XComponent document) {
    XDocumentPropertiesSupplier supplier = UnoRuntime.queryInterface(XDocumentPropertiesSupplier.class, document);
    if (supplier == null) {
      throw new IllegalStateException("this document has no document properties");
    }
    return supplier.getDocumentProperties();
  }

  private static void putIfText(Map<String, Object> metadata, String key, String value) {
    if (value != null && !value.isEmpty()) {
      metadata.put(key, value);
    }
  }

  /** {@code DD/MM/YYYY HH:MM:SS}; an unset date reads {@code 00/00/0000 00:00:00}, as in the original. */
  static String format(DateTime date) {
    if (date == null) {
      return "00/00/0000 00:00:00";
    }
    return String.format("%02d/%02d/%04d %02d:%02d:%02d", date.Day, date.Month, date.Year, date.Hours, date.Minutes, date.Seconds);
  }

  private static Object unwrap(Object value) {
    return value instanceof Any any ? any.getObject() : value;
  }
}
