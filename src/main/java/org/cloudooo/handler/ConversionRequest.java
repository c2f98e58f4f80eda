package org.cloudooo.handler;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code convertFile} call as a handler sees it.
 *
 * @param jobDirectory a fresh directory owned by this request, deleted after it
 * @param data the document's bytes
 * @param sourceFormat the source extension as the client gave it ({@code docx}, {@code ms.docx})
 * @param destinationFormat the target extension; empty for the document's native format
 * @param zip whether to return a zip of the output and its side files
 * @param refresh whether to update fields, links and charts before export
 * @param options the client's {@code conversion_kw}
 */
public record ConversionRequest(
    Path jobDirectory,
    byte[] data,
    String sourceFormat,
    Optional<String> destinationFormat,
    boolean zip,
    boolean refresh,
    Map<String, Object> options) {

  public ConversionRequest {
    options = Map.copyOf(options);
  }
}
