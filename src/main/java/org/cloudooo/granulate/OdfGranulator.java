package org.cloudooo.granulate;

import static org.cloudooo.granulate.OdfDom.DRAW;
import static org.cloudooo.granulate.OdfDom.STYLE;
import static org.cloudooo.granulate.OdfDom.TABLE;
import static org.cloudooo.granulate.OdfDom.TEXT;
import static org.cloudooo.granulate.OdfDom.XLINK;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * cloudooo's granulate API on one ODF text document: its tables, images, paragraphs and
 * chapters, read in-process from content.xml without LibreOffice. Items are lists (XML-RPC
 * arrays) shaped as the original's tuples; indexes are document order.
 */
public final class OdfGranulator {

  private final OdfPackage odf;
  private final Document content;
  /** Automatic paragraph style name (P1, P2 ...) to the common style it derives from. */
  private final Map<String, String> commonStyleOf;

  private OdfGranulator(OdfPackage odf, Document content) {
    this.odf = odf;
    this.content = content;
    this.commonStyleOf = automaticParagraphStyleParents(content);
  }

  /**
   * Reads an ODF package.
   *
   * @throws org.cloudooo.core.CloudoooException (bad input) when the data is not a zip with
   *     a well-formed content.xml, or inflates beyond the package limits
   */
  public static OdfGranulator read(Path odt) {
    OdfPackage odf = OdfPackage.read(odt);
    return new OdfGranulator(odf, OdfDom.parse(odf.content(), OdfPackage.CONTENT));
  }

  /** {@code [[table:name, caption], ...]}, caption "" when the table has none. */
  public List<List<Object>> tableItemList() {
    return tables().stream().map(t -> List.<Object>of(t.getAttributeNS(TABLE, "name"), caption(t))).toList();
  }

  /** An ODT package holding only the table named {@code id}, with the source's styles. */
  public Optional<byte[]> table(String id) {
    return findTable(id).map(this::singleTableOdt);
  }

  /** {@code [[index, text], ...]} of the cells of the table's first row. */
  public Optional<List<List<Object>>> columnItemList(String tableId) {
    return rowTexts(tableId).map(OdfGranulator::columns);
  }

  /** {@code [[column header, cell text], ...]} for every cell of every row after the first. */
  public Optional<List<List<Object>>> lineItemList(String tableId) {
    return rowTexts(tableId).map(OdfGranulator::lines);
  }

  /** {@code [[picture file name, caption], ...]} for every image stored in the package. */
  public List<List<Object>> imageItemList() {
    List<List<Object>> images = new ArrayList<>();
    for (Element image : OdfDom.elements(content, e -> OdfDom.is(e, DRAW, "image"))) {
      String href = image.getAttributeNS(XLINK, "href");
      if (!href.isEmpty()) { // images inlined as office:binary-data have no file to fetch
        images.add(List.of(href.substring(href.lastIndexOf('/') + 1), imageCaption(image)));
      }
    }
    return images;
  }

  /** The bytes of Pictures/{@code imageId}; empty when the package has no such picture. */
  public byte[] image(String imageId) {
    return odf.part("Pictures/" + imageId).orElse(new byte[0]);
  }

  /** {@code [[index, text:style-name], ...]} of every paragraph outside frames (captions, text boxes). */
  public List<List<Object>> paragraphItemList() {
    List<List<Object>> items = new ArrayList<>();
    for (Element paragraph : paragraphs()) {
      items.add(List.of(items.size(), paragraph.getAttributeNS(TEXT, "style-name")));
    }
    return items;
  }

  /** {@code [text, text:style-name]} of a paragraph of {@link #paragraphItemList()}. */
  public Optional<List<Object>> paragraph(int index) {
    List<Element> paragraphs = paragraphs();
    if (index < 0 || index >= paragraphs.size() || !paragraphs.get(index).hasAttributeNS(TEXT, "style-name")) {
      return Optional.empty();
    }
    Element paragraph = paragraphs.get(index);
    return Optional.of(List.of(OdfDom.text(paragraph), paragraph.getAttributeNS(TEXT, "style-name")));
  }

  /** {@code [[index, title], ...]} of the Title paragraphs and headings, in document order. */
  public List<List<Object>> chapterItemList() {
    List<List<Object>> chapters = new ArrayList<>();
    for (String title : chapterTitles()) {
      chapters.add(List.of(chapters.size(), title));
    }
    return chapters;
  }

  /** {@code [title, chapterId]} of a chapter of {@link #chapterItemList()}. */
  public Optional<List<Object>> chapterItem(int chapterId) {
    List<String> titles = chapterTitles();
    return chapterId < 0 || chapterId >= titles.size()
        ? Optional.empty()
        : Optional.of(List.of(titles.get(chapterId), chapterId));
  }

  private List<Element> tables() {
    return OdfDom.elements(content, e -> OdfDom.is(e, TABLE, "table"));
  }

  private Optional<Element> findTable(String name) {
    return tables().stream().filter(t -> t.getAttributeNS(TABLE, "name").equals(name)).findFirst();
  }

