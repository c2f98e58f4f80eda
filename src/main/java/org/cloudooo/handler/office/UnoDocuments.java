package org.cloudooo.handler.office;

import com.sun.star.beans.PropertyValue;
import com.sun.star.frame.XComponentLoader;
import com.sun.star.frame.XDispatchHelper;
import com.sun.star.frame.XDispatchProvider;
import com.sun.star.frame.XModel;
import com.sun.star.frame.XModuleManager;
import com.sun.star.frame.XStorable;
import com.sun.star.lang.XComponent;
import com.sun.star.sheet.XSpreadsheetDocument;
import com.sun.star.uno.UnoRuntime;
import com.sun.star.util.CloseVetoException;
import com.sun.star.util.XCloseable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.jodconverter.local.office.LocalOfficeContext;
import org.jodconverter.local.office.LocalOfficeUtils;

/** The few UNO calls the conversion needs: load, identify, refresh, store, close. */
final class UnoDocuments {

  /** Commands the original dispatches for {@code refresh=True}. */
  private static final List<String> REFRESH_COMMANDS =
      List.of(".uno:UpdateFields", ".uno:UpdateAll", ".uno:UpdateInputFields", ".uno:UpdateAllLinks", ".uno:UpdateCharts");

  /** The load property that opens a protected document. */
  static final String PASSWORD = "Password";

  private UnoDocuments() {}

  static XComponent load(LocalOfficeContext office, Path file, Map<String, Object> loadProperties, String description) {
    XComponentLoader loader = office.getComponentLoader();
    XComponent document;
    try {
      document = loader.loadComponentFromURL(
          LocalOfficeUtils.toUrl(file.toFile()), "_blank", 0, LocalOfficeUtils.toUnoProperties(loadProperties));
    } catch (com.sun.star.io.IOException | com.sun.star.lang.IllegalArgumentException e) {
      requireAlive(office, e);
      requireNoPassword(loadProperties);
      throw CloudoooException.badInput(
          "This document can not be loaded or is empty: LibreOffice could not read this " + description + ": " + describe(e));
    }
    if (document == null) {
      requireAlive(office, null);
      requireNoPassword(loadProperties);
      throw CloudoooException.badInput(
          "This document can not be loaded or is empty: LibreOffice does not recognise this " + description
              + " (damaged, truncated or of another format)");
    }
    return document;
  }

  /**
   * A password is given only to documents that need one (see OfficeHandler): LibreOffice then
   * fails to load them only when it is wrong, and says nothing more than for a damaged file.
   */
  private static void requireNoPassword(Map<String, Object> loadProperties) {
    if (loadProperties.containsKey(PASSWORD)) {
      throw new CloudoooException(ErrorKind.WRONG_PASSWORD,
          "The password given in conversion_kw['password'] does not open this document; check it and send it again");
    }
  }

  /**
   * A failed call may mean the document is bad or that soffice died under it: only a live
   * soffice lets the failure be blamed on the document.
   */
  static void requireAlive(LocalOfficeContext office, Throwable failure) {
    try {
      office.getDesktop().getCurrentComponent();
    } catch (RuntimeException e) {
      throw new BackendLostException("LibreOffice went away during the task", failure != null ? failure : e);
    }
  }

  /** The import filter LibreOffice chose for a loaded document. */
  static String loadFilter(XComponent document) {
    XModel model = UnoRuntime.queryInterface(XModel.class, document);
    if (model != null) {
      for (PropertyValue argument : model.getArgs()) {
        if ("FilterName".equals(argument.Name)) {
          return String.valueOf(argument.Value);
        }
      }
    }
    return "";
  }

  /** The document's service name, as ModuleManager says ({@code com.sun.star.text.TextDocument}). */
  static String identify(LocalOfficeContext office, XComponent document) throws com.sun.star.uno.Exception {
    XModuleManager modules =
        UnoRuntime.queryInterface(
            XModuleManager.class,
            office.getServiceManager().createInstanceWithContext("com.sun.star.frame.ModuleManager", office.getComponentContext()));
    return modules.identify(document);
  }

  /** Updates fields, indexes, links and charts, as the original's {@code refresh}. */
  static void refresh(LocalOfficeContext office, XComponent document) throws com.sun.star.uno.Exception {
    XModel model = UnoRuntime.queryInterface(XModel.class, document);
    if (model == null || model.getCurrentController() == null) {
      return;
    }
    XDispatchProvider frame = UnoRuntime.queryInterface(XDispatchProvider.class, model.getCurrentController().getFrame());
    XDispatchHelper dispatcher =
        UnoRuntime.queryInterface(
            XDispatchHelper.class,
            office.getServiceManager().createInstanceWithContext("com.sun.star.frame.DispatchHelper", office.getComponentContext()));
    for (String command : REFRESH_COMMANDS) {
      dispatcher.executeDispatch(frame, command, "", 0, new PropertyValue[0]);
    }
  }

  /**
   * Stores a copy of the document with a filter.
   *
   * @param filterData the filter's FilterData, may be empty
   * @param filterOptions the filter's FilterOptions, may be null
   */
  static void storeTo(XComponent document, Path target, String filterName, Map<String, Object> filterData, String filterOptions)
      throws com.sun.star.io.IOException {
    List<PropertyValue> properties = new ArrayList<>();
    properties.add(property("Overwrite", Boolean.TRUE));
    properties.add(property("FilterName", filterName));
    if (!filterData.isEmpty()) {
      properties.add(property("FilterData", LocalOfficeUtils.toUnoProperties(filterData)));
    }
    if (filterOptions != null) {
      properties.add(property("FilterOptions", filterOptions));
    }
    UnoRuntime.queryInterface(XStorable.class, document)
        .storeToURL(LocalOfficeUtils.toUrl(target.toFile()), properties.toArray(PropertyValue[]::new));
  }

  /** The names of a spreadsheet's sheets, in order. */
  static List<String> sheetNames(XComponent document) {
    return List.of(UnoRuntime.queryInterface(XSpreadsheetDocument.class, document).getSheets().getElementNames());
  }

  /** Stores the document over the file it was loaded from, in the format it was loaded with. */
  static void store(XComponent document) throws com.sun.star.io.IOException {
    UnoRuntime.queryInterface(XStorable.class, document).store();
  }

  static void close(XComponent document) {
    XCloseable closeable = UnoRuntime.queryInterface(XCloseable.class, document);
    try {
      if (closeable != null) {
        closeable.close(true);
      } else {
        document.dispose();
      }
    } catch (CloseVetoException | com.sun.star.lang.DisposedException e) {
      // The document is busy or already gone; the process restart on the next failure cleans it.
    }
  }

  private static PropertyValue property(String name, Object value) {
    PropertyValue property = new PropertyValue();
    property.Name = name;
    property.Value = value;
    return property;
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
  }
}
