package org.cloudooo.handler.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cloudooo.handler.office.TestPackages.ODF_NAMESPACES;
import static org.cloudooo.handler.office.TestPackages.WORD_NAMESPACES;
import static org.cloudooo.handler.office.TestPackages.bytes;
import static org.cloudooo.handler.office.TestPackages.docx;
import static org.cloudooo.handler.office.TestPackages.odfContent;
import static org.cloudooo.handler.office.TestPackages.odt;
import static org.cloudooo.handler.office.TestPackages.relationship;
import static org.cloudooo.handler.office.TestPackages.relationships;
import static org.cloudooo.handler.office.TestPackages.wordDocument;
import static org.cloudooo.handler.office.TestPackages.write;
import static org.cloudooo.handler.office.TestPackages.writeZip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.cloudooo.core.CloudoooException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreloadCheckTest {

  private static final long MAX_EXPANDED = 64L << 20;
  private static final Path TESTS_DATA = Path.of("tests-data");

  @TempDir Path directory;

  // ---- the project's test documents ----

  @ParameterizedTest
  @ValueSource(strings = {"unsafe_link.odt", "unsafe_link.ods", "unsafe_link.odp", "unsafe_link.odg",
      "unsafe_link.fodt", "unsafe_link.fods", "unsafe_link.fodp", "unsafe_link.fodg", "unsafe_link.html"})
  void unsafeTestDocumentsAreRefused(String name) {
    // file:///etc/passwd as written by hand, ../../../../etc/passwd as LibreOffice stores it
    assertThatThrownBy(() -> inspect(TESTS_DATA.resolve(name)))
        .isInstanceOf(CloudoooException.class)
        .hasMessageMatching("This document contains unsafe links (file:///|\\.\\./\\.\\./\\.\\./\\.\\./)etc/passwd \\(embedded objects .*");
  }

  @ParameterizedTest
  @ValueSource(strings = {"utf8.csv", "tab.tsv", "latin9.csv", "hello.odt", "hello.docx", "hello.fodt", "sheet.ods", "sheet.xlsx", "sheet.fods",
      "slides.odp", "slides.pptx", "slides.fodp", "drawing.odg", "drawing.fodg", "granulate.odt", "granulate.fodt",
      "macro.odt", "page.html"})
  void safeTestDocumentsAreChecked(String name) throws IOException {
    assertThat(inspect(TESTS_DATA.resolve(name))).isEqualTo(PreloadVerdict.CHECKED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello.doc", "granulate.doc", "hello.pdf", "truncated.docx", "truncated.odt",
      "not_a_docx.docx", "text_as.xlsx", "garbage.doc", "dot.png"})
  void otherFormatsNeedTheLoadedCheck(String name) throws IOException {
    assertThat(inspect(TESTS_DATA.resolve(name))).isEqualTo(PreloadVerdict.NEEDS_LOADED_CHECK);
  }

  // ---- ODF packages ----

  @Test
  void odfPicturesInsideThePackageAndHyperlinksPass() throws IOException {
    Path odt = writeZip(directory, "safe.odt", odt(
        "<text:p><draw:frame><draw:image xlink:href=\"Pictures/1.png\" xlink:actuate=\"onLoad\"/></draw:frame>"
            + "<draw:frame><draw:object xlink:href=\"./Object 1\"/></draw:frame>"
            + "<text:a xlink:href=\"http://example.com/\">a hyperlink</text:a></text:p>"));
    assertThat(inspect(odt)).isEqualTo(PreloadVerdict.CHECKED);
  }

  @Test
  void anEmbeddedObjectLinkingOutIsRefused() throws IOException {
    Map<String, byte[]> members = odt("<text:p><draw:frame><draw:object xlink:href=\"./Object 1\"/></draw:frame></text:p>");
    members.put("Object 1/content.xml", bytes("<office:document-content" + ODF_NAMESPACES + "><office:body><office:chart>"
        + "<chart:chart xlink:href=\"..\"/>" // a chart's data in its container: not fetched
        + "<draw:image xlink:href=\"file:///etc/shadow\"/></office:chart></office:body></office:document-content>"));
    assertRefused(() -> inspect(writeZip(directory, "object.odt", members)), "file:///etc/shadow");
  }

  @Test
  void odfLinkedPicturesAreRefusedWithoutActuate() throws IOException {
    Path odt = writeZip(directory, "linked.odt", odt("<text:p><draw:frame><draw:image xlink:href=\"../../secret.png\"/></draw:frame></text:p>"));
    assertRefused(() -> inspect(odt), "../../secret.png");
  }

  @Test
  void odfLinkedSectionsTablesFramesAndDdeAreRefused() throws IOException {
    assertRefused(() -> inspect(writeZip(directory, "section.odt", odt(
        "<text:section text:name=\"S\"><text:section-source xlink:href=\"file:///etc/hosts\"/></text:section>"))), "file:///etc/hosts");
    assertRefused(() -> inspect(writeZip(directory, "table.ods", odt(
        "<table:table table:name=\"T\"><table:table-source xlink:href=\"http://intranet/t.ods\"/></table:table>"))), "http://intranet/t.ods");
    assertRefused(() -> inspect(writeZip(directory, "frame.odt", odt(
        "<draw:frame><draw:floating-frame xlink:href=\"/etc/hosts\"/></draw:frame>"))), "/etc/hosts");
    assertRefused(() -> inspect(writeZip(directory, "dde.odt", odt(
        "<text:dde-connection-decls><text:dde-connection-decl office:name=\"d\" office:dde-application=\"soffice\""
            + " office:dde-topic=\"/etc/passwd\" office:dde-item=\"\"/></text:dde-connection-decls>"))), "dde:soffice|/etc/passwd|");
  }

  // ---- flat ODF ----

  @Test
  void flatOdfIsCheckedLikeItsPackage() throws IOException {
    String flat = "<?xml version=\"1.0\"?><office:document" + ODF_NAMESPACES + "><office:body><office:text>%s</office:text></office:body></office:document>";
    Path safe = write(directory, "safe.fodt", bytes(flat.formatted("<draw:frame><draw:image><office:binary-data>AAAA</office:binary-data></draw:image></draw:frame>")));
    Path unsafe = write(directory, "unsafe.fodt", bytes(flat.formatted("<draw:frame><draw:image xlink:href=\"https://example.com/x.png\"/></draw:frame>")));
    assertThat(inspect(safe)).isEqualTo(PreloadVerdict.CHECKED);
    assertRefused(() -> inspect(unsafe), "https://example.com/x.png");
  }

  @Test
  void formulasReadingOtherDocumentsOrProgramsAreRefused() throws IOException {
    String flat = "<?xml version=\"1.0\"?><office:document" + ODF_NAMESPACES + "><office:body><office:spreadsheet>"
        + "<table:table table:name=\"S\"><table:table-row><table:table-cell table:formula=\"%s\"/></table:table-row></table:table>"
        + "</office:spreadsheet></office:body></office:document>";
    Path local = write(directory, "local.fods", bytes(flat.formatted("of:=SUM([.A1:.A3])+[$'My ''Sheet'''.B2]")));
    Path reference = write(directory, "reference.fods", bytes(flat.formatted("of:=['file:///etc/data.ods'#$Sheet1.A1]")));
    Path dde = write(directory, "dde.fods", bytes(flat.formatted(
        "of:=DDE(&quot;soffice&quot;;&quot;http://127.0.0.1/data.ods&quot;;&quot;Sheet1.A1&quot;)")));
    assertThat(inspect(local)).isEqualTo(PreloadVerdict.CHECKED);
    assertRefused(() -> inspect(reference), "file:///etc/data.ods");
    assertRefused(() -> inspect(dde), "dde:soffice|http://127.0.0.1/data.ods|Sheet1.A1");
  }

  @Test
  void aZipThatIsNoOfficePackageIsASite() throws IOException {
    assertThat(inspect(TESTS_DATA.resolve("site.zip"))).isEqualTo(PreloadVerdict.ZIPPED_SITE);
  }

  @Test
  void csvCellsReadingOtherDocumentsOrProgramsAreRefused() throws IOException {
    Path plain = write(directory, "plain.csv", bytes("a,b\n1,=SUM(A1:A2)\n# a comment,x\n"));
    Path reference = write(directory, "reference.csv", bytes("a,b\n1,='file:///etc/passwd'#$Sheet1.A1\n"));
    Path dde = write(directory, "dde.csv", bytes("a\n\"=DDE(\"\"soffice\"\";\"\"/etc/passwd\"\";\"\"A1\"\")\"\n"));
    assertThat(inspect(plain)).isEqualTo(PreloadVerdict.CHECKED);
    assertRefused(() -> inspect(reference), "file:///etc/passwd");
    assertRefused(() -> inspect(dde), "dde:soffice|/etc/passwd|A1");
  }

  @Test
  void xmlThatIsNotFlatOdfOrHasADoctypeNeedsTheLoadedCheck() throws IOException {
    Path svg = write(directory, "picture.fodt", bytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"file:///etc/passwd\"/></svg>"));
    Path doctype = write(directory, "doctype.fodt", bytes("<!DOCTYPE office:document [<!ENTITY x \"y\">]><office:document" + ODF_NAMESPACES + "/>"));
    assertThat(inspect(svg)).isEqualTo(PreloadVerdict.NEEDS_LOADED_CHECK);
    assertThat(inspect(doctype)).isEqualTo(PreloadVerdict.NEEDS_LOADED_CHECK);
  }

  // ---- OOXML ----

  @Test
  void ooxmlHyperlinksAndEmbeddedPicturesPass() throws IOException {
    Path docx = writeZip(directory, "safe.docx", docx(
        "<w:p><w:hyperlink r:id=\"rId7\"><w:r><w:t>site</w:t></w:r></w:hyperlink><w:r><w:drawing><a:blip r:embed=\"rId8\"/></w:drawing></w:r></w:p>",
        relationship("rId7", "hyperlink", "http://example.com/", true) + relationship("rId8", "image", "media/image1.png", false)));
    assertThat(inspect(docx)).isEqualTo(PreloadVerdict.CHECKED);
  }

  @Test
  void anExternalPictureRelationshipIsRefused() throws IOException {
    Path docx = writeZip(directory, "image.docx", docx("<w:p/>", relationship("rId8", "image", "file:///etc/passwd", true)));
    assertRefused(() -> inspect(docx), "file:///etc/passwd");
    Path url = writeZip(directory, "url.docx", docx("<w:p/>", relationship("rId8", "oleObject", "http://example.com/o.bin", false)));
    assertRefused(() -> inspect(url), "http://example.com/o.bin"); // a URL whatever TargetMode says
  }

  @Test
  void aBlipLinkingThroughAnyExternalRelationshipIsRefused() throws IOException {
    Path docx = writeZip(directory, "blip.docx", docx(
        "<w:p><w:r><w:drawing><a:blip r:link=\"rId9\"/></w:drawing></w:r></w:p>",
        relationship("rId9", "hyperlink", "http://attacker.example/track.png", true)));
    assertRefused(() -> inspect(docx), "http://attacker.example/track.png");
  }

  @Test
  void vmlPicturesAndLinkedOleObjectsAreRefused() throws IOException {
    Path imagedata = writeZip(directory, "vml.docx", docx(
        "<w:p><w:r><w:pict><v:shape><v:imagedata src=\"file:///etc/passwd\" o:title=\"\"/></v:shape></w:pict></w:r></w:p>", ""));
    assertRefused(() -> inspect(imagedata), "file:///etc/passwd");
    Path fill = writeZip(directory, "fill.docx", docx(
        "<w:p><w:r><w:pict><v:rect><v:fill o:href=\"\\\\server\\share\\a.png\"/></v:rect></w:pict></w:r></w:p>", ""));
    assertRefused(() -> inspect(fill), "\\\\server\\share\\a.png");
    Path ole = writeZip(directory, "ole.docx", docx(
        "<w:p><w:r><w:object><o:OLEObject Type=\"Link\" ProgID=\"Excel.Sheet.12\" r:id=\"rId4\"/></w:object></w:r></w:p>",
        relationship("rId4", "oleObject", "data.xlsx", false)));
    assertRefused(() -> inspect(ole), "data.xlsx");
  }

  @Test
  void includePictureFieldsAreJudgedByTheirTarget() throws IOException {
    Path simple = writeZip(directory, "simple.docx", docx(
        "<w:p><w:fldSimple w:instr=\" INCLUDEPICTURE &quot;http://example.com/a.png&quot; \\d \"/></w:p>", ""));
    assertRefused(() -> inspect(simple), "http://example.com/a.png");
    Path split = writeZip(directory, "split.docx", docx(
        "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>INCLUDEPICTURE \"C:\\\\Us</w:instrText></w:r>"
            + "<w:r><w:instrText>ers\\\\a.png\" \\* MERGEFORMAT</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
            + "<w:r><w:t>picture</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>", ""));
    assertRefused(() -> inspect(split), "C:\\Users\\a.png");
    Path relative = writeZip(directory, "relative.docx", docx(
        "<w:p><w:fldSimple w:instr=\"INCLUDEPICTURE &quot;pictures/a.png&quot;\"/><w:fldSimple w:instr=\"PAGE\"/></w:p>", ""));
    assertThat(inspect(relative)).isEqualTo(PreloadVerdict.CHECKED);
  }

  @Test
  void aNestedFieldsResultIsPartOfTheCodeAroundIt() throws IOException {
    Path nested = writeZip(directory, "nested.docx", docx(
        "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>INCLUDETEXT \"</w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>QUOTE x</w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>/etc/passwd</w:t></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:instrText>\"</w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>", ""));
    assertRefused(() -> inspect(nested), "/etc/passwd");
  }

  @Test
  void ddeFieldsAreRefused() throws IOException {
    Path dde = writeZip(directory, "dde.docx", docx(
        "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>DDEAUTO soffice \"/etc/passwd\" \"\"</w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>", ""));
    assertRefused(() -> inspect(dde), "dde:soffice|/etc/passwd|");
  }

  @Test
  void aMainPartWithAnUnusualNameIsReadToo() throws IOException {
    Map<String, byte[]> members = docx("<w:p/>", "");
    members.put("word/main.bin", bytes(wordDocument("<w:p><w:r><w:pict><v:imagedata src=\"http://example.com/x\"/></w:pict></w:r></w:p>")));
    assertRefused(() -> inspect(writeZip(directory, "odd.docx", members)), "http://example.com/x");
  }

  @Test
  void xlsxExternalWorkbooksAndDdeLinksAreRefused() throws IOException {
    Map<String, byte[]> external = xlsx();
    external.put("xl/externalLinks/_rels/externalLink1.xml.rels", bytes(relationships(
        "<Relationship Id=\"rId1\" Type=\"http://schemas.microsoft.com/office/2006/relationships/xlExternalLinkPath/xlPathMissing\""
            + " Target=\"file:///C:/secret.xlsx\" TargetMode=\"External\"/>")));
    assertRefused(() -> inspect(writeZip(directory, "external.xlsx", external)), "file:///C:/secret.xlsx");
    Map<String, byte[]> dde = xlsx();
    dde.put("xl/externalLinks/externalLink1.xml", bytes(
        "<externalLink xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><ddeLink ddeService=\"soffice\" ddeTopic=\"/etc/passwd\"/></externalLink>"));
    assertRefused(() -> inspect(writeZip(directory, "dde.xlsx", dde)), "dde:soffice|/etc/passwd|");
    assertThat(inspect(writeZip(directory, "plain.xlsx", xlsx()))).isEqualTo(PreloadVerdict.CHECKED);
  }

  @Test
  void pptxExternalMediaIsRefused() throws IOException {
    Map<String, byte[]> pptx = new java.util.LinkedHashMap<>();
    pptx.put("[Content_Types].xml", bytes("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"));
    pptx.put("ppt/slides/slide1.xml", bytes("<p:sld xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"" + WORD_NAMESPACES
        + "><p:cSld><p:spTree><p:pic><p:nvPicPr><p:nvPr><a:videoFile r:link=\"rId3\"/></p:nvPr></p:nvPicPr></p:pic></p:spTree></p:cSld></p:sld>"));
    pptx.put("ppt/slides/_rels/slide1.xml.rels", bytes(relationships(relationship("rId3", "video", "http://example.com/v.mp4", true))));
    assertRefused(() -> inspect(writeZip(directory, "video.pptx", pptx)), "http://example.com/v.mp4");
  }

  private static Map<String, byte[]> xlsx() {
    Map<String, byte[]> members = new java.util.LinkedHashMap<>();
    members.put("[Content_Types].xml", bytes("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"));
    members.put("xl/workbook.xml", bytes("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>"));
    members.put("xl/_rels/workbook.xml.rels", bytes(relationships(relationship("rId1", "worksheet", "worksheets/sheet1.xml", false))));
    members.put("xl/worksheets/sheet1.xml", bytes(
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>"));
    return members;
  }

  // ---- HTML ----

  @Test
  void htmlWithLinksInsideAndHyperlinksPasses() throws IOException {
    Path html = write(directory, "safe.html", bytes("""
        <!DOCTYPE html><html><head><link rel="alternate" href="http://example.com/feed">
        <link rel="stylesheet" href="style.css"><style>body { background: url("img/bg.png") }</style></head>
        <body><!-- <img src="http://example.com/commented.png"> -->
        <script>var s = '<img src="http://example.com/in-script.png">';</script>
        <img src="img/a.png" srcset="data:image/png;base64,AA,BB 1x, img/b.png 2x">
        <a href="http://example.com/">a hyperlink</a><img src='data:image/png;base64,AAAA'></body></html>
        """));
    assertThat(inspect(html)).isEqualTo(PreloadVerdict.CHECKED);
  }

  @Test
  void everyHtmlWayOfLoadingIsChecked() throws IOException {
    assertHtmlRefused("<img src=\"a.png\" srcset=\"a.png 1x, http://example.com/b.png 2x\">", "http://example.com/b.png");
    assertHtmlRefused("<p style=\"background-image: url( 'file:///etc/passwd' )\">x</p>", "file:///etc/passwd");
    assertHtmlRefused("<style>@import \"http://example.com/a.css\";</style>", "http://example.com/a.css");
    assertHtmlRefused("<style>p { background: url(file\\3a ///etc/passwd) }</style>", "file:///etc/passwd");
    assertHtmlRefused("<link rel=\"stylesheet\" href=\"//example.com/a.css\">", "//example.com/a.css");
    assertHtmlRefused("<object data=\"file:///etc/passwd\"></object>", "file:///etc/passwd");
    assertHtmlRefused("<iframe src=\"file:///etc/passwd\"></iframe>", "file:///etc/passwd");
    assertHtmlRefused("<input type=image src=/etc/passwd>", "/etc/passwd");
    assertHtmlRefused("<table background=\"../x.png\"><tr><td>x</td></tr></table>", "../x.png");
    assertHtmlRefused("<svg><image xlink:href=\"file:///etc/passwd\"/></svg>", "file:///etc/passwd");
    assertHtmlRefused("<img src=\"file&#58;///etc/passwd\">", "file:///etc/passwd");
    assertHtmlRefused("<img src=\"fi\tle:///etc/passwd\">", "file:///etc/passwd");
    assertHtmlRefused("<base href=\"../\"><img src=\"x.png\">", "../");
  }

  @Test
  void htmlTricksLibreOfficeReadsThroughAreSeenThrough() throws IOException {
    assertHtmlRefused("<img src=\"file&#65594;///etc/passwd\">", "file:///etc/passwd"); // 16-bit wrap
    assertHtmlRefused("<!--><img src=\"file:///etc/passwd\"><!-- -->", "file:///etc/passwd");
    assertHtmlRefused("<!-- unclosed > <img src=\"file:///etc/passwd\">", "file:///etc/passwd");
    assertHtmlRefused("<?php <img src=\"file:///etc/passwd\"> ?>", "file:///etc/passwd");
    assertHtmlRefused("<![CDATA[ > <img src=\"file:///etc/passwd\"> ]]>", "file:///etc/passwd");
    assertHtmlRefused("<title><img src=\"file:///etc/passwd\"></title>", "file:///etc/passwd");
    assertHtmlRefused("<style>p { color: red }<body><img src=\"file:///etc/passwd\">", "file:///etc/passwd");
    assertHtmlRefused("<script>var a;<img src=\"file:///etc/passwd\">", "file:///etc/passwd");
  }

  @Test
  void htmlIsSniffedWhateverItsName() throws IOException {
    Path named = write(directory, "page.txt", bytes("\uFEFF  <!-- saved page -->\n<HTML><body><img src=\"http://example.com/x.png\"></body></HTML>"));
    assertRefused(() -> inspect(named), "http://example.com/x.png");
  }

  private void assertHtmlRefused(String body, String link) throws IOException {
    Path html = write(directory, "unsafe.html", bytes("<html><body>" + body + "</body></html>"));
    assertRefused(() -> inspect(html), link);
  }

  // ---- zipped sites ----

  @Test
  void sitePagesMayLinkAnywhereInsideTheSite() throws IOException {
    Path site = Files.createDirectories(directory.resolve("site"));
    Path page = write(Files.createDirectories(site.resolve("pages")), "index.html", bytes(
        "<html><head><link rel=stylesheet href=\"../css/site.css\"></head><body><img src=\"../img/dot.png\"></body></html>"));
    write(Files.createDirectories(site.resolve("css")), "site.css", bytes("body { background: url(../img/bg.png) }"));
    PreloadCheck.inspectSitePage(page, site);
  }

  @Test
  void sitePagesMustNotLeaveTheSite() throws IOException {
    Path site = Files.createDirectories(directory.resolve("site"));
    Path top = write(site, "index.html", bytes("<html><body><img src=\"../secret.png\"></body></html>"));
    assertRefused(() -> PreloadCheck.inspectSitePage(top, site), "../secret.png");
    Path deep = write(Files.createDirectories(site.resolve("a")), "page.html", bytes("<html><body><img src=\"../../secret.png\"></body></html>"));
    assertRefused(() -> PreloadCheck.inspectSitePage(deep, site), "../../secret.png");
  }

  @Test
  void theSitesStyleSheetsAreFollowed() throws IOException {
    Path site = Files.createDirectories(directory.resolve("site"));
    Path page = write(site, "index.html", bytes("<html><head><link rel=\"stylesheet\" href=\"css/a.css?v=2\"></head></html>"));
    write(Files.createDirectories(site.resolve("css")), "a.css", bytes("@import url(\"b.css\");"));
    write(site.resolve("css"), "b.css", bytes("p { background: url(../../outside.png) }"));
    assertRefused(() -> PreloadCheck.inspectSitePage(page, site), "../../outside.png");
  }

  // ---- helpers ----

  /** Inspects a file declared in the format its name ends with, as a client would send it. */
  private static PreloadVerdict inspect(Path document) throws IOException {
    String name = document.getFileName().toString();
    return PreloadCheck.inspect(document, name.substring(name.lastIndexOf('.') + 1), MAX_EXPANDED);
  }

  static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(ThrowingCallable call, String link) {
    return assertThatThrownBy(call)
        .isInstanceOf(CloudoooException.class)
        .hasMessage("This document contains unsafe links " + link + " (embedded objects and images must be inside the document)")
        .satisfies(e -> assertThat(((CloudoooException) e).kind().wireName()).isEqualTo("RuntimeError"));
  }
}
