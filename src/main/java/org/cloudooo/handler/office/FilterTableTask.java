package org.cloudooo.handler.office;

import com.sun.star.beans.PropertyValue;
import com.sun.star.container.XNameAccess;
import com.sun.star.uno.Any;
import com.sun.star.uno.UnoRuntime;
import com.sun.star.uno.XComponentContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jodconverter.core.office.OfficeContext;
import org.jodconverter.core.office.OfficeException;
import org.jodconverter.core.task.OfficeTask;
import org.jodconverter.local.office.LocalOfficeContext;

/** Reads LibreOffice's FilterFactory and TypeDetection: every element with its properties. */
final class FilterTableTask implements OfficeTask {

  private Map<String, Map<String, Object>> filters = Map.of();
  private Map<String, Map<String, Object>> types = Map.of();

  @Override
  public void execute(OfficeContext context) throws OfficeException {
    LocalOfficeContext office = (LocalOfficeContext) context;
    try {
      filters = readAll(office, "com.sun.star.document.FilterFactory");
      types = readAll(office, "com.sun.star.document.TypeDetection");
    } catch (com.sun.star.uno.Exception e) {
      throw new OfficeException("could not read LibreOffice's filter tables", e);
    }
  }

  Map<String, Map<String, Object>> filters() {
    return filters;
  }

  Map<String, Map<String, Object>> types() {
    return types;
  }

  private static Map<String, Map<String, Object>> readAll(LocalOfficeContext office, String service)
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
          byName.put(property.Name, unwrap(property.Value));
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
