package org.cloudooo.handler.office;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.cloudooo.core.CloudoooException;
import org.jodconverter.core.office.OfficeContext;
import org.jodconverter.core.office.OfficeException;
import org.jodconverter.core.task.OfficeTask;
import org.jodconverter.local.office.LocalOfficeContext;

/**
 * Reads a document's metadata (optionally from its copy in the native format, which is then
 * the result's {@code Data}), or writes metadata and stores the document in its own format.
 */
final class MetadataTask implements OfficeTask {

  /**
   * @param input the staged document
   * @param sourceExtension the declared format
   * @param loadProperties MediaDescriptor of the load
   * @param baseDocument read from (and return) the native-format copy
   * @param update metadata to write; empty to read
   * @param linksChecked whether the input's links were checked before the load
   */
  record Plan(
      Path input,
      String sourceExtension,
      Map<String, Object> loadProperties,
      boolean baseDocument,
      Optional<Map<String, Object>> update,
      boolean linksChecked) {}

  private final Plan plan;
  private final OfficeTables tables;
  private final OfficeFormats formats;
  private Map<String, Object> metadata = Map.of();
  private String importFilter = "";
  private Path nativeCopy;

  MetadataTask(Plan plan, OfficeTables tables, OfficeFormats formats) {
    this.plan = plan;
    this.tables = tables;
    this.formats = formats;
  }

  Map<String, Object> metadata() {
    return metadata;
  }

  /** The import filter of the document the metadata was read from. */
  String importFilter() {
    return importFilter;
  }

  /** The native-format copy, with {@code baseDocument}. */
  Optional<Path> nativeCopy() {
    return Optional.ofNullable(nativeCopy);
  }

  @Override
  public void execute(OfficeContext context) throws OfficeException {
    LocalOfficeContext office = (LocalOfficeContext) context;
    try {
      OpenedDocument document = OpenedDocument.open(
          office, plan.input(), plan.loadProperties(), plan.sourceExtension(), plan.linksChecked(), tables, formats);
      try {
        if (plan.update().isPresent()) {
          DocumentProperties.write(document.component(), plan.update().get());
          UnoDocuments.store(document.component());
          return;
        }
        if (!plan.baseDocument()) {
          metadata = DocumentProperties.read(document.component());
          importFilter = document.importFilter();
          return;
        }
        nativeCopy = plan.input().resolveSibling("base." + document.nativeFormat().extension());
        UnoDocuments.storeTo(document.component(), nativeCopy, document.nativeFormat().filter(), Map.of(), null);
      } finally {
        UnoDocuments.close(document.component());
      }
      // The copy was made from the checked document by LibreOffice itself.
      OpenedDocument copy =
          OpenedDocument.open(office, nativeCopy, plan.loadProperties(), document.nativeFormat().extension(), true, tables, formats);
      try {
        metadata = DocumentProperties.read(copy.component());
        importFilter = copy.importFilter();
      } finally {
        UnoDocuments.close(copy.component());
      }
    } catch (com.sun.star.uno.Exception e) {
      UnoDocuments.requireAlive(office, e);
      throw CloudoooException.failed(
          "LibreOffice could not handle the metadata of the " + plan.sourceExtension() + " document: " + UnoDocuments.describe(e), e);
    }
  }
}
