package org.cloudooo.handler.pdf;

import java.time.Duration;
import org.cloudooo.config.SettingsReader;

/**
 * How PDF documents are read (in this JVM, with PDFBox).
 *
 * @param poolSize how many PDFs are read at once ({@code pdf_pool_size})
 * @param timeout how long reading one may take ({@code pdf_timeout}; the bundled configuration
 *     sets it to {@code timeout_response}, which the pdf handler used before it had its own key)
 */
public record PdfSettings(int poolSize, Duration timeout) {

  public static final int DEFAULT_POOL_SIZE = 2;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);

  public static PdfSettings from(SettingsReader keys) {
    return new PdfSettings(
        keys.integer("pdf_pool_size", 1, 64, DEFAULT_POOL_SIZE),
        keys.positiveSeconds("pdf_timeout", DEFAULT_TIMEOUT));
  }
}
