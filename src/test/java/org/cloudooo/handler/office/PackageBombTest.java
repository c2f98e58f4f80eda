package org.cloudooo.handler.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cloudooo.handler.office.TestPackages.bytes;
import static org.cloudooo.handler.office.TestPackages.docx;
import static org.cloudooo.handler.office.TestPackages.relationship;
import static org.cloudooo.handler.office.TestPackages.relationships;
import static org.cloudooo.handler.office.TestPackages.wordDocument;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cloudooo.core.CloudoooException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageBombTest {

  private static final long MIB = 1L << 20;
  private static final String PARAGRAPH =
      "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr><w:r><w:t>The quick brown fox jumps over the lazy dog.</w:t></w:r></w:p>";

  @TempDir Path directory;

  @Test
  void aPackageExpandingPastTheLimitIsRefused() throws IOException {
    Path docx = TestPackages.writeZip(directory, "large.docx", docx(randomParagraphs(3 * MIB), ""));
    assertThatThrownBy(() -> PreloadCheck.inspect(docx, "docx", 2 * MIB))
        .isInstanceOf(CloudoooException.class)
        .hasMessageStartingWith("This document expands to more than 2 MiB when unpacked (max_expanded_size)")
        .satisfies(e -> assertThat(((CloudoooException) e).kind().wireName()).isEqualTo("ValueError"));
    assertThat(PreloadCheck.inspect(docx, "docx", 4 * MIB)).isEqualTo(PreloadVerdict.CHECKED);
  }

  @Test
  void sizesTheZipUnderstatesAreCountedWhileInflating() throws IOException {
    Path docx = Files.write(directory.resolve("lying.docx"), understateSizes(TestPackages.zip(docx(randomParagraphs(3 * MIB), ""))));
    assertThatThrownBy(() -> PreloadCheck.inspect(docx, "docx", 2 * MIB))
        .isInstanceOf(CloudoooException.class)
        .hasMessageStartingWith("This document expands to more than 2 MiB when unpacked (max_expanded_size)");
  }

  @Test
  void aDenseMemberIsRefusedWellUnderASecond() throws IOException {
    // The measured case: 167 KB of docx whose word/document.xml inflates to 150 MB.
    Path bomb = denseDocx(directory.resolve("bomb.docx"), 150_000_000);
    assertThat(Files.size(bomb)).isLessThan(400_000);
    long start = System.nanoTime();
    assertThatThrownBy(() -> PreloadCheck.inspect(bomb, "docx", 1024 * MIB))
        .isInstanceOf(CloudoooException.class)
        .hasMessageStartingWith("This document is refused as a decompression bomb: its part word/document.xml expands more than 500 times");
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("150 MB bomb refused in " + millis + " ms");
    assertThat(millis).isLessThan(1000);
  }

  @Test
  void aDenseMemberIsRefusedEvenWhenTheZipUnderstatesItsSize() throws IOException {
    Path honest = denseDocx(directory.resolve("bomb.docx"), 150_000_000);
    Path lying = Files.write(directory.resolve("lying.docx"), understateSizes(Files.readAllBytes(honest)));
    long start = System.nanoTime();
    assertThatThrownBy(() -> PreloadCheck.inspect(lying, "docx", 1024 * MIB))
        .isInstanceOf(CloudoooException.class)
        .hasMessageContaining("decompression bomb: its part word/document.xml");
    System.out.println("150 MB bomb with understated sizes refused in " + (System.nanoTime() - start) / 1_000_000 + " ms");
  }

  @Test
  void aLargeRepetitiveSpreadsheetPasses() throws IOException {
    StringBuilder rows = new StringBuilder();
    for (int row = 1; row <= 100_000; row++) {
      rows.append("<row r=\"").append(row).append("\"><c r=\"A").append(row).append("\" s=\"1\"><v>0</v></c><c r=\"B")
          .append(row).append("\" s=\"1\"><v>0</v></c><c r=\"C").append(row).append("\" t=\"s\"><v>3</v></c></row>");
    }
    Map<String, byte[]> xlsx = new LinkedHashMap<>();
    xlsx.put("[Content_Types].xml", bytes("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"));
    xlsx.put("xl/_rels/workbook.xml.rels", bytes(relationships(relationship("rId1", "worksheet", "worksheets/sheet1.xml", false))));
    xlsx.put("xl/worksheets/sheet1.xml", bytes(
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + rows + "</sheetData></worksheet>"));
    Path sheet = TestPackages.writeZip(directory, "large.xlsx", xlsx);
    System.out.printf("repetitive sheet: %d MB packed at %d:1%n", xlsx.get("xl/worksheets/sheet1.xml").length / 1_000_000,
        xlsx.get("xl/worksheets/sheet1.xml").length / Files.size(sheet));
    assertThat(PreloadCheck.inspect(sheet, "docx", 64 * MIB)).isEqualTo(PreloadVerdict.CHECKED);
  }

  @Test
  void aParagraphPastedThirtyThousandTimesPasses() throws IOException {
    Path pasted = TestPackages.writeZip(directory, "pasted.docx", docx(PARAGRAPH.repeat(30_000), ""));
    long expanded = PARAGRAPH.length() * 30_000L;
    System.out.printf("pasted paragraphs: %.1f MB packed at %d:1%n", expanded / 1e6, expanded / Files.size(pasted));
    assertThat(PreloadCheck.inspect(pasted, "docx", 64 * MIB)).isEqualTo(PreloadVerdict.CHECKED);
  }

  @Test
  void twoMembersWithOneNameAreRefused() throws IOException {
    Map<String, byte[]> members = docx("<w:p/>", "");
    members.put("word/document.xmk", bytes(wordDocument("<w:p/>")));
    byte[] zip = TestPackages.zip(members);
    renameAll(zip, "word/document.xmk", "word/document.xml");
    Path twice = Files.write(directory.resolve("twice.docx"), zip);
    assertThatThrownBy(() -> PreloadCheck.inspect(twice, "docx", 64 * MIB))
        .isInstanceOf(CloudoooException.class)
        .hasMessageContaining("two parts named word/document.xml");
  }

  @Test
  void zipsOfOtherKindsAreRefusedAsBombsToo() throws IOException {
    Path zip = directory.resolve("other.sxw");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("content.xml"));
      writeRepeated(out, new byte[64 * 1024], 50_000_000);
    }
    assertThatThrownBy(() -> PreloadCheck.inspect(zip, "docx", 1024 * MIB))
        .isInstanceOf(CloudoooException.class)
        .hasMessageContaining("decompression bomb");
  }

  private static Path denseDocx(Path file, long documentBytes) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, byte[]> member : docx("", "").entrySet()) {
        if (!member.getKey().equals("word/document.xml")) {
          out.putNextEntry(new ZipEntry(member.getKey()));
          out.write(member.getValue());
        }
      }
      out.putNextEntry(new ZipEntry("word/document.xml"));
      out.write(bytes(wordDocument("<w:p><w:r><w:t>")));
      writeRepeated(out, bytes(" ".repeat(64 * 1024)), documentBytes);
      out.write(bytes("</w:t></w:r></w:p></w:body></w:document>"));
    }
    return file;
  }

  private static void writeRepeated(OutputStream out, byte[] chunk, long total) throws IOException {
    for (long written = 0; written < total; written += chunk.length) {
      out.write(chunk);
    }
  }

  private static String randomParagraphs(long size) {
    Random random = new Random(42);
    String[] words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor".split(" ");
    StringBuilder text = new StringBuilder();
    while (text.length() < size) {
      text.append("<w:p><w:r><w:t>");
      for (int i = 0; i < 12; i++) {
        text.append(words[random.nextInt(words.length)]).append(random.nextInt(1000)).append(' ');
      }
      text.append("</w:t></w:r></w:p>");
    }
    return text.toString();
  }

  /** Sets every member's uncompressed size in the central directory to 1000 bytes. */
  private static byte[] understateSizes(byte[] zip) {
    ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + 46 <= zip.length; i++) {
      if (buffer.getInt(i) == 0x02014b50) {
        buffer.putInt(i + 24, 1000);
      }
    }
    return zip;
  }

  private static void renameAll(byte[] zip, String from, String to) {
    byte[] pattern = bytes(from);
    for (int i = 0; i + pattern.length <= zip.length; i++) {
      if (java.util.Arrays.equals(zip, i, i + pattern.length, pattern, 0, pattern.length)) {
        System.arraycopy(bytes(to), 0, zip, i, pattern.length);
      }
    }
  }
}
