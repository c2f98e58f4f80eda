package org.cloudooo.handler.office;

import com.sun.star.container.XNameContainer;
import com.sun.star.script.XLibraryContainer;
import com.sun.star.script.provider.XScript;
import com.sun.star.script.provider.XScriptProvider;
import com.sun.star.script.provider.XScriptProviderFactory;
import com.sun.star.uno.UnoRuntime;
import com.sun.star.uno.XComponentContext;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.handler.MacroRequest;
import org.jodconverter.core.office.OfficeContext;
import org.jodconverter.core.office.OfficeException;
import org.jodconverter.core.task.OfficeTask;
import org.jodconverter.local.office.LocalOfficeContext;

/**
 * Loads a client's Basic module into a new application library and calls its entry function
 * with the input and output folders (file URLs ending in {@code /}). The library is removed
 * afterwards, and the worker restarted by the caller in any case: the macro may have changed
 * anything in its soffice.
 */
final class MacroTask implements OfficeTask {

  private static final String MODULE = "Job";
  private static final String MASTER_SCRIPT_PROVIDER = "/singletons/com.sun.star.script.provider.theMasterScriptProviderFactory";

  private final MacroRequest request;

  MacroTask(MacroRequest request) {
    this.request = request;
  }

  @Override
  public void execute(OfficeContext context) throws OfficeException {
    XComponentContext office = ((LocalOfficeContext) context).getComponentContext();
    String library = "CloudoooJob" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    XLibraryContainer libraries;
    try {
      libraries = UnoRuntime.queryInterface(XLibraryContainer.class, office.getServiceManager()
          .createInstanceWithContext("com.sun.star.script.ApplicationScriptLibraryContainer", office));
      XNameContainer modules = libraries.createLibrary(library);
      modules.insertByName(MODULE, request.moduleSource());
    } catch (com.sun.star.uno.Exception e) {
      throw new OfficeException("could not make a Basic library for the macro: " + e.getMessage(), e);
    }
    try {
      XScriptProvider scripts = UnoRuntime.queryInterface(XScriptProviderFactory.class,
          office.getValueByName(MASTER_SCRIPT_PROVIDER)).createScriptProvider("");
      XScript entry = scripts.getScript("vnd.sun.star.script:" + library + "." + MODULE + "." + request.entryFunction()
          + "?language=Basic&location=application");
      entry.invoke(
          new Object[] {folderUrl(request.inputDirectory()), folderUrl(request.outputDirectory())},
          new short[1][], new Object[1][]);
    } catch (com.sun.star.uno.Exception | com.sun.star.uno.RuntimeException e) {
      // The client's code failed (or has no such function): a fault of the request, not of the worker.
      throw new OfficeException("the macro failed", CloudoooException.badInput(
          "the macro's " + request.entryFunction() + " failed: " + e.getMessage()));
    } finally {
      try {
        libraries.removeLibrary(library);
      } catch (com.sun.star.uno.Exception | com.sun.star.uno.RuntimeException e) {
        // The worker is restarted after the job anyway.
      }
    }
  }

  private static String folderUrl(java.nio.file.Path folder) {
    String url = folder.toAbsolutePath().toUri().toString();
    return url.endsWith("/") ? url : url + "/";
  }
}
