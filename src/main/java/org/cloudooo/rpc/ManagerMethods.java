package org.cloudooo.rpc;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cloudooo.format.FormatEntry;
import org.cloudooo.service.Manager;

/** The cloudooo methods on the wire: argument decoding and result encoding around the {@link Manager}. */
final class ManagerMethods {

  private ManagerMethods() {}

  static List<RpcMethod> of(Manager manager) {
    return List.of(
        new RpcMethod("convertFile", 3, 6,
            "Returns the result of the conversion of the file (base64 text) from source_format to"
                + " destination_format (extensions such as 'odt', 'pdf', 'ms.docx').\n"
                + "zip: return a zip of the output and its side files (e.g. HTML with images).\n"
                + "refresh: update fields, links and charts first.\n"
                + "conversion_kw: {'infilter': 'FilterName[:FilterOptions]'}.",
            p -> new WireDocument(
                manager.convertFile(
                    RequestWorkspace.current(),
                    p.document(0, "file"),
                    p.string(1, "source_format"),
                    p.optionalString(2, "destination_format"),
                    p.bool(3, "zip", false),
                    p.bool(4, "refresh", false),
                    p.struct(5, "conversion_kw")))),
        new RpcMethod("getFileMetadataItemList", 2, 4,
            "Returns a dict with the document's metadata. With base_document true, 'Data' holds the"
                + " document in its native format (base64 text); else it is ''. conversion_kw may hold"
                + " the password of a protected document.",
            p -> wireValues(manager.getFileMetadataItemList(
                RequestWorkspace.current(), p.document(0, "file"), p.string(1, "source_format"), p.bool(2, "base_document", false),
                p.struct(3, "conversion_kw")))),
        new RpcMethod("updateFileMetadata", 3, 4,
            "Writes the metadata of metadata_dict into the document and returns it (base64 text), in"
                + " the format it came in. Keys are capitalised: 'title' sets Title. conversion_kw may"
                + " hold the password of a protected document.",
            p -> new WireDocument(manager.updateFileMetadata(
                RequestWorkspace.current(), p.document(0, "file"), p.string(1, "source_format"), p.struct(2, "metadata_dict"),
                p.struct(3, "conversion_kw")))),
        new RpcMethod("getAllowedExtensionList", 0, 1,
            "List the extensions the document can be converted to, as [extension, title] pairs.\n"
                + "request_dict holds one of mimetype, extension or document_type.",
            p -> pairs(manager.getAllowedExtensionList(p.struct(0, "request_dict")))),
        new RpcMethod("getAllowedConversionFormatList", 1, 1,
            "Returns the [mimetype, title] pairs a document of source_mimetype can be converted to.",
            p -> pairs(manager.getAllowedConversionFormatList(p.string(0, "source_mimetype")))));
  }

  /** Metadata as the wire carries it: documents and bytes as base64 text, lists as arrays. */
  static Map<String, Object> wireValues(Map<String, Object> metadata) {
    Map<String, Object> wire = new LinkedHashMap<>();
    metadata.forEach((key, value) -> wire.put(key, wireValue(value)));
    return wire;
  }

  static Object wireValue(Object value) {
    if (value instanceof Path file) {
      return new WireDocument(file);
    }
    if (value instanceof byte[] bytes) {
      return WireBase64.encode(bytes);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ManagerMethods::wireValue).toArray();
    }
    return value;
  }

  /** {@code [[key, title], ...]}, as Python marshals a list of tuples. */
  static Object[] pairs(List<FormatEntry> entries) {
    return entries.stream().map(e -> new Object[] {e.key(), e.title()}).toArray();
  }
}
