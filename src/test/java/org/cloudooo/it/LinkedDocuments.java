package org.cloudooo.it;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Small documents whose loading would fetch from a URL: flat ODF and HTML written here, and the
 * Word, Excel and PowerPoint files of tests-data (made by make.sh with LibreOffice, which keeps
 * the link there) with the listener's port put in place of 65432.
 */
final class LinkedDocuments {

  /** What the server does with the document. */
  enum Outcome {
    /** Refuses it as linking outside itself. */
    REFUSED,
    /** Converts it without the linked content: LibreOffice keeps no trace of a link it could not follow. */
    LEFT_OUT
  }

  /**
   * @param name the link kind and family, also the first segment of the URL the link points to
   * @param format the declared source format
   * @param destination the format asked for ({@code pdf}; the original's table has no rtf to pdf)
   */
  record Linked(String name, String format, String destination, byte[] data, Outcome outcome) {
    @Override
    public String toString() {
      return name + "." + format;
    }
  }

  private static final String PLACEHOLDER_PORT = "65432";
  private static final String NAMESPACES =
      "xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0'"
          + " xmlns:style='urn:oasis:names:tc:opendocument:xmlns:style:1.0'"
          + " xmlns:text='urn:oasis:names:tc:opendocument:xmlns:text:1.0'"
          + " xmlns:table='urn:oasis:names:tc:opendocument:xmlns:table:1.0'"
          + " xmlns:draw='urn:oasis:names:tc:opendocument:xmlns:drawing:1.0'"
          + " xmlns:fo='urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0'"
          + " xmlns:svg='urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0'"
          + " xmlns:xlink='http://www.w3.org/1999/xlink'"
          + " xmlns:of='urn:oasis:names:tc:opendocument:xmlns:of:1.2'"
          + " xmlns:form='urn:oasis:names:tc:opendocument:xmlns:form:1.0'"
          + " xmlns:xforms='http://www.w3.org/2002/xforms'";
  private static final String LOADED = " xlink:type='simple' xlink:show='embed' xlink:actuate='onLoad'";

  private LinkedDocuments() {}

  /** Every document, each linking under {@code http://127.0.0.1:PORT/<name>/}. */
  static List<Linked> all(int port) throws IOException {
    String base = "http://127.0.0.1:" + port;
    List<Linked> all = new ArrayList<>();
    text(all, base);
    spreadsheet(all, base);
    presentationAndDrawing(all, base);
    html(all, base);
    binary(all, port);
    return all;
  }

  private static void text(List<Linked> all, String base) {
    String url = base + "/text-image";
    add(all, "text-image", "fodt", text("", "<text:p>Linked image" + frame("<draw:image xlink:href='" + url + "/image.png'" + LOADED + "/>") + "</text:p>"));
    url = base + "/text-background";
    add(all, "text-background", "fodt", text(
        "<office:automatic-styles><style:page-layout style:name='pm1'><style:page-layout-properties fo:page-width='21cm' fo:page-height='29.7cm'>"
            + "<style:background-image xlink:href='" + url + "/background.png' xlink:type='simple' xlink:actuate='onLoad' style:repeat='stretch'/>"
            + "</style:page-layout-properties></style:page-layout></office:automatic-styles>"
            + "<office:master-styles><style:master-page style:name='Standard' style:page-layout-name='pm1'/></office:master-styles>",
        "<text:p>Page background</text:p>"));
    url = base + "/text-bullet";
    add(all, "text-bullet", "fodt", text(
        "<office:automatic-styles><text:list-style style:name='L1'><text:list-level-style-image text:level='1' xlink:href='" + url + "/bullet.png'" + LOADED + ">"
            + "<style:list-level-properties fo:width='0.5cm' fo:height='0.5cm'/></text:list-level-style-image></text:list-style></office:automatic-styles>",
        "<text:list text:style-name='L1'><text:list-item><text:p>Image bullet</text:p></text:list-item></text:list>"));
    url = base + "/text-ole";
    add(all, "text-ole", "fodt", text("", "<text:p>OLE link" + frame("<draw:object xlink:href='" + url + "/object.odt'" + LOADED + "/>") + "</text:p>"));
    url = base + "/text-floating-frame";
    add(all, "text-floating-frame", "fodt",
        text("", "<text:p>Floating frame" + frame("<draw:floating-frame xlink:href='" + url + "/frame.html'" + LOADED + "/>") + "</text:p>"));
    url = base + "/text-section";
    add(all, "text-section", "fodt", text("", "<text:p>Before</text:p><text:section text:name='Linked'>"
        + "<text:section-source xlink:href='" + url + "/section.odt' xlink:type='simple'/><text:p>cached section</text:p></text:section>"));
    url = base + "/text-dde-section";
    add(all, "text-dde-section", "fodt", text("", "<text:p>Before</text:p><text:section text:name='Dde'><office:dde-source office:dde-application='soffice'"
        + " office:dde-topic='" + url + "/section.odt' office:dde-item='' office:automatic-update='true'/><text:p>cached</text:p></text:section>"));
    url = base + "/text-dde-field";
    add(all, "text-dde-field", "fodt", text("", "<text:dde-connection-decls><text:dde-connection-decl office:name='Probe' office:dde-application='soffice'"
        + " office:dde-topic='" + url + "/data.ods' office:dde-item='Sheet1.A1' office:automatic-update='true'/></text:dde-connection-decls>"
        + "<text:p>DDE: <text:dde-connection text:connection-name='Probe'>cached</text:dde-connection></text:p>"));
    url = base + "/text-xforms";
    add(all, "text-xforms", "fodt", text("", "<office:forms form:automatic-focus='false' form:apply-design-mode='false'>"
        + "<xforms:model xforms:id='Model1'><xforms:instance src='" + url + "/instance.xml'/></xforms:model></office:forms><text:p>XForms</text:p>"));
  }

