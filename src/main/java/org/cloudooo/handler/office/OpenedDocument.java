package org.cloudooo.handler.office;

import com.sun.star.lang.XComponent;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.handler.office.OfficeTables.NativeFormat;
import org.jodconverter.local.office.LocalOfficeContext;

/**
 * A document loaded the one safe way every office task uses: macros off, refused when it is
 * unrecognised bytes read as plain text, or when it links outside itself.
 *
 * @param component the loaded document; close it with {@link UnoDocuments#close}
 * @param service its document service ({@code com.sun.star.text.TextDocument})
 * @param nativeFormat that service's own format
 * @param importFilter the filter LibreOffice loaded it with
 */
record OpenedDocument(XComponent component, String service, NativeFormat nativeFormat, String importFilter) {

  /**
   * Loads and checks a document; on refusal the document is closed before the exception.
   *
   * @param sourceExtension the format the client declared ({@code docx})
   * @param linksChecked whether the file's links were checked before the load; if not, the
   *     loaded document is inspected for content linked outside it
   */
  static OpenedDocument open(
      LocalOfficeContext office,
      Path input,
      Map<String, Object> loadProperties,
      String sourceExtension,
      boolean linksChecked,
      OfficeTables tables,
      OfficeFormats formats)
      throws com.sun.star.uno.Exception {
    String description = sourceExtension + " document";
    XComponent component = UnoDocuments.load(office, input, loadProperties, description);
    try {
      String filter = UnoDocuments.loadFilter(component);
      // LibreOffice opens any unrecognised bytes as plain text: a damaged .doc or a text file
      // named .xlsx would "convert" into garbage. Plain text is accepted only when declared.
      if (tables.plainTextImportFilters().contains(filter) && !loadProperties.containsKey("FilterName")
          && !tables.plainTextExtensions().contains(sourceExtension)) {
        throw CloudoooException.badInput(
            "This document can not be loaded: the file sent as " + sourceExtension
                + " is not a " + description + "; LibreOffice can only read it as plain text. Check the file and its declared format.");
      }
      // The filter table names the service each import filter makes: no round trip to ask.
      Optional<String> known = formats.documentServiceOfFilter(filter);
      String service = known.isPresent() ? known.get() : UnoDocuments.identify(office, component);
      NativeFormat nativeFormat = tables.nativeFormats().get(service);
      if (nativeFormat == null) {
        throw CloudoooException.badInput(
            "This document can not be used: LibreOffice opened the " + description + " as a " + service
                + ", which this server does not handle");
      }
      // A format Java cannot read (doc, xls, ppt, rtf, ...): what LibreOffice made of it is
      // asked over UNO. The workers fetch nothing meanwhile (LinkBlocking).
      if (!linksChecked) {
        LinkedContent.check(component);
      }
      return new OpenedDocument(component, service, nativeFormat, filter);
    } catch (com.sun.star.uno.Exception | RuntimeException e) {
      UnoDocuments.close(component);
      throw e;
    }
  }
}
