package org.cloudooo.handler;

import org.cloudooo.core.CloudoooException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code convertFile} call as a handler sees it.
 *
 * @param jobDirectory a fresh directory owned by this request, deleted after the answer was sent
 * @param document the client's document; read it, never change it
 * @param sourceFormat the source extension as the client gave it ({@code docx}, {@code ms.docx})
 * @param destinationFormat the target extension; empty for the document's native format
 * @param zip whether to return a zip of the output and its side files
 * @param refresh whether to update fields, links and charts before export
 * @param options the client's {@code conversion_kw}
 */
public record ConversionRequest(
    Path jobDirectory,
    Path document,
    String sourceFormat,
    Optional<String> destinationFormat,
    boolean zip,
    boolean refresh,
    Map<String, Object> options) {

  public ConversionRequest {
    options = Map.copyOf(options);
  }

  /** Refuses any {@code conversion_kw}, for handlers that take none. */
  public void requireNoOptions(String handlerName) {
    if (!options.isEmpty()) {
      throw CloudoooException.badInput(
          "conversion_kw key '" + options.keySet().iterator().next() + "' is not supported: the " + handlerName + " handler takes none");
    }
  }

  /**
   * The destination extension, for handlers that have no native format to fall back on; a
   * fault listing the allowed targets when there is none.
   */
  public String requireDestination(String handlerName, List<String> allowedTargets) {
    return destinationFormat.orElseThrow(() -> CloudoooException.unsupported(
        "the " + handlerName + " handler needs a destination format; allowed: " + String.join(", ", allowedTargets)));
  }

  /** The fault for a destination this handler cannot produce from this source. */
  public CloudoooException unsupportedDestination(List<String> allowedTargets) {
    return CloudoooException.unsupported(
        "cannot convert " + sourceFormat + " to '" + destinationFormat.orElse("") + "'; allowed targets: "
            + String.join(", ", allowedTargets));
  }
}
