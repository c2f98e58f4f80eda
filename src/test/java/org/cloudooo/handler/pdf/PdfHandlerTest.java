package org.cloudooo.handler.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.cloudooo.config.ConfigLoader;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.cloudooo.format.MediaTypes;
import org.cloudooo.handler.ConversionRequest;
import org.cloudooo.handler.DocumentRequest;
import org.cloudooo.handler.Handler;
import org.cloudooo.handler.HandlerContext;
import org.cloudooo.supervision.PoolListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pdf handler on PDFs made here: text, Info metadata read and written, encrypted refused, its pool. */
class PdfHandlerTest {

  @TempDir Path job;
  private Handler handler;

  @BeforeEach
  void start() {
    var config = ConfigLoader.withOverrides(Map.of("pdf_pool_size", 1, "working_path", job.resolve("work").toString()));
    handler = new PdfHandlerProvider().start(new HandlerContext(config, CompletableFuture.completedFuture(MediaTypes.standard()), PoolListener.NONE));
  }

  @AfterEach
  void stop() {
    handler.close();
  }

  private Path pdf(String text, boolean encrypted) throws Exception {
    Path file = job.resolve(encrypted ? "locked.pdf" : "doc.pdf");
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage();
      document.addPage(page);
      try (var content = new PDPageContentStream(document, page)) {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        content.newLineAtOffset(72, 700);
        content.showText(text);
        content.endText();
      }
      document.getDocumentInformation().setTitle("Quarterly report");
      if (encrypted) {
        document.protect(new StandardProtectionPolicy("owner", "secret", new AccessPermission()));
      }
      document.save(file.toFile());
    }
    return file;
  }

  @Test
  void convertsToItsText() throws Exception {
    Path text = handler.convert(new ConversionRequest(job, pdf("Hello PDF", false), "pdf", Optional.of("txt"), false, false, Map.of()));
    assertThat(Files.readString(text).strip()).isEqualTo("Hello PDF");
  }

  @Test
  void readsAndWritesTheInfoDictionary() throws Exception {
    Path document = pdf("Hello", false);
    assertThat(handler.getMetadata(new DocumentRequest(job, document, "pdf"), false))
        .containsEntry("title", "Quarterly report").containsEntry("pages", "1");
    Path updated = handler.setMetadata(new DocumentRequest(job, document, "pdf"), Map.of("Title", "Annual report"));
    try (PDDocument reread = Loader.loadPDF(updated.toFile())) {
      assertThat(reread.getDocumentInformation().getTitle()).isEqualTo("Annual report");
    }
  }

  @Test
  void anEncryptedOrDamagedPdfIsABadDocument() throws Exception {
    Path locked = pdf("Secret", true);
    assertThatThrownBy(() -> handler.getMetadata(new DocumentRequest(job, locked, "pdf"), false))
        .isInstanceOfSatisfying(CloudoooException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.PASSWORD_REQUIRED))
        .hasMessageContaining("conversion_kw['password']");
    Path damaged = Files.writeString(job.resolve("damaged.pdf"), "%PDF-1.4 nothing else");
    assertThatThrownBy(() -> handler.getMetadata(new DocumentRequest(job, damaged, "pdf"), false))
        .hasMessageContaining("not a readable PDF");
  }

  @Test
  void aProtectedPdfOpensWithItsPasswordOnly() throws Exception {
    Path locked = pdf("Secret text", true);
    Path text = handler.convert(
        new ConversionRequest(job, locked, "pdf", Optional.of("txt"), false, false, Map.of("password", "secret")));
    assertThat(Files.readString(text)).contains("Secret text");
    assertThatThrownBy(() -> handler.convert(
            new ConversionRequest(job, locked, "pdf", Optional.of("txt"), false, false, Map.of("password", "guess"))))
        .isInstanceOfSatisfying(CloudoooException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.WRONG_PASSWORD));
    assertThatThrownBy(() -> handler.convert(
            new ConversionRequest(job, locked, "pdf", Optional.of("txt"), false, false, Map.of("page", 1))))
        .hasMessageContaining("conversion_kw['page'] does not apply to the pdf handler; keys for the pdf handler: password");
    assertThat(handler.getMetadata(new DocumentRequest(job, locked, "pdf", Map.of("password", "secret")), false)).containsKey("pages");
  }

  @Test
  void itsPoolIsReported() {
    assertThat(handler.pools()).singleElement().satisfies(pool -> {
      assertThat(pool.name()).isEqualTo("pdf");
      assertThat(pool.size()).isEqualTo(1);
      assertThat(pool.free()).isEqualTo(1);
    });
  }
}
