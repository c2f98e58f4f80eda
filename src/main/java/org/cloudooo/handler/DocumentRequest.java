package org.cloudooo.handler;

import java.nio.file.Path;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * A document given to a metadata call.
 *
 * @param jobDirectory a fresh directory owned by this request, deleted after the answer was sent
 * @param document the client's document; read it, never change it
 * @param sourceFormat its extension as the client gave it
 * @param options the client's {@code conversion_kw} of the call (a password, for protected documents)
 */
public record DocumentRequest(Path jobDirectory, Path document, String sourceFormat, Map<String, Object> options) {

  public DocumentRequest {
    options = Map.copyOf(options);
  }

  /** A document given without options. */
  public DocumentRequest(Path jobDirectory, Path document, String sourceFormat) {
    this(jobDirectory, document, sourceFormat, Map.of());
  }

  /**
   * The metadata, plus {@code Data} = this document when {@code baseDocument}: for handlers
   * whose documents are already in their native format.
   */
  public Map<String, Object> withSelfAsBaseDocument(Map<String, Object> metadata, boolean baseDocument) {
    Map<String, Object> all = new LinkedHashMap<>(metadata);
    if (baseDocument) {
      all.put(MetadataKeys.DATA, document);
    }
    return all;
  }
}
