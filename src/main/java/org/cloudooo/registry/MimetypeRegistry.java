package org.cloudooo.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cloudooo.format.MediaTypes;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.cloudooo.format.FormatEntry;
import org.cloudooo.handler.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the handler of a request from the {@code mimetype_registry} lines, as the original
 * does: extensions become mimetypes through the exact extension table (an unknown extension
 * becomes the literal {@code *}), and the first line whose patterns match wins.
 */
public final class MimetypeRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(MimetypeRegistry.class);
  private static final String UNKNOWN = "*";

  private final List<RegistryRule> rules;
  private final Map<String, Handler> handlersByName;
  private final MediaTypes mediaTypes;
  /** Handlers chosen so far; faults are not remembered. */
  private final Map<Types, Handler> chosen = new ConcurrentHashMap<>();

  /**
   * @param lines the configured lines, in order
   * @param handlersByName the handlers that started; lines naming another handler are passed
   *     over (a fault names them when no other line matches)
   */
  public MimetypeRegistry(List<String> lines, Map<String, Handler> handlersByName, MediaTypes mediaTypes) {
    this.rules = lines.stream().map(RegistryRule::parse).toList();
    this.handlersByName = Map.copyOf(handlersByName);
    this.mediaTypes = mediaTypes;
    rules.stream()
        .map(RegistryRule::handlerName)
        .filter(name -> !handlersByName.containsKey(name))
        .distinct()
        .forEach(name -> LOG.warn("mimetype_registry names handler '{}', which this server does not have;"
            + " its lines are passed over", name));
  }

  /** The handlers the lines name, in order: the ones the server starts. */
  public static Set<String> handlerNames(List<String> lines) {
    Set<String> names = new LinkedHashSet<>();
    lines.forEach(line -> names.add(RegistryRule.parse(line).handlerName()));
    return names;
  }

  /**
   * The handler for a conversion; {@code destinationFormat} empty for metadata calls, where
   * the first line whose input pattern matches wins. Remembered per pair of mimetypes (the type
   * table bounds them; an unknown extension is {@code *}): matching every line's patterns took
   * 11% of a request thread's CPU.
   */
  public Handler handlerFor(String sourceFormat, Optional<String> destinationFormat) {
    String source = mediaTypes.typeOfExtension(sourceFormat).orElse(UNKNOWN);
    Optional<String> destination = destinationFormat.map(d -> mediaTypes.typeOfExtension(d).orElse(UNKNOWN));
    Types types = new Types(source, destination);
    Handler known = chosen.get(types);
    if (known != null) {
      return known;
    }
    Handler handler = firstMatch(types, sourceFormat, destinationFormat);
    chosen.putIfAbsent(types, handler);
    return handler;
  }

  /** A request's formats as mimetypes; {@code destination} empty for metadata calls. */
  private record Types(String source, Optional<String> destination) {}

  private Handler firstMatch(Types types, String sourceFormat, Optional<String> destinationFormat) {
    RegistryRule unavailable = null;
    for (RegistryRule rule : rules) {
      if (rule.acceptsInput(types.source()) && types.destination().map(rule::acceptsOutput).orElse(true)) {
        Handler handler = handlersByName.get(rule.handlerName());
        if (handler != null) {
          return handler;
        }
        unavailable = unavailable == null ? rule : unavailable;
      }
    }
    String message = "No Handler found for " + quote(sourceFormat) + "=>" + quote(destinationFormat.orElse(null));
    if (unavailable != null) {
      message += " (the mimetype_registry line '" + unavailable + "' would take it, but handler '"
          + unavailable.handlerName() + "' is not available in this server)";
    }
    throw new CloudoooException(ErrorKind.HANDLER_NOT_FOUND, message);
  }

  /**
   * The {@code (mimetype, title)} targets for a source mimetype: for each handler with a line
   * whose input pattern matches, its own list filtered by that handler's output patterns.
   */
  public List<FormatEntry> allowedConversionFormats(String sourceMimetype) {
    Map<String, List<RegistryRule>> rulesByHandler = new LinkedHashMap<>();
    for (RegistryRule rule : rules) {
      if (rule.acceptsInput(sourceMimetype) && handlersByName.containsKey(rule.handlerName())) {
        rulesByHandler.computeIfAbsent(rule.handlerName(), name -> new ArrayList<>()).add(rule);
      }
    }
    Set<FormatEntry> allowed = new LinkedHashSet<>();
    rulesByHandler.forEach(
        (name, handlerRules) -> {
          for (FormatEntry entry : handlersByName.get(name).allowedConversionFormats(sourceMimetype)) {
            if (handlerRules.stream().anyMatch(rule -> rule.acceptsOutput(entry.key()))) {
              allowed.add(entry);
            }
          }
        });
    return List.copyOf(allowed);
  }

  /** Every handler's exports of a document type ({@code text}, {@code spreadsheet}, ...). */
  public List<FormatEntry> exportsOfDocumentType(String documentType) {
    Set<FormatEntry> exports = new LinkedHashSet<>();
    handlersByName.values().forEach(handler -> exports.addAll(handler.exportsOfDocumentType(documentType)));
    return List.copyOf(exports);
  }

  /** Python's {@code %r} of a string or None, so fault texts read as the original's. */
  private static String quote(String value) {
    return value == null ? "None" : "'" + value + "'";
  }
}
