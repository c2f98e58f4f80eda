package org.cloudooo.handler.office;

import com.sun.star.beans.XPropertySet;
import com.sun.star.container.XNameContainer;
import com.sun.star.ucb.ContentProviderInfo;
import com.sun.star.ucb.XContentProviderManager;
import com.sun.star.uno.UnoRuntime;
import com.sun.star.uno.XComponentContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jodconverter.core.office.OfficeContext;
import org.jodconverter.core.office.OfficeException;
import org.jodconverter.core.task.OfficeTask;
import org.jodconverter.local.office.LocalOfficeContext;

/**
 * Keeps soffice from fetching what a document links to while it loads or exports it. Two
 * measures: {@code BlockUntrustedRefererLinks} (LibreOffice then leaves out linked images,
 * Writer's OLE links and DDE sections, local ones too), and no content providers but local
 * ones: LibreOffice 7.4 still fetches page backgrounds, bullets, fill bitmaps, Draw/Impress OLE
 * links, XForms instances, HTML style sheets and body backgrounds, and images linked from .doc
 * with the setting on; without an http provider nothing can.
 *
 * <p>Run after each start of a worker, it changes the running soffice and its profile; the
 * profile is what {@link ProfileTemplate} keeps for later starts (the pool's restarts after a
 * crash or a timeout included). Starts with no template to copy begin from
 * {@link #writeSeedProfile a seed} that holds the same settings.
 */
final class LinkBlocking implements OfficeTask {

  /** Schemes LibreOffice reads without the network; every other provider is removed. */
  static final Set<String> LOCAL_SCHEMES = Set.of(
      "file", "private", "vnd.sun.star.pkg", "vnd.sun.star.zip", "vnd.sun.star.tdoc", "vnd.sun.star.expand",
      "vnd.sun.star.hier", "vnd.sun.star.help", "vnd.sun.star.extension", "vnd.libreoffice.image");

  private static final String SCRIPTING = "/org.openoffice.Office.Common/Security/Scripting";
  private static final String BLOCK = "BlockUntrustedRefererLinks";
  private static final String PROVIDERS = "/org.openoffice.ucb.Configuration/ContentProviders/Local/SecondaryKeys/Office/ProviderData";
  /** LibreOffice 7.4's remote providers (http, WebDAV, https, ftp, CMIS) as its main.xcd names them. */
  private static final List<String> SEED_REMOVED_PROVIDERS =
      List.of("Provider3", "Provider4", "Provider4a", "Provider6", "Provider12", "Provider12a", "Provider12b", "Provider43");

  @Override
  public void execute(OfficeContext context) throws OfficeException {
    LocalOfficeContext office = (LocalOfficeContext) context;
    try {
      OfficeConfiguration configuration = new OfficeConfiguration(office);
      Object scripting = configuration.changing(SCRIPTING);
      UnoRuntime.queryInterface(XPropertySet.class, scripting).setPropertyValue(BLOCK, Boolean.TRUE);
      configuration.commit(scripting);
      Object providers = configuration.changing(PROVIDERS);
      XNameContainer providerData = UnoRuntime.queryInterface(XNameContainer.class, providers);
      for (String name : providerData.getElementNames()) {
        Object scheme = UnoRuntime.queryInterface(XPropertySet.class, providerData.getByName(name)).getPropertyValue("URLTemplate");
        if (!LOCAL_SCHEMES.contains(String.valueOf(scheme))) {
          providerData.removeByName(name);
        }
      }
      configuration.commit(providers);
      configuration.flush();
      XContentProviderManager broker = contentBroker(office.getComponentContext(), office);
      for (ContentProviderInfo provider : broker.queryContentProviders()) {
        if (!LOCAL_SCHEMES.contains(provider.Scheme) && provider.ContentProvider != null) {
          broker.deregisterContentProvider(provider.ContentProvider, provider.Scheme);
        }
      }
      verify(configuration, broker);
    } catch (com.sun.star.uno.Exception | RuntimeException e) {
      throw new OfficeException("could not block linked content in LibreOffice: " + UnoDocuments.describe(e), e);
    }
  }

  private static void verify(OfficeConfiguration configuration, XContentProviderManager broker)
      throws com.sun.star.uno.Exception, OfficeException {
    Object scripting = configuration.reading(SCRIPTING);
    if (!Boolean.TRUE.equals(UnoRuntime.queryInterface(XPropertySet.class, scripting).getPropertyValue(BLOCK))) {
      throw new OfficeException(BLOCK + " did not take effect");
    }
    List<String> remote = new ArrayList<>();
    for (ContentProviderInfo provider : broker.queryContentProviders()) {
      if (!LOCAL_SCHEMES.contains(provider.Scheme) && provider.ContentProvider != null) {
        remote.add(provider.Scheme);
      }
    }
    if (!remote.isEmpty()) {
      throw new OfficeException("content providers for " + remote + " are still registered");
    }
  }

  private static XContentProviderManager contentBroker(XComponentContext context, LocalOfficeContext office)
      throws com.sun.star.uno.Exception {
    return UnoRuntime.queryInterface(XContentProviderManager.class,
        office.getServiceManager().createInstanceWithContext("com.sun.star.ucb.UniversalContentBroker", context));
  }

  /**
   * Makes {@code directory} a profile holding only these settings (LibreOffice fills in the rest
   * at its first start), for starts that have no initialised profile to copy yet.
   *
   * @return the directory
   */
  static Path writeSeedProfile(Path directory) throws IOException {
    Path user = Files.createDirectories(directory.resolve("user"));
    Files.writeString(user.resolve("registrymodifications.xcu"), seedItems(), StandardCharsets.UTF_8);
    return directory;
  }

  /**
   * What this class sets, as text: a profile template made under other settings is rebuilt
   * ({@link TemplateStamp}), so a change here reaches the kept profiles without a version to bump.
   */
  static String settings() {
    return seedItems() + "local schemes: " + String.join(" ", new TreeSet<>(LOCAL_SCHEMES)) + "\n";
  }

  /** The seed profile's {@code registrymodifications.xcu}. */
  private static String seedItems() {
    StringBuilder items = new StringBuilder()
        .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"")
        .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n")
        .append("<item oor:path=\"").append(SCRIPTING).append("\"><prop oor:name=\"").append(BLOCK)
        .append("\" oor:op=\"fuse\"><value>true</value></prop></item>\n");
    for (String provider : SEED_REMOVED_PROVIDERS) {
      items.append("<item oor:path=\"").append(PROVIDERS).append("\"><node oor:name=\"").append(provider)
          .append("\" oor:op=\"remove\"/></item>\n");
    }
    return items.append("</oor:items>\n").toString();
  }
}
