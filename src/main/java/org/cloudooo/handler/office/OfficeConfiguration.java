package org.cloudooo.handler.office;

import com.sun.star.beans.PropertyState;
import com.sun.star.beans.PropertyValue;
import com.sun.star.lang.XMultiServiceFactory;
import com.sun.star.uno.UnoRuntime;
import com.sun.star.util.XChangesBatch;
import com.sun.star.util.XFlushable;
import org.jodconverter.local.office.LocalOfficeContext;

/** A running soffice's configuration, read and changed over UNO; changes reach its profile with {@link #flush}. */
final class OfficeConfiguration {

  private final XMultiServiceFactory provider;

  OfficeConfiguration(LocalOfficeContext office) throws com.sun.star.uno.Exception {
    this.provider = UnoRuntime.queryInterface(XMultiServiceFactory.class,
        office.getServiceManager().createInstanceWithContext(
            "com.sun.star.configuration.ConfigurationProvider", office.getComponentContext()));
  }

  /** A node to read, such as {@code /org.openoffice.Setup/Product}. */
  Object reading(String path) throws com.sun.star.uno.Exception {
    return provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", nodePath(path));
  }

  /** A node to change; its changes take effect with {@link #commit}. */
  Object changing(String path) throws com.sun.star.uno.Exception {
    return provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess", nodePath(path));
  }

  /** Makes the changes made through {@code changed} (a node of {@link #changing}) take effect. */
  void commit(Object changed) throws com.sun.star.uno.Exception {
    UnoRuntime.queryInterface(XChangesBatch.class, changed).commitChanges();
  }

  /** Writes the committed changes to the profile's {@code registrymodifications.xcu} now. */
  void flush() {
    UnoRuntime.queryInterface(XFlushable.class, provider).flush();
  }

  private static Object[] nodePath(String path) {
    return new Object[] {new PropertyValue("nodepath", -1, path, PropertyState.DIRECT_VALUE)};
  }
}
