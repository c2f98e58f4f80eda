package org.cloudooo.rpc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.format.FormatEntry;
import org.cloudooo.service.Manager;

/**
 * The ERP5/oood methods: {@code [status, dict, message]} answers, 200 on success and 402 with
 * a readable message on failure (the original sent a Python traceback there).
 */
final class LegacyMethods {

  private static final int OK = 200;
  private static final int FAILED = 402;
  private static final Set<String> OFFICE_FAMILIES = Set.of("presentation", "graphics", "spreadsheet", "text");

  private LegacyMethods() {}

  static List<RpcMethod> of(Manager manager) {
    return List.of(
        legacy("run_convert", "Returns the document in its native (ODF) format with its metadata: [200, {'data', 'meta', 'mime'}, ''].",
            p -> {
              Map<String, Object> metadata = new LinkedHashMap<>(manager.getFileMetadataItemList(
                  RequestWorkspace.current(), p.document(1, "data"), extensionOf(p), true));
              Object data = metadata.remove(Manager.DATA);
              Map<String, Object> response = new LinkedHashMap<>();
              response.put("meta", ManagerMethods.wireValues(metadata));
              response.put("mime", metadata.get("MIMEType"));
              response.put("data", ManagerMethods.wireValue(data));
              return response;
            }),
        legacy("run_setmetadata", "Writes meta into the document: [200, {'data'}, ''].",
            p -> Map.of("data", new WireDocument(manager.updateFileMetadata(
                RequestWorkspace.current(), p.document(1, "data"), extensionOf(p), p.struct(2, "meta"))))),
        legacy("run_getmetadata", "Returns the document's metadata, 'title' mirroring 'Title': [200, {'meta'}, ''].",
            p -> {
              Map<String, Object> metadata = ManagerMethods.wireValues(manager.getFileMetadataItemList(
                  RequestWorkspace.current(), p.document(1, "data"), extensionOf(p), false));
              if (!metadata.containsKey("Title")) {
                throw CloudoooException.badInput("the document has no Title metadata");
              }
              metadata.put("title", metadata.get("Title"));
              return Map.of("meta", metadata);
            }),
        new RpcMethod("run_generate", 0, 5,
            "Converts data (a document of content type orig_format) to extension; '*htm*' targets come"
                + " zipped: [200, {'data', 'mime'}, ''].",
            p -> generate(manager, p)),
        new RpcMethod("getAllowedTargetItemList", 1, 1,
            "Returns [200, {'response_data': [[extension, title], ...]}, ''] for a content type.",
            p -> answer(() -> {
              List<Object> targets = new ArrayList<>();
              for (FormatEntry format : manager.getAllowedConversionFormatList(p.string(0, "content_type"))) {
                manager.guessExtension(format.key(), format.title())
                    .ifPresent(extension -> targets.add(new Object[] {extension, format.title()}));
              }
              return Map.of("response_data", targets.toArray());
            })));
  }

  /** A method of the five-argument legacy signature {@code (filename, data, meta, extension, orig_format)}. */
  private static RpcMethod legacy(String name, String help, Function<Params, Map<String, Object>> body) {
    return new RpcMethod(name, 0, 5, help, p -> answer(() -> body.apply(p)));
  }

  /** {@code extension}, else the last dot-part of {@code filename}. */
  private static String extensionOf(Params p) {
    Optional<String> extension = p.optionalString(3, "extension").filter(e -> !e.isEmpty());
    if (extension.isPresent()) {
      return extension.get();
    }
    String filename = p.optionalString(0, "filename").orElse("");
    return filename.substring(filename.lastIndexOf('.') + 1);
  }

  private static Object[] generate(Manager manager, Params p) {
    Map<String, Object> response = new LinkedHashMap<>();
    try {
      String origFormat = p.optionalString(4, "orig_format").orElse("");
      String contentType = origFormat.isEmpty() ? "text/plain" : origFormat;
      String sourceExtension = manager.guessExtension(contentType, "")
          .orElseThrow(() -> CloudoooException.badInput("no extension is known for the content type '" + contentType + "'"));
      String family = origFormat.substring(origFormat.lastIndexOf('.') + 1);
      family = family.substring(family.lastIndexOf('/') + 1);
      String extension = p.optionalString(3, "extension")
          .orElseThrow(() -> CloudoooException.badInput("run_generate needs the target extension"));
      boolean zip = extension.contains("htm");
      if (OFFICE_FAMILIES.contains(family) && extension.equals("xhtml")) {
        extension = "html";
      }
      Path data = manager.convertFile(
          RequestWorkspace.current(), p.document(1, "data"), sourceExtension, Optional.of(extension), zip, false, Map.of());
      response.put("data", new WireDocument(data));
      response.put("mime", zip ? "application/zip" : extension.equals("xhtml") ? "text/html" : mimetypeOf(manager, extension));
      return new Object[] {OK, response, ""};
    } catch (RuntimeException e) {
      return new Object[] {FAILED, response, message(e)};
    }
  }

  private static String mimetypeOf(Manager manager, String extension) {
    return manager.mimetypeOfExtension(extension)
        .or(() -> manager.mimetypeOfExtension(extension.substring(extension.lastIndexOf('.') + 1)))
        .orElse(null);
  }

  private interface Body {
    Map<String, Object> get();
  }

  private static Object[] answer(Body body) {
    try {
      return new Object[] {OK, body.get(), ""};
    } catch (RuntimeException e) {
      return new Object[] {FAILED, Map.of(), message(e)};
    }
  }

  /** A readable 402 message: the fault text, with its kind, as the rest of the API gives it. */
  private static String message(RuntimeException e) {
    if (e instanceof CloudoooException client) {
      return client.kind().wireName() + ": " + client.getMessage();
    }
    return Faults.toFault(e).getMessage();
  }
}
