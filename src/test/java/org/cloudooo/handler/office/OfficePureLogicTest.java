package org.cloudooo.handler.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void nonUtf8CsvIsReadAsLatin9(@TempDir Path directory) throws IOException {
    Path latin9 = Files.write(directory.resolve("latin9.csv"), "1€".getBytes(Charset.forName("ISO-8859-15")));
    InputStaging.copyAsUtf8(latin9, directory.resolve("latin9-as-utf8.csv"));
    assertThat(directory.resolve("latin9-as-utf8.csv")).hasContent("1€");
    Path utf8 = Files.write(directory.resolve("utf8.csv"), "Zoë".getBytes(StandardCharsets.UTF_8));
    InputStaging.copyAsUtf8(utf8, directory.resolve("utf8-copy.csv"));
    assertThat(directory.resolve("utf8-copy.csv")).hasSameBinaryContentAs(utf8);
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
