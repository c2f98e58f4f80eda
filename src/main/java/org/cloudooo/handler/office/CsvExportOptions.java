package org.cloudooo.handler.office;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.handler.ConversionOptions;

/**
 * CSV export of a spreadsheet ({@code csv_separator}, {@code csv_encoding}, {@code sheet}),
 * written as the FilterOptions token string of LibreOffice's "Text - txt - csv (StarCalc)"
 * filter: separator, text delimiter, character set, first line, column formats, language,
 * quote all text, detect special numbers, save as shown, formulas, trim spaces, sheet.
 *
 * @param sheet the sheet to write, by 1-based index ({@link Integer}) or name ({@link String}); the first when empty
 */
record CsvExportOptions(char separator, String encoding, Optional<Object> sheet) {

  static final Set<String> KEYS = Set.of("csv_separator", "csv_encoding", "sheet");
  static final char DEFAULT_SEPARATOR = ',';
  static final String DEFAULT_ENCODING = "UTF-8";
  /** Encodings by name → LibreOffice's rtl_TextEncoding numbers (rtl/textenc.h). */
  static final Map<String, Integer> ENCODINGS = encodings();
  private static final int DOUBLE_QUOTE = 34;

  static Optional<CsvExportOptions> read(ConversionOptions options) {
    if (KEYS.stream().noneMatch(options::has)) {
      return Optional.empty();
    }
    char separator = options.string("csv_separator").map(CsvExportOptions::checkedSeparator).orElse(DEFAULT_SEPARATOR);
    String encoding = options.oneOf("csv_encoding", List.copyOf(ENCODINGS.keySet())).orElse(DEFAULT_ENCODING);
    Optional<Object> sheet = options.has("sheet") ? Optional.of(sheetOf(options)) : Optional.empty();
    return Optional.of(new CsvExportOptions(separator, encoding, sheet));
  }

  /**
   * The FilterOptions for a document with these sheets; a fault naming the sheets when the
   * sheet asked for is not one. Without a sheet the first is written, as without options.
   */
  String filterOptions(List<String> sheetNames) {
    String options = (int) separator + "," + DOUBLE_QUOTE + "," + ENCODINGS.get(encoding) + ",1,,0,false,true,true,false,false";
    return sheet.isEmpty() ? options : options + "," + sheetIndex(sheet.get(), sheetNames);
  }

  /**
   * Where LibreOffice writes the CSV of a chosen sheet: beside the file asked for, with the
   * sheet's name added ({@code document-Prices.csv}).
   */
  java.nio.file.Path writtenFile(java.nio.file.Path asked, List<String> sheetNames) {
    if (sheet.isEmpty()) {
      return asked;
    }
    String name = asked.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String sheetName = sheetNames.get(sheetIndex(sheet.get(), sheetNames) - 1);
    return asked.resolveSibling(name.substring(0, dot) + "-" + sheetName + name.substring(dot));
  }

  private static int sheetIndex(Object wanted, List<String> sheetNames) {
    int index = wanted instanceof Integer number ? number : sheetNames.indexOf(wanted) + 1;
    if (index < 1 || index > sheetNames.size()) {
      throw CloudoooException.badInput("conversion_kw['sheet']: " + (wanted instanceof String ? "'" + wanted + "'" : wanted)
          + " is not a sheet of this document; its sheets are " + String.join(", ", sheetNames.stream().map(n -> "'" + n + "'").toList())
          + " (by name, or by number from 1 to " + sheetNames.size() + ")");
    }
    return index;
  }

  private static Object sheetOf(ConversionOptions options) {
    return options.isString("sheet") ? options.text("sheet").orElseThrow() : options.integer("sheet", 1, Integer.MAX_VALUE).orElseThrow();
  }

  private static char checkedSeparator(String separator) {
    if (separator.length() != 1) {
      throw CloudoooException.badInput("conversion_kw['csv_separator']: '" + separator
          + "' is not one character; give one, such as ',', ';' or '\\t'");
    }
    return separator.charAt(0);
  }

  private static Map<String, Integer> encodings() {
    Map<String, Integer> encodings = new LinkedHashMap<>();
    encodings.put("UTF-8", 76);
    encodings.put("UTF-16", 65535);
    encodings.put("ISO-8859-1", 12);
    encodings.put("ISO-8859-15", 22);
    encodings.put("Windows-1252", 1);
    encodings.put("US-ASCII", 11);
    return java.util.Collections.unmodifiableMap(encodings);
  }
}
