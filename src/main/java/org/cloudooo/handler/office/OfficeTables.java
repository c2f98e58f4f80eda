package org.cloudooo.handler.office;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The office handler's declarative tables ({@code handlers/office/office.conf}): extension
 * renames, forced importers, FilterData and FilterOptions per export filter, former target names.
 */
record OfficeTables(
    Map<String, String> extensionByUiName,
    Map<String, List<String>> importServicesByExtension,
    Set<String> excludedServices,
    Map<String, Map<String, Object>> filterData,
    Map<String, String> filterOptions,
    String csvImportFilter,
    String htmlSpreadsheetImportFilter,
    Map<String, NativeFormat> nativeFormats,
    Set<String> plainTextImportFilters,
    Set<String> plainTextExtensions,
    Map<String, String> mimetypeByType,
    Map<String, String> exportAliases) {

  /** A document service's own format: its filter Name and file extension. */
  record NativeFormat(String filter, String extension) {}

  static final String RESOURCE = "handlers/office/office.conf";
  private static final String ANY_PDF_EXPORT = "*pdf_Export";

  static OfficeTables load() {
    Config c =
        ConfigFactory.parseResources(
            OfficeTables.class.getClassLoader(), RESOURCE, ConfigParseOptions.defaults().setAllowMissing(false));
    Map<String, String> renames = new LinkedHashMap<>();
    c.getObject("extension_by_ui_name").forEach((uiName, ext) -> renames.put(uiName, ext.unwrapped().toString()));
    Map<String, List<String>> importers = new LinkedHashMap<>();
    ConfigObject forced = c.getObject("import_services_by_extension");
    forced.keySet().forEach(ext -> importers.put(ext, forced.toConfig().getStringList(quoted(ext))));
    Map<String, Map<String, Object>> filterData = new LinkedHashMap<>();
    c.getObject("filter_data").forEach((filter, data) -> filterData.put(filter, ((ConfigObject) data).unwrapped()));
    Map<String, String> filterOptions = new LinkedHashMap<>();
    c.getObject("filter_options").forEach((filter, options) -> filterOptions.put(filter, options.unwrapped().toString()));
    return new OfficeTables(
        Map.copyOf(renames),
        Map.copyOf(importers),
        Set.copyOf(c.getStringList("excluded_services")),
        Map.copyOf(filterData),
        Map.copyOf(filterOptions),
        c.getString("csv_import_filter"),
        c.getString("html_spreadsheet_import_filter"),
        nativeFormats(c.getObject("native_formats")),
        Set.copyOf(c.getStringList("plain_text_import_filters")),
        Set.copyOf(c.getStringList("plain_text_extensions")),
        strings(c.getObject("mimetype_by_type")),
        strings(c.getObject("export_aliases")));
  }

  /** FilterData for an export filter: its own entry, else the PDF default for PDF exports. */
  Map<String, Object> filterDataFor(String filterName) {
    Map<String, Object> own = filterData.get(filterName);
    if (own != null) {
      return own;
    }
    return filterName.endsWith("pdf_Export") ? filterData.getOrDefault(ANY_PDF_EXPORT, Map.of()) : Map.of();
  }

  private static Map<String, NativeFormat> nativeFormats(ConfigObject table) {
    Map<String, NativeFormat> formats = new LinkedHashMap<>();
    table.forEach(
        (service, value) -> {
          Config format = ((ConfigObject) value).toConfig();
          formats.put(service, new NativeFormat(format.getString("filter"), format.getString("extension")));
        });
    return Map.copyOf(formats);
  }

  private static Map<String, String> strings(ConfigObject table) {
    Map<String, String> values = new LinkedHashMap<>();
    table.forEach((key, value) -> values.put(key, value.unwrapped().toString()));
    return Map.copyOf(values);
  }

  private static String quoted(String key) {
    return "\"" + key + "\"";
  }
}
