package org.cloudooo.handler.office;

import com.sun.star.beans.PropertyValue;
import com.sun.star.beans.UnknownPropertyException;
import com.sun.star.beans.XMultiPropertySet;
import com.sun.star.beans.XPropertySet;
import com.sun.star.container.XEnumeration;
import com.sun.star.container.XEnumerationAccess;
import com.sun.star.container.XIndexAccess;
import com.sun.star.container.XNameAccess;
import com.sun.star.document.XEmbeddedObjectSupplier2;
import com.sun.star.drawing.FillStyle;
import com.sun.star.drawing.XDrawPageSupplier;
import com.sun.star.drawing.XDrawPagesSupplier;
import com.sun.star.drawing.XMasterPagesSupplier;
import com.sun.star.drawing.XShape;
import com.sun.star.embed.WrongStateException;
import com.sun.star.embed.XComponentSupplier;
import com.sun.star.embed.XEmbeddedObject;
import com.sun.star.embed.XLinkageSupport;
import com.sun.star.frame.XModel;
import com.sun.star.lang.XComponent;
import com.sun.star.sheet.XDDELink;
import com.sun.star.sheet.XSpreadsheetDocument;
import com.sun.star.style.XStyle;
import com.sun.star.style.XStyleFamiliesSupplier;
import com.sun.star.text.SectionFileLink;
import com.sun.star.text.XTextEmbeddedObjectsSupplier;
import com.sun.star.text.XTextFieldsSupplier;
import com.sun.star.text.XTextGraphicObjectsSupplier;
import com.sun.star.text.XTextSectionsSupplier;
import com.sun.star.uno.Any;
import com.sun.star.uno.AnyConverter;
import com.sun.star.uno.UnoRuntime;
import com.sun.star.xforms.XFormsSupplier;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/**
 * Finds what a loaded document links to outside itself by reading its object model, without
 * storing it (5 to 15 ms on a small document, where storing a copy costs 150 or more): linked
 * images and fill bitmaps, OLE links, floating frames and media; in text, linked and DDE
 * sections, DDE fields, XForms instances; in spreadsheets, sheet, area, DDE and
 * external-reference links; the shapes of every draw and master page; page backgrounds. For the
 * formats no Java reader looks into (doc, xls, ppt, rtf, wpd ...); each link is judged by
 * {@link UnsafeLinks#isSafe}.
 *
 * <p>Not read: bullets drawn with linked images, paragraph and text-frame backgrounds, notes
 * pages, WEBSERVICE formulas (Word, Excel and PowerPoint files embed or drop those, and
 * {@link LinkBlocking} keeps soffice from fetching them). Nor can it see what LibreOffice reads
 * at load and then keeps as embedded, such as an HTML body background from a local file: only a
 * check of the file before the load can refuse that.
 */
final class LinkedContent {

  private static final String FLOATING_FRAME_CLSID = "1a8a6701-de58-11cf-89ca-008029e4b0b1";
  private static final String[] PAGE_STYLE_GRAPHICS = {"BackGraphic", "HeaderBackGraphic", "FooterBackGraphic"};
  private static final Set<String> OLE_SHAPES = Set.of(
      "com.sun.star.drawing.OLE2Shape", "com.sun.star.presentation.OLE2Shape", "com.sun.star.presentation.ChartShape",
      "com.sun.star.presentation.CalcShape", "com.sun.star.presentation.OrgChartShape", "com.sun.star.presentation.TableShape");

  /** The document's folder: a file link inside it is reported relative to it, as stored links read. */
  private final Path folder;
  private String unsafe;

  private LinkedContent(Path folder) {
    this.folder = folder;
  }

  /**
   * Refuses a document that links outside itself, with the fault {@link UnsafeLinks} gives:
   * for formats whose file Java cannot read, every object of the loaded document is asked.
   */
  static void check(XComponent document) throws com.sun.star.uno.Exception {
    LinkedContent links = new LinkedContent(folderOf(document));
    links.textObjects(document);
    links.linkTables(document);
    links.drawPages(document);
    links.pageStyles(document);
    links.refuseFound();
  }

  private void refuseFound() {
    if (unsafe != null) {
      throw UnsafeLinks.refusal(unsafe);
    }
  }

  private void linkTables(XComponent document) throws com.sun.star.uno.Exception {
    textLinks(document);
    spreadsheet(document);
  }

  private static Path folderOf(XComponent document) {
    XModel model = UnoRuntime.queryInterface(XModel.class, document);
    try {
      return Path.of(URI.create(model.getURL())).getParent();
    } catch (RuntimeException e) {
      return null; // not loaded from a file: file links are then judged as they are
    }
  }

  private boolean found() {
    return unsafe != null;
  }

  private void offer(Object link) {
    if (unsafe == null && link instanceof String text && !text.isBlank()) {
      String shown = relativeToFolder(folder, text);
      if (!UnsafeLinks.isSafe(shown)) {
        unsafe = shown;
      }
    }
  }

