package org.cloudooo.handler.office;

import com.sun.star.beans.XPropertySet;
import com.sun.star.uno.UnoRuntime;
import org.jodconverter.core.office.OfficeContext;
import org.jodconverter.core.office.OfficeException;
import org.jodconverter.core.task.OfficeTask;
import org.jodconverter.local.office.LocalOfficeContext;

/**
 * Records in the profile the LibreOffice version that started it ({@code ooSetupLastVersion}).
 * A profile without it is taken for the first start after an upgrade, and soffice then runs
 * its graphics render tests (GraphicsRenderTests) before it accepts: 4 of the 4.4 CPU-seconds
 * of a start here. A headless soffice does not record the version itself (the profile its first
 * start initialised lacks it), so every start from the profile template paid them; with the
 * version kept in the template, a start takes 0.4 CPU-seconds.
 *
 * <p>Run after each start of a worker, before its profile is offered as the template; it
 * writes only when the profile lacks the running version (the first start from the seed, or
 * after an upgrade of LibreOffice, whose new stamp makes a new template anyway).
 */
final class ProfileVersion implements OfficeTask {

  private static final String PRODUCT = "/org.openoffice.Setup/Product";
  private static final String RUNNING = "ooSetupVersion";
  private static final String RECORDED = "ooSetupLastVersion";

  @Override
  public void execute(OfficeContext context) throws OfficeException {
    LocalOfficeContext office = (LocalOfficeContext) context;
    try {
      OfficeConfiguration configuration = new OfficeConfiguration(office);
      Object product = configuration.changing(PRODUCT);
      XPropertySet properties = UnoRuntime.queryInterface(XPropertySet.class, product);
      Object running = properties.getPropertyValue(RUNNING);
      if (running.equals(properties.getPropertyValue(RECORDED))) {
        return;
      }
      properties.setPropertyValue(RECORDED, running);
      OfficeConfiguration.commit(product);
      configuration.flush();
    } catch (com.sun.star.uno.Exception | RuntimeException e) {
      throw new OfficeException("could not record LibreOffice's version in the profile: " + UnoDocuments.describe(e), e);
    }
  }
}
