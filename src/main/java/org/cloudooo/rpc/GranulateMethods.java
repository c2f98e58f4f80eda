package org.cloudooo.rpc;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.service.DocumentParts;
import org.cloudooo.service.Manager;

/**
 * The granulate methods: tables, images, paragraphs and chapters of a document. The source
 * format defaults to {@code odt}; other formats are converted to ODT first. "Not found"
 * answers are {@code None}, as in the original.
 */
final class GranulateMethods {

  private static final String ODT = "odt";

  private GranulateMethods() {}

  static List<RpcMethod> of(Manager manager) {
    return List.of(
        method("getTableItemList", 1, 2, "Returns [[table name, caption], ...] of the document.",
            p -> granulator(manager, p, 0, 1).tableItemList()),
        method("getTable", 2, 3, "Returns an ODT (base64 text) holding only the table named id.",
            p -> {
              String id = p.string(1, "id");
              byte[] table = granulator(manager, p, 0, 2).table(id)
                  .orElseThrow(() -> CloudoooException.badInput(
                      "the document has no table named '" + id + "'; getTableItemList lists its tables"));
              return WireBase64.encode(table);
            }),
        method("getColumnItemList", 2, 3, "Returns [[index, header text], ...] of a table's first row, or None.",
            p -> granulator(manager, p, 0, 2).columnItemList(p.string(1, "table_id")).orElse(null)),
        method("getLineItemList", 2, 3, "Returns [[header text, cell text], ...] for a table's rows after the first, or None.",
            p -> granulator(manager, p, 0, 2).lineItemList(p.string(1, "table_id")).orElse(null)),
        method("getImageItemList", 1, 2, "Returns [[image file name, caption], ...] of the document.",
            p -> granulator(manager, p, 0, 1).imageItemList()),
        method("getImage", 2, 5, "Returns the image (base64 text) stored as Pictures/image_id; '' if absent."
                + " format and resolution are accepted and ignored, as in the original.",
            p -> WireBase64.encode(granulator(manager, p, 0, 2).image(p.string(1, "image_id")))),
        method("getParagraphItemList", 1, 2, "Returns [[index, style name], ...] of the document's paragraphs.",
            p -> granulator(manager, p, 0, 1).paragraphItemList()),
        method("getParagraph", 2, 3, "Returns [text, style name] of paragraph paragraph_id, or None.",
            p -> granulator(manager, p, 0, 2).paragraph(p.integer(1, "paragraph_id")).orElse(null)),
        method("getChapterItemList", 1, 2, "Returns [[index, title], ...] of the document's title and headings.",
            p -> granulator(manager, p, 0, 1).chapterItemList()),
        method("getChapterItem", 2, 3, "Returns [title, chapter_id] of chapter chapter_id (the first argument), or None.",
            p -> granulator(manager, p, 1, 2).chapterItem(p.integer(0, "chapter_id")).orElse(null)));
  }

  private static RpcMethod method(String name, int min, int max, String help, Function<Params, Object> body) {
    return new RpcMethod(name, min, max, help, p -> ManagerMethods.wireValue(body.apply(p)));
  }

  private static DocumentParts granulator(Manager manager, Params p, int dataIndex, int formatIndex) {
    Optional<String> format = p.optionalString(formatIndex, "source_format").filter(f -> !f.isEmpty());
    return manager.granulate(RequestWorkspace.current(), p.document(dataIndex, "data"), format.orElse(ODT));
  }
}