  /**
   * A {@code file:} link as a path from the document's folder, with {@code ..} when outside it
   * (as LibreOffice stores links): so it reads as in the document, without the server's paths.
   */
  static String relativeToFolder(Path folder, String link) {
    if (folder == null || !link.regionMatches(true, 0, "file:", 0, 5)) {
      return link;
    }
    try {
      return folder.relativize(Path.of(URI.create(link.strip())).normalize()).toString();
    } catch (RuntimeException e) {
      return link;
    }
  }

  private void textObjects(XComponent document) throws com.sun.star.uno.Exception {
    XTextGraphicObjectsSupplier graphics = UnoRuntime.queryInterface(XTextGraphicObjectsSupplier.class, document);
    if (graphics == null) {
      return;
    }
    XNameAccess graphicObjects = graphics.getGraphicObjects();
    for (String name : graphicObjects.getElementNames()) {
      if (found()) {
        return;
      }
      graphic(property(graphicObjects.getByName(name), "Graphic"));
    }
    XNameAccess embedded = UnoRuntime.queryInterface(XTextEmbeddedObjectsSupplier.class, document).getEmbeddedObjects();
    for (String name : embedded.getElementNames()) {
      if (found()) {
        return;
      }
      textEmbeddedObject(embedded.getByName(name));
    }
  }

  private void textLinks(XComponent document) throws com.sun.star.uno.Exception {
    XTextSectionsSupplier sectionsSupplier = UnoRuntime.queryInterface(XTextSectionsSupplier.class, document);
    if (found() || sectionsSupplier == null) {
      return;
    }
    XNameAccess sections = sectionsSupplier.getTextSections();
    for (String name : sections.getElementNames()) {
      Object section = sections.getByName(name);
      if (property(section, "FileLink") instanceof SectionFileLink link) {
        offer(link.FileURL);
      }
      // LibreOffice fills these differently for sections and fields: the topic may be in either.
      offer(property(section, "DDECommandFile"));
      offer(property(section, "DDECommandType"));
    }
    XNameAccess masters = UnoRuntime.queryInterface(XTextFieldsSupplier.class, document).getTextFieldMasters();
    for (String name : masters.getElementNames()) {
      if (name.startsWith("com.sun.star.text.fieldmaster.DDE.")) {
        Object master = masters.getByName(name);
        offer(property(master, "DDECommandFile"));
        offer(property(master, "DDECommandType"));
      }
    }
    xformsInstances(document);
  }

  private void textEmbeddedObject(Object textObject) throws com.sun.star.uno.Exception {
    XEmbeddedObject embedded =
        UnoRuntime.queryInterface(XEmbeddedObjectSupplier2.class, textObject).getExtendedControlOverEmbeddedObject();
    if (embedded == null) {
      return;
    }
    embeddedLink(embedded);
    if (FLOATING_FRAME_CLSID.equalsIgnoreCase(String.valueOf(property(textObject, "CLSID")))) {
      offer(property(UnoRuntime.queryInterface(XComponentSupplier.class, embedded).getComponent(), "FrameURL"));
    }
  }

  private void embeddedLink(Object embeddedObject) throws com.sun.star.uno.Exception {
    XLinkageSupport linkage = UnoRuntime.queryInterface(XLinkageSupport.class, embeddedObject);
    try {
      if (linkage != null && linkage.isLink()) {
        offer(linkage.getLinkURL());
      }
    } catch (WrongStateException e) {
      // An object LibreOffice could not load (a blocked link): nothing of it is in the document.
    }
  }

  private void xformsInstances(XComponent document) throws com.sun.star.uno.Exception {
    XFormsSupplier forms = UnoRuntime.queryInterface(XFormsSupplier.class, document);
    XNameAccess models = forms == null ? null : forms.getXForms();
    if (models == null) {
      return;
    }
    for (String name : models.getElementNames()) {
      com.sun.star.xforms.XModel model = UnoRuntime.queryInterface(com.sun.star.xforms.XModel.class, models.getByName(name));
      XEnumeration instances = UnoRuntime.queryInterface(XEnumerationAccess.class, model.getInstances()).createEnumeration();
      while (instances.hasMoreElements()) {
        for (PropertyValue value : (PropertyValue[]) AnyConverter.toArray(instances.nextElement())) {
          if ("URL".equals(value.Name)) {
            offer(unwrap(value.Value));
          }
        }
      }
    }
  }

