package org.cloudooo.handler.office;

import com.sun.star.lang.XComponent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.cloudooo.handler.CloudoooException;
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
   */
  static OpenedDocument open(
      LocalOfficeContext office, Path input, Map<String, Object> loadProperties, String sourceExtension, OfficeTables tables)
      throws IOException, com.sun.star.uno.Exception {
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
      String service = UnoDocuments.identify(office, component);
      NativeFormat nativeFormat = tables.nativeFormats().get(service);
      if (nativeFormat == null) {
        throw CloudoooException.badInput(
            "This document can not be used: LibreOffice opened the " + description + " as a " + service
                + ", which this server does not handle");
      }
      LinkedContent.check(component);
      if (UnsafeLinks.isPackageOrMarkup(input)) { // ODF, OOXML, HTML: until the pre-load check reads them
        // Stored beside the input, so that links relative to it keep their form in the copy.
        Path copy = input.resolveSibling(".link-check." + nativeFormat.extension());
        UnoDocuments.storeTo(component, copy, nativeFormat.filter(), Map.of(), null);
        UnsafeLinks.check(copy);
      }
      return new OpenedDocument(component, service, nativeFormat, filter);
    } catch (IOException | com.sun.star.uno.Exception | RuntimeException e) {
      UnoDocuments.close(component);
      throw e;
    }
  }
}
