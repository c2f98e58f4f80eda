package org.cloudooo.handler.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Protected documents are told apart before LibreOffice sees them (tests-data/make-protected.py made them). */
class EncryptedDocumentsTest {

  @Test
  void protectedOdfWordAndExcelFilesNeedAPassword() throws IOException {
    for (String name : new String[] {"protected.odt", "protected.doc", "protected.xls"}) {
      assertThat(EncryptedDocuments.needsPassword(Path.of("tests-data", name))).as(name).isTrue();
    }
  }

  @Test
  void ordinaryAndDamagedFilesDoNot() throws IOException {
    for (String name : new String[] {"hello.odt", "hello.doc", "hello.docx", "sheet.xlsx", "slides.pptx", "linked_image.xls",
        "linked_image.ppt", "hello.pdf", "garbage.doc", "truncated.odt", "hello.fodt"}) {
      assertThat(EncryptedDocuments.needsPassword(Path.of("tests-data", name))).as(name).isFalse();
    }
  }
}
