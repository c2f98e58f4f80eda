package org.cloudooo.handler.office;

import com.sun.star.beans.PropertyValue;
import com.sun.star.container.XNameAccess;
import com.sun.star.uno.Any;
import com.sun.star.uno.UnoRuntime;
import com.sun.star.uno.XComponentContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jodconverter.core.office.OfficeContext;
import org.jodconverter.core.office.OfficeException;
import org.jodconverter.core.task.OfficeTask;
import org.jodconverter.local.office.LocalOfficeContext;

/**
 * Reads LibreOffice's FilterFactory and TypeDetection: every element with the properties
 * {@link OfficeFormats} reads (kept in {@link FilterTableCache} between starts).
 */
final class FilterTableTask implements OfficeTask {

  /** The filter properties the server reads. */
  static final Set<String> FILTER_KEYS = Set.of("Type", "DocumentService", "UIName", "Flags", "ExportExtension");
  /** The type properties the server reads. */
  static final Set<String> TYPE_KEYS = Set.of("UIName", "Extensions", "MediaType", "Preferred");

  private FilterTables tables = new FilterTables(Map.of(), Map.of());

  @Override
  public void execute(OfficeContext context) throws OfficeException {
    LocalOfficeContext office = (LocalOfficeContext) context;
    try {
      tables = new FilterTables(readAll(office, "com.sun.star.document.FilterFactory", FILTER_KEYS),
          readAll(office, "com.sun.star.document.TypeDetection", TYPE_KEYS));
    } catch (com.sun.star.uno.Exception e) {
      throw new OfficeException("could not read LibreOffice's filter tables", e);
    }
  }

  FilterTables tables() {
    return tables;
  }

  private static Map<String, Map<String, Object>> readAll(LocalOfficeContext office, String service, Set<String> keys)
      throws com.sun.star.uno.Exception {
    XComponentContext cc = office.getComponentContext();
    XNameAccess access =
        UnoRuntime.queryInterface(XNameAccess.class, office.getServiceManager().createInstanceWithContext(service, cc));
    Map<String, Map<String, Object>> elements = new LinkedHashMap<>();
    for (String name : access.getElementNames()) {
      Object value = unwrap(access.getByName(name));
      if (value instanceof PropertyValue[] properties) {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (PropertyValue property : properties) {
          if (keys.contains(property.Name)) {
            byName.put(property.Name, unwrap(property.Value));
          }
        }
        elements.put(name, byName);
      }
    }
    return elements;
  }

  private static Object unwrap(Object value) {
    return value instanceof Any any ? any.getObject() : value;
  }
}
