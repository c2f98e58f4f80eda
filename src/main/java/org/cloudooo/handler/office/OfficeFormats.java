package org.cloudooo.handler.office;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cloudooo.format.MediaTypes;
import org.cloudooo.format.FormatEntry;

/**
 * What the running LibreOffice can import and export, built from its FilterFactory and
 * TypeDetection (the original's mimemapper): importing document types per extension, export
 * filters per (extension, document type), export lists per document type.
 */
final class OfficeFormats {

  private static final int IMPORT = 0x01;
  private static final int EXPORT = 0x02;
  private static final int HIDDEN = 0x08 | 0x1000 | 0x2000; // Internal, NotInFileDialog, NotInChooser

  private final Map<String, List<String>> importServicesByExtension;
  private final List<ExportFilter> exportFilters;
  private final Map<String, List<FormatEntry>> exportsByService;
  private final Map<String, String> mimetypeByType;
  private final Map<String, String> typeByFilter;
  private final Map<String, String> serviceByFilter;
  private final MediaTypes mediaTypes;

  private OfficeFormats(
      Map<String, List<String>> importServicesByExtension,
      List<ExportFilter> exportFilters,
      Map<String, List<FormatEntry>> exportsByService,
      Map<String, String> mimetypeByType,
      Map<String, String> typeByFilter,
      Map<String, String> serviceByFilter,
      MediaTypes mediaTypes) {
    this.typeByFilter = typeByFilter;
    this.serviceByFilter = serviceByFilter;
    this.importServicesByExtension = importServicesByExtension;
    this.exportFilters = exportFilters;
    this.exportsByService = exportsByService;
    this.mimetypeByType = mimetypeByType;
    this.mediaTypes = mediaTypes;
  }

  /**
   * @param filters LibreOffice's filters by Name, each its properties
   * @param types LibreOffice's types by Name, each its properties
   */
  static OfficeFormats build(
      FilterTables filterTables,
      OfficeSettings settings,
      OfficeTables tables,
      MediaTypes mediaTypes) {
    Map<String, Set<String>> importers = new LinkedHashMap<>();
    List<ExportFilter> exports = new ArrayList<>();
    Map<String, Set<FormatEntry>> exportsByService = new LinkedHashMap<>();
    Map<String, String> mimetypeByType = new LinkedHashMap<>();
    Map<String, String> typeByFilter = new LinkedHashMap<>();
    Map<String, String> serviceByFilter = new LinkedHashMap<>();
    Map<String, Map<String, Object>> types = filterTables.types();
    filterTables.filters().forEach(
        (name, filter) -> {
          typeByFilter.put(name, string(filter, "Type"));
          if (!string(filter, "DocumentService").isEmpty()) {
            serviceByFilter.put(name, string(filter, "DocumentService"));
          }
          Map<String, Object> type = types.get(string(filter, "Type"));
          if (type == null || settings.disabledFilterNames().contains(name)) {
            return;
          }
          String uiName = string(filter, "UIName").isEmpty() ? string(type, "UIName") : string(filter, "UIName");
          int flags = filter.get("Flags") instanceof Number number ? number.intValue() : 0;
          List<String> extensions = strings(type.get("Extensions"));
          String mediaType = string(type, "MediaType");
          String service = string(filter, "DocumentService");
          if (settings.disabledFilterUiNames().contains(uiName)
              || uiName.contains("Template")
              || (flags & HIDDEN) != 0
              || extensions.isEmpty()
              || mediaType.isEmpty()
              || service.isEmpty()
              || tables.excludedServices().contains(service)) {
            return;
          }
          if ((flags & EXPORT) != 0) {
            mimetypeByType.putIfAbsent(
                string(filter, "Type"), tables.mimetypeByType().getOrDefault(string(filter, "Type"), mediaType));
            String ownExtension = string(filter, "ExportExtension");
            String extension = ownExtension.isEmpty() ? extensions.get(0) : ownExtension;
            extension = tables.extensionByUiName().getOrDefault(uiName, extension);
            exportsByService.computeIfAbsent(service, s -> new LinkedHashSet<>()).add(new FormatEntry(extension, uiName));
            exports.add(
                new ExportFilter(extension, name, mediaType, service, Boolean.TRUE.equals(type.get("Preferred")), flags, uiName));
          }
          if ((flags & IMPORT) != 0) {
            extensions.forEach(ext -> importers.computeIfAbsent(ext, e -> new LinkedHashSet<>()).add(service));
          }
        });
    Map<String, List<String>> importServices = new LinkedHashMap<>();
    importers.forEach((ext, services) -> importServices.put(ext, List.copyOf(services)));
    importServices.putAll(tables.importServicesByExtension());
    Map<String, List<FormatEntry>> exportLists = new LinkedHashMap<>();
    exportsByService.forEach((service, entries) -> exportLists.put(service, List.copyOf(entries)));
    return new OfficeFormats(
        Map.copyOf(importServices), List.copyOf(exports), exportLists, Map.copyOf(mimetypeByType),
        Map.copyOf(typeByFilter), Map.copyOf(serviceByFilter), mediaTypes);
  }