  /**
   * The text of the first paragraph among the table's following siblings (soft page breaks
   * may come between) when its style is a caption style: "Table..." or, as a Portuguese
   * LibreOffice names it, "Tabela...".
   */
  private String caption(Element table) {
    for (Node sibling = table.getNextSibling(); sibling != null; sibling = sibling.getNextSibling()) {
      if (OdfDom.is(sibling, TEXT, "p")) {
        String style = commonStyle((Element) sibling);
        return style.startsWith("Table") || style.startsWith("Tabela") ? OdfDom.text(sibling) : "";
      }
    }
    return "";
  }

  private byte[] singleTableOdt(Element table) {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    parts.put(OdfPackage.CONTENT, TableContent.of(content, table));
    odf.part(OdfPackage.STYLES).ifPresent(styles -> parts.put(OdfPackage.STYLES, styles));
    for (String linked : TableContent.linkedParts(table)) {
      odf.part(linked).ifPresent(bytes -> parts.put(linked, bytes));
    }
    return OdtPackageWriter.write(content.getDocumentElement().getAttributeNS(OdfDom.OFFICE, "version"), parts);
  }

  /** The cell texts of the table's rows; a table without rows is as unknown as in the original. */
  private Optional<List<List<String>>> rowTexts(String tableId) {
    return findTable(tableId).map(OdfGranulator::rowTexts).filter(rows -> !rows.isEmpty());
  }

  /**
   * The cell texts of the table's rows, header rows and row groups included (the original only
   * saw direct table-row children, so a LibreOffice table with a repeated heading row lost it)
   * and rows of nested tables excluded.
   */
  private static List<List<String>> rowTexts(Element table) {
    List<List<String>> rows = new ArrayList<>();
    for (Element row : OdfDom.elements(table, e -> OdfDom.is(e, TABLE, "table-row"))) {
      if (OdfDom.ancestor(row, TABLE, "table") == table) {
        List<String> cells = new ArrayList<>();
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNextSibling()) {
          if (cell instanceof Element) { // table-cell and covered-table-cell, as the original
            cells.add(OdfDom.text(cell));
          }
        }
        rows.add(cells);
      }
    }
    return rows;
  }

  private static List<List<Object>> columns(List<List<String>> rows) {
    List<List<Object>> columns = new ArrayList<>();
    for (String header : rows.get(0)) {
      columns.add(List.of(columns.size(), header));
    }
    return columns;
  }

  private static List<List<Object>> lines(List<List<String>> rows) {
    List<String> headers = rows.get(0);
    List<List<Object>> lines = new ArrayList<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      for (int k = 0; k < row.size(); k++) {
        // The original rotated its header list once per cell, so one row longer than the header
        // shifted all later rows; here a cell beyond the header row's cells gets "".
        lines.add(List.of(k < headers.size() ? headers.get(k) : "", row.get(k)));
      }
    }
    return lines;
  }

  /**
   * LibreOffice's caption structure: a frame holding a text box whose paragraph holds the
   * picture's frame followed by the caption, "Illustration 1: A red dot". The caption is what
   * follows the first ':', stripped; "" for a picture outside that structure.
   */
  private static String imageCaption(Element image) {
    Node frame = image.getParentNode();
    Node paragraph = frame == null ? null : frame.getParentNode();
    if (!OdfDom.is(frame, DRAW, "frame")
        || !OdfDom.is(paragraph, TEXT, "p")
        || !OdfDom.is(paragraph.getParentNode(), DRAW, "text-box")) {
      return "";
    }
    String caption = OdfDom.textFrom(frame.getNextSibling());
    int colon = caption.indexOf(':');
    return colon < 0 ? "" : caption.substring(colon + 1).strip();
  }

  /** The paragraphs the original counts: //text:p[not(ancestor::draw:frame)]. */
  private List<Element> paragraphs() {
    return OdfDom.elements(content, e -> OdfDom.is(e, TEXT, "p") && OdfDom.ancestor(e, DRAW, "frame") == null);
  }

  /**
   * Whole texts of text:h and of text:p styled "Title"; the original took only text:span
   * children, missing every heading written without spans.
   */
  private List<String> chapterTitles() {
    return OdfDom.elements(
            content,
            e -> OdfDom.is(e, TEXT, "h") || (OdfDom.is(e, TEXT, "p") && commonStyle(e).equals("Title")))
        .stream()
        .map(OdfDom::text)
        .toList();
  }

  /**
   * The common style a paragraph uses: LibreOffice gives a paragraph with direct formatting
   * (all of them, after a Word import) an automatic style P1, P2 ... deriving from the one the
   * author chose, and Title and caption paragraphs must still be recognised then.
   */
  private String commonStyle(Element paragraph) {
    String style = paragraph.getAttributeNS(TEXT, "style-name");
    return commonStyleOf.getOrDefault(style, style);
  }

  private static Map<String, String> automaticParagraphStyleParents(Document content) {
    Map<String, String> parents = new HashMap<>();
    for (Element style : OdfDom.elements(content, e -> OdfDom.is(e, STYLE, "style"))) {
      if (OdfDom.is(style.getParentNode(), OdfDom.OFFICE, "automatic-styles")
          && style.getAttributeNS(STYLE, "family").equals("paragraph")
          && style.hasAttributeNS(STYLE, "parent-style-name")) {
        parents.put(style.getAttributeNS(STYLE, "name"), style.getAttributeNS(STYLE, "parent-style-name"));
      }
    }
    return parents;
  }
}
