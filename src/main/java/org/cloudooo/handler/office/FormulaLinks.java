package org.cloudooo.handler.office;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spreadsheet formulas that read another document (an external reference) or ask another
 * program (DDE): LibreOffice fetches that data when links are updated, so every such reference
 * is a link outside the document. Found in ODF {@code table:formula} attributes and in the
 * cells of CSV text, whose formulas LibreOffice evaluates on import.
 */
final class FormulaLinks {

  /** A reference into another document: {@code ['file:///x.ods'#$Sheet1.A1]}, {@code 'http://...'#Sheet1}. */
  private static final Pattern DOCUMENT_REFERENCE = Pattern.compile("'((?:[^']|'')*)'#");
  private static final Pattern DDE_CALL = Pattern.compile("(?i)\\bDDE\\s*\\(");
  private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"]|\"\")*)\"");

  private FormulaLinks() {}

  /** Refuses a formula that references another document or calls DDE. */
  static void refuseExternalData(String formula) {
    Matcher reference = DOCUMENT_REFERENCE.matcher(formula);
    if (reference.find()) {
      throw UnsafeLinks.refusal(reference.group(1).replace("''", "'"));
    }
    Matcher dde = DDE_CALL.matcher(formula);
    if (dde.find()) {
      Matcher arguments = QUOTED.matcher(formula).region(dde.end(), formula.length());
      String[] parts = new String[3];
      for (int i = 0; i < parts.length && arguments.find(); i++) {
        parts[i] = arguments.group(1).replace("\"\"", "\"");
      }
      throw UnsafeLinks.ddeRefusal(parts[0], parts[1], parts[2]);
    }
  }

  /**
   * Refuses plain text (CSV, TSV, TXT) holding such a formula; read line by line, whatever its
   * size. Its encoding does not matter: the references are ASCII.
   */
  static PreloadVerdict inspectText(Path text) throws IOException {
    try (BufferedReader lines = Files.newBufferedReader(text, StandardCharsets.ISO_8859_1)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.indexOf('#') >= 0 || line.toUpperCase(Locale.ROOT).contains("DDE")) {
          refuseExternalData(line.replace("\"\"", "\"")); // a quoted CSV field doubles its quotes
        }
      }
    }
    return PreloadVerdict.CHECKED;
  }
}
