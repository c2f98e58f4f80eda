package org.cloudooo.handler.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OfficePureLogicTest {

  @Test
  void csvSeparatorIsSniffed() {
    assertThat(CsvDialect.separatorOf("a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(',');
    assertThat(CsvDialect.separatorOf("a;b;c\n1;2;3\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(';');
    assertThat(CsvDialect.separatorOf("a\tb\n1\t2\n".getBytes(StandardCharsets.UTF_8))).isEqualTo('\t');
    assertThat(CsvDialect.separatorOf("\"x,y\";b\n\"1,5\";2\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(';');
    assertThat(CsvDialect.separatorOf(new byte[0])).isEqualTo(',');
  }

  @Test
  void nonUtf8CsvIsReadAsLatin9() {
    byte[] latin9 = "1€".getBytes(Charset.forName("ISO-8859-15"));
    assertThat(new String(InputStaging.toUtf8(latin9), StandardCharsets.UTF_8)).isEqualTo("1€");
    byte[] utf8 = "Zoë".getBytes(StandardCharsets.UTF_8);
    assertThat(InputStaging.toUtf8(utf8)).isSameAs(utf8);
  }

  @Test
  void onlyLinksInsideTheDocumentAreSafe() {
    assertThat(UnsafeLinks.isSafe("Pictures/1000.png")).isTrue();
    assertThat(UnsafeLinks.isSafe("./Object 1")).isTrue();
    assertThat(UnsafeLinks.isSafe("data:image/png;base64,AAAA")).isTrue();
    assertThat(UnsafeLinks.isSafe("file:///etc/passwd")).isFalse();
    assertThat(UnsafeLinks.isSafe("http://example.com/file.gif")).isFalse();
    assertThat(UnsafeLinks.isSafe("/etc/passwd")).isFalse();
    assertThat(UnsafeLinks.isSafe("../../../etc/passwd")).isFalse();
    assertThat(UnsafeLinks.isSafe("a/../../x")).isFalse();
    assertThat(UnsafeLinks.isSafe("vnd.sun.star.expand:$HOME")).isFalse();
  }

  @Test
  void documentTypeShortNames() {
    assertThat(OfficeFormats.shortName("com.sun.star.text.TextDocument")).isEqualTo("text");
    assertThat(OfficeFormats.shortName("com.sun.star.sheet.SpreadsheetDocument")).isEqualTo("spreadsheet");
    assertThat(OfficeFormats.shortName("com.sun.star.sdb.OfficeDatabaseDocument")).isEqualTo("officedatabase");
  }

  @Test
  void declarativeTablesLoad() {
    OfficeTables tables = OfficeTables.load();
    assertThat(tables.extensionByUiName()).containsEntry("Word 2007–365", "ms.docx");
    assertThat(tables.filterDataFor("writer_pdf_Export")).containsEntry("SelectPdfVersion", 1);
    assertThat(tables.filterDataFor("impress_pdf_Export")).containsEntry("ExportNotesPages", true);
    assertThat(tables.nativeFormats().get("com.sun.star.text.TextDocument").filter()).isEqualTo("writer8");
  }
}
