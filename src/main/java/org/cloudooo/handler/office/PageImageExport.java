package org.cloudooo.handler.office;

import com.sun.star.beans.PropertyValue;
import com.sun.star.beans.XPropertySet;
import com.sun.star.document.XExporter;
import com.sun.star.document.XFilter;
import com.sun.star.drawing.XDrawPage;
import com.sun.star.drawing.XDrawPagesSupplier;
import com.sun.star.lang.XComponent;
import com.sun.star.uno.UnoRuntime;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.cloudooo.core.CloudoooException;
import org.jodconverter.local.office.LocalOfficeContext;
import org.jodconverter.local.office.LocalOfficeUtils;

/**
 * Draws one page of a loaded document as an image of a given size with LibreOffice's graphic
 * exporter, which draws a page of a drawing or presentation at any pixel size. The page
 * exports of text documents and spreadsheets draw their first page only, at their own size
 * (LibreOffice 7.4 ignores PageRange and PixelWidth there), so those go through their PDF,
 * which Draw opens with one page per PDF page.
 */
final class PageImageExport {

  private static final Set<String> DRAW_PAGES =
      Set.of("com.sun.star.drawing.DrawingDocument", "com.sun.star.presentation.PresentationDocument");
  private static final String PDF_IMPORT = "draw_pdf_import";

  private PageImageExport() {}

  /**
   * @param pdfFilter the document's PDF export filter, for documents without draw pages
   * @param pdfDefaults that filter's FilterData
   * @param mediaType the image type to write ({@code image/png})
   */
  static void export(
      LocalOfficeContext office, OpenedDocument document, PageImageOptions options, String pdfFilter,
      Map<String, Object> pdfDefaults, String mediaType, Path output, Map<String, Object> loadProperties)
      throws com.sun.star.uno.Exception, java.io.IOException {
    if (DRAW_PAGES.contains(document.service())) {
      draw(office, document.component(), options, mediaType, output);
      return;
    }
    Path pdf = output.resolveSibling("pages.pdf");
    UnoDocuments.storeTo(document.component(), pdf, pdfFilter, pdfDefaults, null);
    Map<String, Object> asDrawing = new java.util.LinkedHashMap<>(loadProperties);
    asDrawing.remove(UnoDocuments.PASSWORD);
    asDrawing.remove("FilterOptions");
    asDrawing.put("FilterName", PDF_IMPORT);
    XComponent pages = UnoDocuments.load(office, pdf, asDrawing, "pdf of the document");
    try {
      draw(office, pages, options, mediaType, output);
    } finally {
      UnoDocuments.close(pages);
    }
  }

  private static void draw(LocalOfficeContext office, XComponent document, PageImageOptions options, String mediaType, Path output)
      throws com.sun.star.uno.Exception {
    var pages = UnoRuntime.queryInterface(XDrawPagesSupplier.class, document).getDrawPages();
    if (options.page() > pages.getCount()) {
      throw CloudoooException.badInput("conversion_kw['page']: " + options.page() + " is out of range; this document has "
          + pages.getCount() + " page(s)");
    }
    XDrawPage page = UnoRuntime.queryInterface(XDrawPage.class, pages.getByIndex(options.page() - 1));
    XPropertySet size = UnoRuntime.queryInterface(XPropertySet.class, page);
    int[] pixels = options.pixels(
        ((Number) size.getPropertyValue("Width")).longValue(), ((Number) size.getPropertyValue("Height")).longValue());
    Object exporter = office.getServiceManager()
        .createInstanceWithContext("com.sun.star.drawing.GraphicExportFilter", office.getComponentContext());
    UnoRuntime.queryInterface(XExporter.class, exporter).setSourceDocument(UnoRuntime.queryInterface(XComponent.class, page));
    // The exporter needs both dimensions: with one alone it draws the page at screen size.
    PropertyValue[] filterData =
        LocalOfficeUtils.toUnoProperties(Map.of("PixelWidth", pixels[0], "PixelHeight", pixels[1]));
    UnoRuntime.queryInterface(XFilter.class, exporter).filter(LocalOfficeUtils.toUnoProperties(Map.of(
        "URL", LocalOfficeUtils.toUrl(output.toFile()), "MediaType", mediaType, "FilterData", filterData)));
  }
}
