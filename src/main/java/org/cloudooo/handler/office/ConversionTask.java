package org.cloudooo.handler.office;

import com.sun.star.lang.XComponent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.handler.office.OfficeTables.NativeFormat;
import org.jodconverter.core.office.OfficeContext;
import org.jodconverter.core.office.OfficeException;
import org.jodconverter.core.task.OfficeTask;
import org.jodconverter.local.office.LocalOfficeContext;

/**
 * Loads one document, refuses it when it links outside itself, optionally refreshes it, and
 * exports it with the filter chosen for the document type LibreOffice actually loaded.
 */
final class ConversionTask implements OfficeTask {

  /**
   * @param input the staged source document
   * @param outputDirectory where the export and its side files go (empty at start)
   * @param loadProperties MediaDescriptor of the load
   * @param exportCandidates export filters by document service; empty for the native format
   * @param destinationExtension the extension asked for, or empty for the native format
   * @param refresh whether to update fields, links and charts first
   * @param sourceExtension the source format as declared ({@code docx})
   * @param linksChecked whether the input's links were checked before the load
   * @param options the client's options, checked for this conversion
   */
  record Plan(
      Path input,
      Path outputDirectory,
      Map<String, Object> loadProperties,
      Map<String, ExportFilter> exportCandidates,
      Optional<String> destinationExtension,
      boolean refresh,
      String sourceExtension,
      boolean linksChecked,
      OfficeOptions options) {

    /** How the source was declared, for messages: {@code docx document}. */
    String sourceDescription() {
      return sourceExtension + " document";
    }
  }

  private static final String OUTPUT_NAME = "document";

  private final Plan plan;
  private final OfficeTables tables;
  private final OfficeFormats formats;
  private Path output;

  ConversionTask(Plan plan, OfficeTables tables, OfficeFormats formats) {
    this.plan = plan;
    this.tables = tables;
    this.formats = formats;
  }

  /** The exported file, once {@link #execute} returned. */
  Path output() {
    return output;
  }

  @Override
  public void execute(OfficeContext context) throws OfficeException {
    LocalOfficeContext office = (LocalOfficeContext) context;
    OpenedDocument document;
    try {
      document = OpenedDocument.open(
          office, plan.input(), plan.loadProperties(), plan.sourceExtension(), plan.linksChecked(), tables, formats);
    } catch (com.sun.star.uno.Exception e) {
      UnoDocuments.requireAlive(office, e);
      throw CloudoooException.failed("LibreOffice could not open the " + plan.sourceDescription() + ": " + UnoDocuments.describe(e), e);
    }
    try {
      if (plan.refresh()) {
        UnoDocuments.refresh(office, document.component());
      }
      export(office, document);
    } catch (IOException | com.sun.star.uno.Exception e) {
      UnoDocuments.requireAlive(office, e);
      throw CloudoooException.failed("LibreOffice could not convert the " + plan.sourceDescription() + ": " + UnoDocuments.describe(e), e);
    } finally {
      UnoDocuments.close(document.component());
    }
  }

  private void export(LocalOfficeContext office, OpenedDocument opened)
      throws IOException, com.sun.star.uno.Exception {
    XComponent document = opened.component();
    if (plan.destinationExtension().isEmpty()) {
      NativeFormat nativeFormat = opened.nativeFormat();
      output = plan.outputDirectory().resolve(OUTPUT_NAME + "." + nativeFormat.extension());
      UnoDocuments.storeTo(document, output, nativeFormat.filter(), Map.of(), null);
      return;
    }
    String destination = plan.destinationExtension().get();
    ExportFilter filter = plan.exportCandidates().get(opened.service());
    if (filter == null) {
      throw CloudoooException.badInput(
          "This document is not a valid " + plan.sourceDescription() + ": LibreOffice opened it as a "
              + OfficeFormats.shortName(opened.service()) + " document, which cannot be exported to '" + destination
              + "'. Check the file and its declared format.");
    }
    output = plan.outputDirectory().resolve(OUTPUT_NAME + "." + outputSuffix(destination));
    OfficeOptions options = plan.options();
    if (options.pageImage().isPresent()) {
      ExportFilter pdf = formats.filterFor("pdf", opened.service()).orElseThrow(() -> CloudoooException.unsupported(
          "a " + OfficeFormats.shortName(opened.service()) + " document cannot be drawn page by page"));
      PageImageExport.export(office, opened, options.pageImage().get(), pdf.name(), tables.filterDataFor(pdf.name()),
          PageImageOptions.MEDIA_TYPES.get(destination), output, plan.loadProperties());
    } else {
      Map<String, Object> defaults = tables.filterDataFor(filter.name());
      Map<String, Object> filterData = options.pdf().map(pdf -> pdf.filterData(defaults)).orElse(defaults);
      Optional<CsvExportOptions> csv = options.csv().filter(c -> filter.name().equals(tables.csvImportFilter()));
      if (csv.isPresent()) {
        List<String> sheets = UnoDocuments.sheetNames(document);
        UnoDocuments.storeTo(document, output, filter.name(), filterData, csv.get().filterOptions(sheets));
        Path written = csv.get().writtenFile(output, sheets);
        if (!written.equals(output) && Files.isRegularFile(written)) {
          Files.move(written, output);
        }
      } else {
        UnoDocuments.storeTo(document, output, filter.name(), filterData, tables.filterOptions().get(filter.name()));
      }
    }
    if (!Files.isRegularFile(output)) {
      throw CloudoooException.failed(
          "LibreOffice wrote no " + destination + " file for this " + plan.sourceDescription(), null);
    }
  }

  /** HTML outputs are named {@code *.impr.html}, as the original names them (clients look for it in zips). */
  private static String outputSuffix(String destination) {
    return switch (destination) {
      case "html", "htm", "xhtml" -> "impr.html";
      default -> destination;
    };
  }
}
