package org.cloudooo.handler.office;

import com.sun.star.beans.PropertyAttribute;
import com.sun.star.beans.XPropertySet;
import com.sun.star.uno.UnoRuntime;
import org.jodconverter.core.office.OfficeContext;
import org.jodconverter.core.task.OfficeTask;
import org.jodconverter.local.office.LocalOfficeContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records in the profile the LibreOffice version that started it ({@code ooSetupLastVersion}).
 * soffice takes a start whose version (major.minor) is newer than the recorded one for the first
 * after an upgrade, and then runs its graphics render tests (GraphicsRenderTests) before it
 * accepts: 4 of the 4.4 CPU-seconds of a start here. A headless soffice does not record the
 * version itself (the profile its first start initialised lacks it), so every start from the
 * profile template paid them; with the version kept in the template, a start takes 0.4
 * CPU-seconds.
 *
 * <p>Run after each start of a worker, before its profile is offered as the template; it writes
 * only when LibreOffice would (the running version is newer than the recorded one, and the key
 * is not locked by an administrator): the first start from the seed, or after an upgrade, whose
 * new stamp makes a new template anyway. A failure costs speed, not service: it is logged.
 */
final class ProfileVersion implements OfficeTask {

  private static final Logger LOG = LoggerFactory.getLogger(ProfileVersion.class);
  private static final String PRODUCT = "/org.openoffice.Setup/Product";
  private static final String RUNNING = "ooSetupVersion";
  private static final String RECORDED = "ooSetupLastVersion";

  @Override
  public void execute(OfficeContext context) {
    LocalOfficeContext office = (LocalOfficeContext) context;
    try {
      OfficeConfiguration configuration = new OfficeConfiguration(office);
      Object product = configuration.changing(PRODUCT);
      XPropertySet properties = UnoRuntime.queryInterface(XPropertySet.class, product);
      String running = String.valueOf(properties.getPropertyValue(RUNNING));
      Object recorded = properties.getPropertyValue(RECORDED);
      boolean locked = (properties.getPropertySetInfo().getPropertyByName(RECORDED).Attributes & PropertyAttribute.READONLY) != 0;
      if (locked || !isNewer(running, recorded instanceof String text ? text : "")) {
        return;
      }
      properties.setPropertyValue(RECORDED, running);
      configuration.commit(product);
      configuration.flush();
    } catch (com.sun.star.uno.Exception | RuntimeException e) {
      LOG.warn("could not record LibreOffice's version in its profile ({}): each worker start runs LibreOffice's render"
          + " tests, about 4 CPU-seconds", UnoDocuments.describe(e));
    }
  }

  /** LibreOffice's rule: major * 10 + minor, a missing or unreadable part counting as 0. */
  static boolean isNewer(String running, String recorded) {
    return rank(running) > rank(recorded);
  }

  private static int rank(String version) {
    String[] parts = version.split("\\.");
    return number(parts, 0) * 10 + number(parts, 1);
  }

  private static int number(String[] parts, int index) {
    try {
      return index < parts.length ? Integer.parseInt(parts[index].strip()) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