  private static void spreadsheet(List<Linked> all, String base) {
    String url = base + "/sheet-image";
    add(all, "sheet-image", "fods", spreadsheet("<table:table table:name='Sheet1'><table:shapes>"
        + "<draw:frame svg:width='2cm' svg:height='2cm' svg:x='1cm' svg:y='1cm'><draw:image xlink:href='" + url + "/image.png'" + LOADED + "/></draw:frame>"
        + "</table:shapes>" + row("Linked image") + "</table:table>"));
    url = base + "/sheet-link";
    add(all, "sheet-link", "fods", spreadsheet("<table:table table:name='Sheet1'>" + row("x") + "</table:table>"
        + "<table:table table:name='Linked'><table:table-source table:mode='copy-all' xlink:href='" + url + "/sheet.csv' xlink:type='simple'"
        + " table:filter-name='Text - txt - csv (StarCalc)' table:filter-options='44,34,76,1' table:refresh-delay='PT00H00M01S'/>" + row("cached")
        + "</table:table>"));
    url = base + "/sheet-area-link";
    add(all, "sheet-area-link", "fods", spreadsheet("<table:table table:name='Sheet1'>" + row("x") + "<table:table-row><table:table-cell>"
        + "<table:cell-range-source table:name='Sheet1' xlink:href='" + url + "/area.csv' xlink:type='simple' table:filter-name='Text - txt - csv (StarCalc)'"
        + " table:filter-options='44,34,76,1' table:last-column-spanned='1' table:last-row-spanned='1'/></table:table-cell></table:table-row></table:table>"));
    url = base + "/sheet-external-reference";
    add(all, "sheet-external-reference", "fods", spreadsheet("<table:table table:name='Sheet1'><table:table-row>"
        + "<table:table-cell table:formula=\"of:=['" + url + "/other.ods'#$Sheet1.A1]\" office:value-type='float' office:value='1'><text:p>1</text:p>"
        + "</table:table-cell></table:table-row></table:table>"));
    url = base + "/sheet-dde";
    add(all, "sheet-dde", "fods", spreadsheet("<table:table table:name='Sheet1'><table:table-row>"
        + "<table:table-cell table:formula='of:=DDE(&quot;soffice&quot;;&quot;" + url + "/data.ods&quot;;&quot;Sheet1.A1&quot;)'"
        + " office:value-type='float' office:value='1'><text:p>1</text:p></table:table-cell></table:table-row></table:table>"));
  }

  private static void presentationAndDrawing(List<Linked> all, String base) {
    for (String[] family : new String[][] {{"slide", "fodp", "presentation"}, {"drawing", "fodg", "graphics"}}) {
      String url = base + "/" + family[0] + "-image";
      add(all, family[0] + "-image", family[1], page(family[2], "",
          "<draw:frame svg:x='1cm' svg:y='1cm' svg:width='4cm' svg:height='4cm'><draw:image xlink:href='" + url + "/image.png'" + LOADED + "/></draw:frame>"));
      url = base + "/" + family[0] + "-ole";
      add(all, family[0] + "-ole", family[1], page(family[2], "",
          "<draw:frame svg:x='1cm' svg:y='6cm' svg:width='4cm' svg:height='4cm'><draw:object xlink:href='" + url + "/object.odt'" + LOADED + "/></draw:frame>"));
      url = base + "/" + family[0] + "-fill";
      add(all, family[0] + "-fill", family[1], page(family[2],
          "<office:styles><draw:fill-image draw:name='LinkedFill' xlink:href='" + url + "/fill.png'" + LOADED + "/></office:styles>"
              + "<office:automatic-styles><style:style style:name='gr1' style:family='graphic'>"
              + "<style:graphic-properties draw:fill='bitmap' draw:fill-image-name='LinkedFill'/></style:style></office:automatic-styles>",
          "<draw:rect draw:style-name='gr1' svg:x='1cm' svg:y='1cm' svg:width='4cm' svg:height='4cm'/>"));
    }
  }