  private void spreadsheet(XComponent document) throws com.sun.star.uno.Exception {
    if (found() || UnoRuntime.queryInterface(XSpreadsheetDocument.class, document) == null) {
      return;
    }
    for (String url : nameAccess(property(document, "SheetLinks")).getElementNames()) {
      offer(url);
    }
    for (String url : nameAccess(property(document, "ExternalDocLinks")).getElementNames()) {
      offer(url);
    }
    XIndexAccess areaLinks = UnoRuntime.queryInterface(XIndexAccess.class, property(document, "AreaLinks"));
    for (int i = 0; i < areaLinks.getCount(); i++) {
      offer(property(areaLinks.getByIndex(i), "Url"));
    }
    XNameAccess ddeLinks = nameAccess(property(document, "DDELinks"));
    for (String name : ddeLinks.getElementNames()) {
      offer(UnoRuntime.queryInterface(XDDELink.class, ddeLinks.getByName(name)).getTopic());
    }
  }

  private void drawPages(XComponent document) throws com.sun.star.uno.Exception {
    XDrawPagesSupplier pages = UnoRuntime.queryInterface(XDrawPagesSupplier.class, document);
    if (pages != null) {
      pagesWithBackgrounds(pages.getDrawPages());
      XMasterPagesSupplier masters = UnoRuntime.queryInterface(XMasterPagesSupplier.class, document);
      if (masters != null) {
        pagesWithBackgrounds(masters.getMasterPages());
      }
      return;
    }
    XDrawPageSupplier page = UnoRuntime.queryInterface(XDrawPageSupplier.class, document);
    if (page != null) {
      shapes(page.getDrawPage());
    }
  }

  private void pagesWithBackgrounds(XIndexAccess pages) throws com.sun.star.uno.Exception {
    for (int i = 0; i < pages.getCount() && !found(); i++) {
      Object page = pages.getByIndex(i);
      shapes(page);
      Object background = property(page, "Background"); // Draw and Impress pages; Calc's have none
      if (background != null) {
        fill(background);
      }
    }
  }

  private void shapes(Object container) throws com.sun.star.uno.Exception {
    XIndexAccess shapes = UnoRuntime.queryInterface(XIndexAccess.class, container);
    for (int i = 0; i < shapes.getCount() && !found(); i++) {
      Object shape = shapes.getByIndex(i);
      String type = UnoRuntime.queryInterface(XShape.class, shape).getShapeType();
      if (type.equals("FrameShape")) {
        continue; // Writer's frames: its graphic and embedded objects, read above
      }
      if (type.endsWith("GroupShape")) {
        shapes(shape);
        continue;
      }
      if (type.endsWith("GraphicObjectShape")) {
        graphic(property(shape, "Graphic"));
      } else if (OLE_SHAPES.contains(type)) {
        offer(property(shape, "LinkURL"));
      } else if (type.endsWith("MediaShape")) {
        offer(property(shape, "MediaURL"));
      } else if (type.equals("com.sun.star.drawing.FrameShape")) {
        offer(property(shape, "FrameURL"));
      } else if (type.equals("com.sun.star.drawing.PluginShape")) {
        offer(property(shape, "PluginURL"));
      }
      fill(shape);
    }
  }

  /** A bitmap fill, which may be linked. */
  private void fill(Object filled) throws com.sun.star.uno.Exception {
    if (property(filled, "FillStyle") == FillStyle.BITMAP) {
      graphic(property(filled, "FillBitmap"));
    }
  }

  private void pageStyles(XComponent document) throws com.sun.star.uno.Exception {
    XStyleFamiliesSupplier families = UnoRuntime.queryInterface(XStyleFamiliesSupplier.class, document);
    if (found() || families == null || !families.getStyleFamilies().hasByName("PageStyles")) {
      return;
    }
    XNameAccess pageStyles = nameAccess(families.getStyleFamilies().getByName("PageStyles"));
    for (String name : pageStyles.getElementNames()) {
      Object style = pageStyles.getByName(name);
      if (!UnoRuntime.queryInterface(XStyle.class, style).isInUse()) {
        continue;
      }
      for (Object graphic : UnoRuntime.queryInterface(XMultiPropertySet.class, style).getPropertyValues(PAGE_STYLE_GRAPHICS)) {
        graphic(unwrap(graphic));
      }
    }
  }

  /** An XGraphic or XBitmap: its descriptor tells whether it is linked, and from where. */
  private void graphic(Object graphic) throws com.sun.star.uno.Exception {
    if (graphic != null && Boolean.TRUE.equals(property(graphic, "Linked"))) {
      offer(property(graphic, "OriginURL"));
    }
  }

  /** A property's value, or null when the object has no such property. */
  private static Object property(Object object, String name) throws com.sun.star.uno.Exception {
    XPropertySet properties = UnoRuntime.queryInterface(XPropertySet.class, object);
    if (properties == null) {
      return null;
    }
    try {
      return unwrap(properties.getPropertyValue(name));
    } catch (UnknownPropertyException e) {
      return null;
    }
  }

  private static XNameAccess nameAccess(Object object) {
    return UnoRuntime.queryInterface(XNameAccess.class, object);
  }

  private static Object unwrap(Object value) {
    Object plain = value instanceof Any any ? any.getObject() : value;
    return AnyConverter.isVoid(plain) ? null : plain;
  }
}
