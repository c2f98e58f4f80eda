package org.cloudooo.handler.pdf;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.cloudooo.format.MediaTypes;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.cloudooo.handler.ConversionOptions;
import org.cloudooo.handler.ConversionRequest;
import org.cloudooo.handler.DocumentRequest;
import org.cloudooo.format.FormatEntry;
import org.cloudooo.handler.Handler;
import org.cloudooo.supervision.BackendFailure;
import org.cloudooo.supervision.PoolStatus;
import org.cloudooo.supervision.RetryPolicy;
import org.cloudooo.supervision.ThreadWorker;
import org.cloudooo.supervision.WorkerPool;

/**
 * PDF documents without LibreOffice: text extraction (the original's {@code pdftotext}),
 * metadata as {@code pdfinfo} reports it (lower-cased keys) and Info-dictionary updates.
 * Work runs on a pool of its own ({@code pdf_pool_size} threads), each reading bounded by
 * {@code pdf_timeout}; a reading that times out is abandoned and tried once more.
 */
final class PdfHandler implements Handler {

  static final String NAME = "pdf";
  private static final String PASSWORD = "password";
  private static final List<FormatEntry> TEXT = List.of(new FormatEntry("text/plain", "Plain Text"));

  private final WorkerPool<ThreadWorker> pool;
  private final Duration timeout;

  PdfHandler(WorkerPool<ThreadWorker> pool, PdfSettings settings) {
    this.pool = pool;
    this.timeout = settings.timeout();
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Always plain text, whatever the destination, as the original's pdftotext. */
  @Override
  public Path convert(ConversionRequest request) {
    return withDocument(request.document(), password(request.options()), document -> {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setLineSeparator("\n");
      Path text = request.jobDirectory().resolve("document.txt");
      try (Writer out = Files.newBufferedWriter(text, StandardCharsets.UTF_8)) {
        stripper.writeText(document, out);
      }
      return text;
    });
  }

  @Override
  public Map<String, Object> getMetadata(DocumentRequest document, boolean baseDocument) {
    return withDocument(document.document(), password(document.options()), pdf -> PdfInfo.read(pdf, Files.size(document.document())));
  }

  @Override
  public Path setMetadata(DocumentRequest document, Map<String, Object> metadata) {
    return withDocument(document.document(), password(document.options()), pdf -> {
      if (pdf.isEncrypted()) {
        throw CloudoooException.badInput("This PDF is encrypted: its metadata cannot be changed without its password");
      }
      PdfInfo.write(pdf, metadata);
      Path updated = document.jobDirectory().resolve("document.pdf");
      pdf.save(updated.toFile());
      return updated;
    });
  }

  /** The only option this handler takes: the password of a protected PDF. */
  private static Optional<String> password(Map<String, Object> raw) {
    var options = new ConversionOptions(raw);
    options.requireOnly(Set.of(PASSWORD), "the pdf handler");
    return options.text(PASSWORD);
  }

  @Override
  public List<FormatEntry> allowedConversionFormats(String sourceMimetypeOrExtension) {
    String source = MediaTypes.bareType(sourceMimetypeOrExtension);
    return source.equals("application/pdf") || source.equals("pdf") ? TEXT : List.of();
  }

  private interface PdfWork<T> {
    T apply(PDDocument document) throws IOException;
  }

  /** @param password the user password of a protected PDF */
  private <T> T withDocument(Path file, Optional<String> password, PdfWork<T> work) {
    try {
      return pool.run(worker -> worker.call(() -> {
        try (PDDocument document = Loader.loadPDF(file.toFile(), password.orElse(""))) {
          return work.apply(document);
        }
      }, "reading this PDF", timeout, "pdf_timeout"), RetryPolicy.RESUBMIT_ONCE);
    } catch (BackendFailure e) {
      throw e.asFault();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CloudoooException.failed("interrupted while reading the PDF", e);
    } catch (Exception e) {
      throw asClientError(e, password.isPresent());
    }
  }

  private static CloudoooException asClientError(Throwable cause, boolean passwordGiven) {
    if (cause instanceof CloudoooException client) {
      return client;
    }
    if (cause instanceof InvalidPasswordException) {
      return passwordGiven
          ? new CloudoooException(ErrorKind.WRONG_PASSWORD,
              "The password given in conversion_kw['password'] does not open this PDF; check it and send it again")
          : new CloudoooException(ErrorKind.PASSWORD_REQUIRED,
              "This PDF is protected by a password: send it as conversion_kw['password']");
    }
    if (cause instanceof IOException) {
      return CloudoooException.badInput("This document is not a readable PDF: " + cause.getMessage());
    }
    return CloudoooException.failed("the PDF could not be processed: " + cause, cause);
  }

  @Override
  public List<PoolStatus> pools() {
    return List.of(pool.status());
  }

  @Override
  public void close() {
    pool.close();
  }
}