  /** The document services that import an extension; every exporting service when unknown. */
  List<String> importServices(String extension) {
    List<String> services = importServicesByExtension.get(extension);
    return services != null ? services : List.copyOf(exportsByService().keySet());
  }

  boolean knowsImportExtension(String extension) {
    return importServicesByExtension.containsKey(extension);
  }

  /**
   * The export filter for an extension and document service: the only one, else the first of
   * a preferred type, else the first named {@code *Export}, else the one with the highest Flags.
   */
  Optional<ExportFilter> filterFor(String extension, String service) {
    List<ExportFilter> matching =
        exportFilters.stream().filter(f -> f.extension().equals(extension) && f.documentService().equals(service)).toList();
    if (matching.size() <= 1) {
      return matching.stream().findFirst();
    }
    return matching.stream()
        .filter(ExportFilter::preferred)
        .findFirst()
        .or(() -> matching.stream().filter(f -> f.name().endsWith("Export")).findFirst())
        .or(() -> matching.stream().max(Comparator.comparingInt(ExportFilter::flags)));
  }

  /** Export filters, by document service, that can turn a source extension into a destination one. */
  Map<String, ExportFilter> exportCandidates(String sourceExtension, String destinationExtension) {
    Map<String, ExportFilter> candidates = new LinkedHashMap<>();
    for (String service : importServices(sourceExtension)) {
      filterFor(destinationExtension, service).ifPresent(filter -> candidates.put(service, filter));
    }
    return candidates;
  }

  /** The {@code (extension, title)} exports of every service importing an extension. */
  List<FormatEntry> exportsFromExtension(String sourceExtension) {
    Set<FormatEntry> entries = new LinkedHashSet<>();
    for (String service : importServices(sourceExtension)) {
      entries.addAll(exportsByService.getOrDefault(service, List.of()));
    }
    return List.copyOf(entries);
  }

  /** The {@code (mimetype, title)} targets of a source mimetype or bare extension. */
  List<FormatEntry> allowedConversionFormats(String sourceMimetypeOrExtension) {
    List<String> sourceExtensions =
        sourceMimetypeOrExtension.contains("/")
            ? mediaTypes.extensionsOf(sourceMimetypeOrExtension)
            : List.of(sourceMimetypeOrExtension);
    Set<FormatEntry> allowed = new LinkedHashSet<>();
    for (String extension : sourceExtensions) {
      if (!knowsImportExtension(extension)) {
        continue;
      }
      for (FormatEntry export : exportsFromExtension(extension)) {
        mediaTypes
            .guessTypeOfName("file." + export.key())
            .ifPresent(mimetype -> allowed.add(new FormatEntry(mimetype, export.title())));
      }
    }
    return List.copyOf(allowed);
  }

  /** The exports of the first document service whose short name starts with a document type. */
  List<FormatEntry> exportsOfDocumentType(String documentType) {
    String wanted = documentType.toLowerCase(Locale.ROOT);
    return exportsByService.entrySet().stream()
        .filter(entry -> !wanted.isEmpty() && shortName(entry.getKey()).startsWith(wanted))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(List.of());
  }

  /**
   * The mimetype of documents loaded with an import filter: its type's MediaType, when that
   * type has an export filter (as the original's {@code mimetype_by_filter_type}).
   */
  /** The document service an import filter makes ({@code com.sun.star.text.TextDocument}), from the filter table. */
  Optional<String> documentServiceOfFilter(String filterName) {
    return Optional.ofNullable(serviceByFilter.get(filterName));
  }

  Optional<String> mimetypeOfImportFilter(String filterName) {
    return Optional.ofNullable(typeByFilter.get(filterName)).map(mimetypeByType::get);
  }

  Map<String, List<FormatEntry>> exportsByService() {
    return exportsByService;
  }

  /**
   * {@code com.sun.star.text.TextDocument} → {@code text}: the first CamelCase word of the
   * last segment, or the first two when it has more than two.
   */
  static String shortName(String service) {
    String last = service.substring(service.lastIndexOf('.') + 1);
    String[] words = last.split("(?<=[a-z])(?=[A-Z])");
    String name = words.length > 2 ? words[0] + words[1] : words[0];
    return name.toLowerCase(Locale.ROOT);
  }

  private static String string(Map<String, Object> properties, String key) {
    Object value = properties.get(key);
    return value == null ? "" : value.toString();
  }

  private static List<String> strings(Object value) {
    if (value instanceof String[] array) {
      return List.of(array);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Object::toString).toList();
    }
    return List.of();
  }
}
