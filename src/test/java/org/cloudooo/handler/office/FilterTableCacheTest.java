package org.cloudooo.handler.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filter tables kept between starts come back as UNO gave them, and only under their stamp. */
class FilterTableCacheTest {

  @TempDir Path office;

  private static final TemplateStamp STAMP = new TemplateStamp("layout 1\nbuild 7.4.7\n");

  @Test
  void keptTablesComeBackWithUnosTypes() {
    FilterTables tables = tables();
    new FilterTableCache(office, STAMP).write(tables);

    FilterTables read = new FilterTableCache(office, STAMP).read().orElseThrow();
    assertThat(read.filters()).containsOnlyKeys("writer_pdf_Export");
    Map<String, Object> filter = read.filters().get("writer_pdf_Export");
    assertThat(filter.get("Flags")).isEqualTo(66);
    assertThat(filter.get("Type")).isEqualTo("pdf_Portable_Document_Format");
    Map<String, Object> type = read.types().get("pdf_Portable_Document_Format");
    assertThat((String[]) type.get("Extensions")).containsExactly("pdf");
    assertThat(type.get("Preferred")).isEqualTo(Boolean.TRUE);
  }

  @Test
  void anotherStampsTablesAreNotUsedAndGoWhenTheNewOnesAreKept() throws Exception {
    var old = new FilterTableCache(office, new TemplateStamp("layout 1\nbuild 7.3\n"));
    old.write(tables());
    var current = new FilterTableCache(office, STAMP);
    assertThat(current.read()).isEmpty();

    current.write(tables());
    assertThat(old.file()).doesNotExist();
    assertThat(current.read()).isPresent();
  }

  @Test
  void emptyTablesAreNotKept() {
    var cache = new FilterTableCache(office, STAMP);
    cache.write(new FilterTables(Map.of(), Map.of()));
    assertThat(cache.file()).doesNotExist();
  }

  @Test
  void aFileThatKeptOtherPropertiesIsReadAgain() throws Exception {
    var cache = new FilterTableCache(office, STAMP);
    cache.write(tables());
    Files.writeString(cache.file(), Files.readString(cache.file()).replace("\"properties\":\"filters [", "\"properties\":\"filters [Old, "));
    assertThat(cache.read()).isEmpty();
  }

  @Test
  void anUnreadableFileIsReadAgainFromLibreOffice() throws Exception {
    var cache = new FilterTableCache(office, STAMP);
    Files.writeString(cache.file(), "{\"stamp\": ");
    assertThat(cache.read()).isEmpty();
  }

  private static FilterTables tables() {
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("Type", "pdf_Portable_Document_Format");
    filter.put("DocumentService", "com.sun.star.text.TextDocument");
    filter.put("Flags", 66);
    Map<String, Object> type = new LinkedHashMap<>();
    type.put("Extensions", new String[] {"pdf"});
    type.put("MediaType", "application/pdf");
    type.put("Preferred", true);
    return new FilterTables(Map.of("writer_pdf_Export", filter), Map.of("pdf_Portable_Document_Format", type));
  }
}