  private static void html(List<Linked> all, String base) {
    String url = base + "/html-image";
    add(all, "html-image", "html", "<html><body><p>Linked image</p><img src='" + url + "/image.png'></body></html>");
    url = base + "/html-background";
    add(all, "html-background", "html", "<html><body background='" + url + "/background.png'><p>Background</p></body></html>");
    url = base + "/html-stylesheet";
    add(all, "html-stylesheet", "html", "<html><head><link rel='stylesheet' href='" + url + "/style.css'></head><body><p>Style sheet</p></body></html>");
  }

  /** tests-data's Word, Excel, PowerPoint files, and an RTF picture field (LibreOffice's RTF import drops it). */
  private static void binary(List<Linked> all, int port) throws IOException {
    all.add(new Linked("word-image", "doc", "pdf", withPort("linked_image.doc", port), Outcome.REFUSED));
    // Word's import fetches an image linked as a character, then keeps it unlinked (and empty).
    all.add(new Linked("word-inline-image", "doc", "pdf", withPort("linked_inline_image.doc", port), Outcome.LEFT_OUT));
    all.add(new Linked("excel-image", "xls", "pdf", withPort("linked_image.xls", port), Outcome.REFUSED));
    all.add(new Linked("excel-dde", "xls", "pdf", withPort("linked_dde.xls", port), Outcome.REFUSED));
    all.add(new Linked("powerpoint-image", "ppt", "pdf", withPort("linked_image.ppt", port), Outcome.REFUSED));
    String rtf = "{\\rtf1\\ansi{\\fonttbl{\\f0 Times;}}\\f0 Linked picture: {\\field{\\*\\fldinst INCLUDEPICTURE \"http://127.0.0.1:" + port
        + "/rtf-picture/image.png\" \\\\d}{\\fldrslt }}\\par}";
    all.add(new Linked("rtf-picture", "rtf", "odt", rtf.getBytes(StandardCharsets.US_ASCII), Outcome.LEFT_OUT));
  }

  /** A tests-data file linking to port 65432, with {@code port} (five digits too) in its place. */
  static byte[] withPort(String testData, int port) throws IOException {
    String digits = Integer.toString(port);
    if (digits.length() != PLACEHOLDER_PORT.length()) {
      throw new IllegalArgumentException("the port must have five digits to keep the file's offsets: " + port);
    }
    byte[] data = TestServers.testData(testData);
    replace(data, PLACEHOLDER_PORT, digits, StandardCharsets.US_ASCII);
    replace(data, PLACEHOLDER_PORT, digits, StandardCharsets.UTF_16LE);
    return data;
  }

  private static void replace(byte[] data, String from, String to, Charset charset) {
    byte[] target = from.getBytes(charset);
    byte[] replacement = to.getBytes(charset);
    for (int i = 0; i + target.length <= data.length; i++) {
      if (java.util.Arrays.equals(data, i, i + target.length, target, 0, target.length)) {
        System.arraycopy(replacement, 0, data, i, replacement.length);
      }
    }
  }

  /**
   * An ODF or HTML document, refused: the check before the load reads the file itself, so also
   * what LibreOffice would drop without a trace (linked OLE objects it cannot load, style
   * sheets, body backgrounds) or open as a type the server does not handle (XForms).
   */
  private static void add(List<Linked> all, String name, String format, String document) {
    all.add(new Linked(name, format, "pdf", document.getBytes(StandardCharsets.UTF_8), Outcome.REFUSED));
  }

  private static String frame(String content) {
    return "<draw:frame draw:name='Linked' text:anchor-type='as-char' svg:width='2cm' svg:height='2cm'>" + content + "</draw:frame>";
  }

  private static String row(String text) {
    return "<table:table-row><table:table-cell office:value-type='string'><text:p>" + text + "</text:p></table:table-cell></table:table-row>";
  }

  private static String text(String styles, String body) {
    return flat("text", styles, "<office:text>" + body + "</office:text>");
  }

  private static String spreadsheet(String tables) {
    return flat("spreadsheet", "", "<office:spreadsheet>" + tables + "</office:spreadsheet>");
  }

  private static String page(String type, String styles, String shapes) {
    String body = type.equals("presentation") ? "office:presentation" : "office:drawing";
    return flat(type, styles, "<" + body + "><draw:page draw:name='Page1'>" + shapes + "</draw:page></" + body + ">");
  }

  private static String flat(String type, String styles, String body) {
    // LibreOffice's type detection looks for office:mimetype="..." in double quotes.
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document " + NAMESPACES + " office:version=\"1.3\""
        + " office:mimetype=\"application/vnd.oasis.opendocument." + type + "\">" + styles + "<office:body>" + body + "</office:body></office:document>";
  }
}
