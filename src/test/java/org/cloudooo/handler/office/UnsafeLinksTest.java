package org.cloudooo.handler.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.cloudooo.handler.office.PreloadCheckTest.assertRefused;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UnsafeLinksTest {

  private static final Path TESTS_DATA = Path.of("tests-data");

  @Test
  void aSitePageScopeAllowsClimbingOnlyToTheSiteRoot() {
    LinkScope page = new LinkScope("pages/news/");
    assertThat(page.allows("../../img/a.png")).isTrue();
    assertThat(page.allows("../../../a.png")).isFalse();
    assertThat(page.allows("  ../../../a.png")).isFalse();
    assertThat(page.allows("http://example.com/a.png")).isFalse();
    assertThat(page.enter("../css/site.css?v=1/2").base()).isEqualTo("pages/news/../css/");
    assertThat(LinkScope.DOCUMENT.allows("../a.png")).isFalse();
  }

  @Test
  void srcsetCandidatesAreTheFirstWordOfEach() {
    assertThat(HtmlLinks.srcsetCandidates("a.png, b.png 2x,c.png 300w , data:image/png;base64,AA,BB 1x"))
        .containsExactly("a.png", "b.png", "c.png", "data:image/png;base64,AA,BB");
  }

  @Test
  void wordFieldsAreJudgedByTheirTargets() {
    assertThatCode(() -> WordFields.check(" PAGE \\* MERGEFORMAT ")).doesNotThrowAnyException();
    assertThatCode(() -> WordFields.check("HYPERLINK \"http://example.com/\"")).doesNotThrowAnyException();
    assertThatCode(() -> WordFields.check("INCLUDEPICTURE \"media/a.png\" \\d")).doesNotThrowAnyException();
    assertRefused(() -> WordFields.check("includetext \"\\\\\\\\server\\\\share\\\\a.docx\""), "\\\\server\\share\\a.docx");
    assertRefused(() -> WordFields.check("LINK Excel.Sheet.8 \"C:\\\\data.xls\" \"Sheet1!R1C1\" \\a"), "C:\\data.xls");
    assertRefused(() -> WordFields.check("IMPORT /etc/passwd"), "/etc/passwd");
    assertRefused(() -> WordFields.check("DDE Excel \"C:\\\\a.xls\" \"R1C1\""), "dde:Excel|C:\\a.xls|R1C1");
  }

  @Test
  void ooxmlRelationshipsBelongToTheirSourcePart() {
    assertThat(OoxmlRelationships.sourcePartOf("word/_rels/document.xml.rels")).isEqualTo("word/document.xml");
    assertThat(OoxmlRelationships.sourcePartOf("ppt/slides/_rels/slide1.xml.rels")).isEqualTo("ppt/slides/slide1.xml");
    assertThat(OoxmlRelationships.sourcePartOf("_rels/.rels")).isEqualTo("");
  }
}
