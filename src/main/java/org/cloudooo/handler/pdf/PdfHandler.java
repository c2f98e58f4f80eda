package org.cloudooo.handler.pdf;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.cloudooo.format.MediaTypes;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.cloudooo.handler.ConversionRequest;
import org.cloudooo.handler.DocumentRequest;
import org.cloudooo.format.FormatEntry;
import org.cloudooo.handler.Handler;

/**
 * PDF documents without LibreOffice: text extraction (the original's {@code pdftotext}),
 * metadata as {@code pdfinfo} reports it (lower-cased keys) and Info-dictionary updates.
 * Work runs on a small pool of its own, bounded by {@code timeout_response}.
 */
final class PdfHandler implements Handler {

  static final String NAME = "pdf";
  private static final List<FormatEntry> TEXT = List.of(new FormatEntry("text/plain", "Plain Text"));

  private final Duration timeout;
  private final ExecutorService workers;

  PdfHandler(Duration timeout) {
    this.timeout = timeout;
    this.workers = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), runnable -> {
      Thread thread = new Thread(runnable, "pdf-handler");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Always plain text, whatever the destination, as the original's pdftotext. */
  @Override
  public Path convert(ConversionRequest request) {
    return withDocument(request.document(), document -> {
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
    return withDocument(document.document(), pdf -> PdfInfo.read(pdf, Files.size(document.document())));
  }

  @Override
  public Path setMetadata(DocumentRequest document, Map<String, Object> metadata) {
    return withDocument(document.document(), pdf -> {
      if (pdf.isEncrypted()) {
        throw CloudoooException.badInput("This PDF is encrypted: its metadata cannot be changed without its password");
      }
      PdfInfo.write(pdf, metadata);
      Path updated = document.jobDirectory().resolve("document.pdf");
      pdf.save(updated.toFile());
      return updated;
    });
  }

  @Override
  public List<FormatEntry> allowedConversionFormats(String sourceMimetypeOrExtension) {
    String source = MediaTypes.bareType(sourceMimetypeOrExtension);
    return source.equals("application/pdf") || source.equals("pdf") ? TEXT : List.of();
  }

  private interface PdfWork<T> {
    T apply(PDDocument document) throws IOException;
  }

  private <T> T withDocument(Path file, PdfWork<T> work) {
    Future<T> result = workers.submit(() -> {
      try (PDDocument document = Loader.loadPDF(file.toFile())) {
        return work.apply(document);
      }
    });
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      throw new CloudoooException(ErrorKind.TIMEOUT_ERROR, "reading this PDF took longer than timeout_response ("
          + timeout.toSeconds() + " s)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CloudoooException.failed("interrupted while reading the PDF", e);
    } catch (ExecutionException e) {
      throw asClientError(e.getCause());
    }
  }

  private static CloudoooException asClientError(Throwable cause) {
    if (cause instanceof CloudoooException client) {
      return client;
    }
    if (cause instanceof InvalidPasswordException) {
      return CloudoooException.badInput("This PDF is encrypted with a password: it cannot be read");
    }
    if (cause instanceof IOException) {
      return CloudoooException.badInput("This document is not a readable PDF: " + cause.getMessage());
    }
    return CloudoooException.failed("the PDF could not be processed: " + cause, cause);
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
