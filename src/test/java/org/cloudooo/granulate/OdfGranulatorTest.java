package org.cloudooo.granulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.cloudooo.core.CloudoooException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class OdfGranulatorTest {

  private static final String RED_DOT = "100000000000000800000008D83064DFFA0C8DA8.png";
  private static final String BLUE_SQUARE = "10000000000000080000000888D2AA3BCBD4945F.png";

  // ---- tests-data/granulate.odt, as LibreOffice wrote it from granulate.fodt ----

  @Test
  void tablesAreListedWithTheirCaptions() throws IOException {
    assertThat(granulateOdt().tableItemList())
        .containsExactly(
            List.of("Developers", ""),
            List.of("Prices", "Table 1: Prices table from Mon Restaurant"),
            List.of("SoccerTeams", "Tabela 2: Soccer Teams"));
  }

  @Test
  void columnsAreTheCellsOfTheFirstRowHeaderRowsIncluded() throws IOException {
    OdfGranulator granulator = granulateOdt();
    assertThat(granulator.columnItemList("SoccerTeams")).contains(List.of(List.of(0, "Name"), List.of(1, "Country")));
    assertThat(granulator.columnItemList("Developers")).contains(List.of(List.of(0, "Name"), List.of(1, "Role")));
    assertThat(granulator.columnItemList("NoSuchTable")).isEmpty();
  }

  @Test
  void linesPairEveryLaterCellWithItsColumnHeader() throws IOException {
    OdfGranulator granulator = granulateOdt();
    assertThat(granulator.lineItemList("Prices"))
        .contains(
            List.of(List.of("Item", "Coffee"), List.of("Price", "2.50"), List.of("Item", "Tea"), List.of("Price", "1.75")));
    assertThat(granulator.lineItemList("SoccerTeams"))
        .contains(
            List.of(
                List.of("Name", "Flamengo"),
                List.of("Country", "Brazil"),
                List.of("Name", "Porto"),
                List.of("Country", "Portugal")));
    assertThat(granulator.lineItemList("NoSuchTable")).isEmpty();
  }

  @Test
  void aTableComesAloneInAValidOdtPackage() throws Exception {
    byte[] odt = granulateOdt().table("Prices").orElseThrow();

    assertMimetypeFirstAndStored(odt);
    Map<String, byte[]> parts = unzip(odt);
    assertThat(parts.keySet()).containsExactly("mimetype", "content.xml", "styles.xml", "META-INF/manifest.xml");
    assertThat(new String(parts.get("META-INF/manifest.xml"), StandardCharsets.UTF_8))
        .contains("manifest:full-path=\"/\"", "manifest:full-path=\"content.xml\"", "manifest:full-path=\"styles.xml\"")
        .contains("manifest:version=\"1.3\"");
    Document content = OdfDom.parse(parts.get("content.xml"), "content.xml");
    List<Element> tables = OdfDom.elements(content, e -> OdfDom.is(e, OdfDom.TABLE, "table"));
    assertThat(tables).singleElement().satisfies(t -> assertThat(t.getAttributeNS(OdfDom.TABLE, "name")).isEqualTo("Prices"));
    assertThat(OdfDom.text(content)).isEqualTo("ItemPriceCoffee2.50Tea1.75");
    // The source's automatic styles come along whole, as in the original.
    assertThat(new String(parts.get("content.xml"), StandardCharsets.UTF_8)).contains("style:name=\"Prices.A\"");

    OdfGranulator single = readBytes(odt);
    assertThat(single.tableItemList()).containsExactly(List.of("Prices", ""));
    assertThat(single.lineItemList("Prices")).isEqualTo(granulateOdt().lineItemList("Prices"));
  }

  @Test
  void anUnknownTableGivesNothing() throws IOException {
    assertThat(granulateOdt().table("NoSuchTable")).isEmpty();
  }

  @Test
  void imagesAreListedByPictureFileWithTheirCaptions() throws IOException {
    assertThat(granulateOdt().imageItemList())
        .containsExactly(List.of(RED_DOT, "A red dot"), List.of(BLUE_SQUARE, "A blue square"));
  }

  @Test
  void imageBytesComeFromThePicturesFolder() throws IOException {
    OdfGranulator granulator = granulateOdt();
    byte[] redDot = granulator.image(RED_DOT);
    assertThat(redDot).hasSize(86).startsWith(0x89, 'P', 'N', 'G');
    assertThat(granulator.image(BLUE_SQUARE)).hasSize(73).startsWith(0x89, 'P', 'N', 'G');
    assertThat(granulator.image("missing.png")).isEmpty();
  }

  @Test
  void paragraphsOutsideFramesAreListedWithTheirStyleNames() throws IOException {
    List<String> styles = new ArrayList<>(List.of("Title", "Standard"));
    styles.addAll(tableStyles());
    styles.add("Text_20_body");
    styles.addAll(tableStyles());
    styles.add("Table");
    styles.addAll(tableStyles());
    styles.addAll(List.of("Tabela", "Standard", "Standard", "Text_20_body"));
    List<List<Object>> expected = new ArrayList<>();
    for (String style : styles) {
      expected.add(List.of(expected.size(), style));
    }
    assertThat(granulateOdt().paragraphItemList()).isEqualTo(expected);
  }

  @Test
  void aParagraphIsItsWholeTextAndStyle() throws IOException {
    OdfGranulator granulator = granulateOdt();
    assertThat(granulator.paragraph(0)).contains(List.of("Granulate Test Document", "Title"));
    assertThat(granulator.paragraph(1)).contains(List.of("This document feeds the granulate API tests.", "Standard"));
    assertThat(granulator.paragraph(15)).contains(List.of("Table 1: Prices table from Mon Restaurant", "Table"));
    // The paragraph anchoring a caption frame contains the caption's text.
    assertThat(granulator.paragraph(23)).contains(List.of("Illustration 1: A red dot", "Standard"));
    // LibreOffice rewrote text:s text:c="2" as a space and a text:s.
    assertThat(granulator.paragraph(25)).contains(List.of("One two\tthree\nfour  end", "Text_20_body"));
    assertThat(granulator.paragraph(26)).isEmpty();
    assertThat(granulator.paragraph(-1)).isEmpty();
  }

  @Test
  void chaptersAreTheTitleAndTheHeadingsWholeTexts() throws IOException {
    OdfGranulator granulator = granulateOdt();
    assertThat(granulator.chapterItemList())
        .containsExactly(
            List.of(0, "Granulate Test Document"),
            List.of(1, "Tables"),
            List.of(2, "Team"),
            List.of(3, "Menu"),
            List.of(4, "Football"),
            List.of(5, "Images and captions"),
            List.of(6, "Conclusion"));
    assertThat(granulator.chapterItem(5)).contains(List.of("Images and captions", 5));
    assertThat(granulator.chapterItem(7)).isEmpty();
    assertThat(granulator.chapterItem(-1)).isEmpty();
  }

  // ---- rules on small documents ----

  @Test
  void aCaptionIsTheFirstFollowingParagraphWithATableStyle() {
    OdfGranulator granulator =
        granulate(
            "<style:style style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Table\"/>",
            table("A") + "<text:soft-page-break/><text:p text:style-name=\"Table\">Table 1: after a page break</text:p>"
                + table("B") + "<text:p text:style-name=\"Text_20_body\">Not a caption</text:p>"
                + table("C") + "<text:p text:style-name=\"P1\">Table 3: direct formatting</text:p>"
                + table("D") + "<text:p text:style-name=\"Tabela_20_X\">Tabela 4</text:p>"
                + table("E"));
    assertThat(granulator.tableItemList())
        .containsExactly(
            List.of("A", "Table 1: after a page break"),
            List.of("B", ""),
            List.of("C", "Table 3: direct formatting"),
            List.of("D", "Tabela 4"),
            List.of("E", ""));
  }

  @Test
  void rowsOfNestedTablesAreNotTheirParents() {
    String nested =
        "<table:table table:name=\"Outer\"><table:table-row>"
            + "<table:table-cell><text:p>k1</text:p></table:table-cell><table:covered-table-cell/>"
            + "</table:table-row><table:table-row-group><table:table-row>"
            + "<table:table-cell>" + table("Inner") + "</table:table-cell>"
            + "<table:table-cell><text:p>v2</text:p></table:table-cell>"
            + "<table:table-cell><text:p>extra</text:p></table:table-cell>"
            + "</table:table-row></table:table-row-group></table:table>";
    OdfGranulator granulator = granulate("", nested);
    assertThat(granulator.columnItemList("Outer")).contains(List.of(List.of(0, "k1"), List.of(1, "")));
    assertThat(granulator.lineItemList("Outer"))
        .contains(List.of(List.of("k1", "cell of Inner"), List.of("", "v2"), List.of("", "extra")));
    assertThat(granulator.columnItemList("Inner")).contains(List.of(List.of(0, "cell of Inner")));
    assertThat(granulator.lineItemList("Inner")).contains(List.of());
  }

  @Test
  void onlyPicturesInACaptionFrameHaveACaption() {
    String captioned =
        "<text:p><draw:frame><draw:text-box><text:p><draw:frame><draw:image xlink:href=\"Pictures/a.png\"/></draw:frame>"
            + "Figure <text:sequence>3</text:sequence>: A <text:span>bold</text:span> claim: yes</text:p>"
            + "</draw:text-box></draw:frame></text:p>";
    String noColon =
        "<text:p><draw:frame><draw:text-box><text:p><draw:frame><draw:image xlink:href=\"Pictures/b.png\"/></draw:frame>"
            + "Just words</text:p></draw:text-box></draw:frame></text:p>";
    String plain = "<text:p><draw:frame><draw:image xlink:href=\"Pictures/c.png\"/></draw:frame>Text: after</text:p>";
    String inline = "<text:p><draw:frame><draw:image><office:binary-data>AAAA</office:binary-data></draw:image></draw:frame></text:p>";
    assertThat(granulate("", captioned + noColon + plain + inline).imageItemList())
        .containsExactly(List.of("a.png", "A bold claim: yes"), List.of("b.png", ""), List.of("c.png", ""));
  }

  @Test
  void titleParagraphsAndHeadingsAreChaptersWhateverTheirSpans() {
    OdfGranulator granulator =
        granulate(
            "<style:style style:name=\"P7\" style:family=\"paragraph\" style:parent-style-name=\"Title\"/>",
            "<text:p text:style-name=\"Title\">Plain title</text:p>"
                + "<text:p text:style-name=\"P7\">Title with <text:span>direct</text:span> formatting</text:p>"
                + "<text:p text:style-name=\"Subtitle\">Not a chapter</text:p>"
                + "<text:h text:outline-level=\"2\">No<text:s text:c=\"3\"/>spans</text:h>"
                + "<text:h><text:span>Two</text:span> <text:span>spans</text:span></text:h>");
    assertThat(granulator.chapterItemList())
        .containsExactly(
            List.of(0, "Plain title"),
            List.of(1, "Title with direct formatting"),
            List.of(2, "No   spans"),
            List.of(3, "Two spans"));
  }

  @Test
  void aParagraphWithoutStyleIsListedButNotGiven() {
    OdfGranulator granulator = granulate("", "<text:p>unstyled</text:p><text:p text:style-name=\"P1\">styled</text:p>");
    assertThat(granulator.paragraphItemList()).containsExactly(List.of(0, ""), List.of(1, "P1"));
    assertThat(granulator.paragraph(0)).isEmpty();
    assertThat(granulator.paragraph(1)).contains(List.of("styled", "P1"));
  }

  @Test
  void picturesInATableTravelWithIt() throws Exception {
    String table =
        "<table:table table:name=\"T\"><table:table-row><table:table-cell><text:p><draw:frame>"
            + "<draw:image xlink:href=\"Pictures/in.png\"/></draw:frame></text:p></table:table-cell></table:table-row></table:table>";
    Map<String, byte[]> parts = new LinkedHashMap<>();
    parts.put("content.xml", content("", table + "<text:p><draw:frame><draw:image xlink:href=\"Pictures/out.png\"/></draw:frame></text:p>"));
    parts.put("Pictures/in.png", new byte[] {1, 2, 3});
    parts.put("Pictures/out.png", new byte[] {4, 5, 6});

    byte[] odt = readBytes(zip(parts)).table("T").orElseThrow();

    Map<String, byte[]> single = unzip(odt);
    assertThat(single).containsKey("Pictures/in.png").doesNotContainKey("Pictures/out.png").doesNotContainKey("styles.xml");
    assertThat(single.get("Pictures/in.png")).containsExactly(1, 2, 3);
    assertThat(new String(single.get("META-INF/manifest.xml"), StandardCharsets.UTF_8))
        .contains("manifest:full-path=\"Pictures/in.png\" manifest:media-type=\"image/png\"");
  }

  // ---- refused input ----

  @Test
  void bytesThatAreNoZipAreRefusedClearly() {
    assertThatThrownBy(() -> readBytes("just some text".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOfSatisfying(CloudoooException.class, e -> assertThat(e.kind().wireName()).isEqualTo("ValueError"))
        .hasMessage("not an ODF document: the data is not a zip archive");
    assertThatThrownBy(() -> readBytes(new byte[0])).hasMessageContaining("not a zip archive");
  }

  @Test
  void aZipWithoutContentIsRefused() throws IOException {
    assertThatThrownBy(() -> readBytes(zip(Map.of("hello.txt", new byte[] {'h', 'i'}))))
        .isInstanceOf(CloudoooException.class)
        .hasMessage("not an ODF document: the zip archive has no content.xml");
  }

  @Test
  void aTruncatedPackageIsRefused() throws IOException {
    byte[] truncated = Files.readAllBytes(Path.of("tests-data", "truncated.odt"));
    assertThatThrownBy(() -> readBytes(truncated))
        .isInstanceOf(CloudoooException.class)
        .hasMessage("broken ODF package, the zip archive cannot be read: unexpected EOF");
  }

  @Test
  void brokenXmlIsRefusedWithItsPosition() throws IOException {
    byte[] odt = zip(Map.of("content.xml", "<office:document-content><oops>".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> readBytes(odt))
        .isInstanceOf(CloudoooException.class)
        .hasMessageStartingWith("content.xml of the ODF package cannot be parsed (line 1, column");
  }

  @Test
  void externalEntitiesAreNeverRead() throws IOException {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<office:document-content xmlns:office=\"" + OdfDom.OFFICE + "\">&x;</office:document-content>";
    byte[] odt = zip(Map.of("content.xml", xxe.getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> readBytes(odt))
        .isInstanceOf(CloudoooException.class)
        .hasMessageContaining("DOCTYPE")
        .hasMessageNotContaining("root:");
  }

  @Test
  void aDeeplyNestedContentIsRefused() {
    String deep = "<text:span>".repeat(OdfDom.MAX_DEPTH) + "x" + "</text:span>".repeat(OdfDom.MAX_DEPTH);
    assertThatThrownBy(() -> granulate("", "<text:p>" + deep + "</text:p>"))
        .isInstanceOf(CloudoooException.class)
        .hasMessageContaining("maxElementDepth");
  }

  @Test
  void aContentThatInflatesBeyondTheLimitIsRefused() throws IOException {
    byte[] huge = new byte[OdfPackage.MAX_PART_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    byte[] bomb = zip(Map.of("content.xml", huge));
    assertThat(bomb.length).isLessThan(1 << 20);
    assertThatThrownBy(() -> readBytes(bomb))
        .isInstanceOf(CloudoooException.class)
        .hasMessageContaining("inflates beyond 64 MiB while reading content.xml");
  }

  // ---- helpers ----

  private static OdfGranulator granulateOdt() throws IOException {
    return OdfGranulator.read(Path.of("tests-data", "granulate.odt"));
  }

  /** The paragraph styles of the cells of a 2×3 table of granulate.fodt. */
  private static List<String> tableStyles() {
    return List.of(
        "Table_20_Heading", "Table_20_Heading",
        "Table_20_Contents", "Table_20_Contents",
        "Table_20_Contents", "Table_20_Contents");
  }

  private static String table(String name) {
    return "<table:table table:name=\"" + name + "\"><table:table-row><table:table-cell><text:p>cell of " + name
        + "</text:p></table:table-cell></table:table-row></table:table>";
  }

  private static OdfGranulator granulate(String automaticStyles, String body) {
    try {
      return readBytes(zip(Map.of("content.xml", content(automaticStyles, body))));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] content(String automaticStyles, String body) {
    return ("<office:document-content xmlns:office=\"" + OdfDom.OFFICE + "\" xmlns:style=\"" + OdfDom.STYLE
            + "\" xmlns:text=\"" + OdfDom.TEXT + "\" xmlns:table=\"" + OdfDom.TABLE + "\" xmlns:draw=\"" + OdfDom.DRAW
            + "\" xmlns:xlink=\"" + OdfDom.XLINK + "\" office:version=\"1.3\">"
            + "<office:automatic-styles>" + automaticStyles + "</office:automatic-styles>"
            + "<office:body><office:text>" + body + "</office:text></office:body></office:document-content>")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] zip(Map<String, byte[]> parts) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> part : parts.entrySet()) {
        zip.putNextEntry(new ZipEntry(part.getKey()));
        zip.write(part.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        parts.put(entry.getName(), in.readAllBytes());
      }
    }
    return parts;
  }

  /** ODF's rule for recognising a package by its first bytes: a stored "mimetype" entry, no extra field. */
  private static void assertMimetypeFirstAndStored(byte[] odt) {
    ByteBuffer header = ByteBuffer.wrap(odt).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(header.getInt(0)).as("local file header signature").isEqualTo(0x04034b50);
    assertThat(header.getShort(8)).as("compression method").isEqualTo((short) 0);
    assertThat(header.getShort(26)).as("name length").isEqualTo((short) 8);
    assertThat(header.getShort(28)).as("extra field length").isEqualTo((short) 0);
    assertThat(new String(odt, 30, 8 + 39, StandardCharsets.US_ASCII))
        .isEqualTo("mimetypeapplication/vnd.oasis.opendocument.text");
  }

  /** Reads a package made in memory from a file, as the server reads the client's (parts are read on demand). */
  private static OdfGranulator readBytes(byte[] odt) {
    try {
      Path file = Files.createTempFile("granulate", ".odt");
      file.toFile().deleteOnExit();
      return OdfGranulator.read(Files.write(file, odt));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
