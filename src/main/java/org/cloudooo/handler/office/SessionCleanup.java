package org.cloudooo.handler.office;

import com.sun.star.container.XEnumeration;
import com.sun.star.frame.XDesktop;
import com.sun.star.lang.XComponent;
import com.sun.star.uno.UnoRuntime;
import com.sun.star.util.CloseVetoException;
import com.sun.star.util.XCloseable;
import org.jodconverter.core.office.OfficeContext;
import org.jodconverter.core.office.OfficeException;
import org.jodconverter.core.task.OfficeTask;
import org.jodconverter.local.office.LocalOfficeContext;

/**
 * After a UNO pass-through session: closes every component the client left open, then asks
 * the Desktop once more, as the liveness check, that none is left. A failure here means the
 * worker is not fit to serve again.
 */
final class SessionCleanup implements OfficeTask {

  private int closed;

  @Override
  public void execute(OfficeContext context) throws OfficeException {
    XDesktop desktop = ((LocalOfficeContext) context).getDesktop();
    try {
      XEnumeration components = desktop.getComponents().createEnumeration();
      while (components.hasMoreElements()) {
        Object component = components.nextElement();
        close(component);
        closed++;
      }
      if (desktop.getComponents().createEnumeration().hasMoreElements()) {
        throw new OfficeException("a component the client left open could not be closed");
      }
    } catch (com.sun.star.uno.Exception | RuntimeException e) {
      throw new OfficeException("LibreOffice did not answer the session cleanup: " + e.getMessage(), e);
    }
  }

  private static void close(Object component) {
    XCloseable closeable = UnoRuntime.queryInterface(XCloseable.class, component);
    try {
      if (closeable != null) {
        closeable.close(true);
        return;
      }
    } catch (CloseVetoException e) {
      // Vetoed (a modal dialog, a pending job): disposing is the stronger way out.
    }
    XComponent disposable = UnoRuntime.queryInterface(XComponent.class, component);
    if (disposable != null) {
      disposable.dispose();
    }
  }

  /** Components closed by the last run. */
  int closed() {
    return closed;
  }
}
