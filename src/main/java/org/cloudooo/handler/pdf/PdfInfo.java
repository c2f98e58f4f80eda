package org.cloudooo.handler.pdf;

import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * PDF metadata with the keys and value forms of {@code pdfinfo}, lower-cased as the original
 * reports them ({@code title}, {@code producer}, {@code pages}, {@code page size}, ...).
 */
final class PdfInfo {

  private PdfInfo() {}

  static Map<String, Object> read(PDDocument pdf, long fileSize) {
    Map<String, Object> info = new LinkedHashMap<>();
    PDDocumentInformation dictionary = pdf.getDocumentInformation();
    for (String key : dictionary.getMetadataKeys()) {
      COSName name = COSName.getPDFName(key);
      String text = key.endsWith("Date") ? pdfDate(dictionary.getCOSObject().getDate(name)) : dictionary.getCOSObject().getString(name);
      if (text != null && !text.isBlank()) {
        info.put(key.toLowerCase(Locale.ROOT), text.strip());
      }
    }
    info.put("tagged", pdf.getDocumentCatalog().getMarkInfo() != null && pdf.getDocumentCatalog().getMarkInfo().isMarked() ? "yes" : "no");
    info.put("form", pdf.getDocumentCatalog().getAcroForm() != null ? "AcroForm" : "none");
    info.put("pages", String.valueOf(pdf.getNumberOfPages()));
    info.put("encrypted", pdf.isEncrypted() ? "yes" : "no");
    if (pdf.getNumberOfPages() > 0) {
      PDRectangle box = pdf.getPage(0).getMediaBox();
      info.put("page size", pageSize(box.getWidth(), box.getHeight()));
      info.put("page rot", String.valueOf(pdf.getPage(0).getRotation()));
    }
    info.put("file size", fileSize + " bytes");
    info.put("pdf version", String.valueOf(pdf.getVersion()));
    return info;
  }

  /**
   * Sets Info entries from capitalised keys; {@code Keywords} given as a list is joined with
   * spaces (the original crashed on it), other values are written as text.
   */
  static void write(PDDocument pdf, Map<String, Object> metadata) {
    PDDocumentInformation dictionary = pdf.getDocumentInformation();
    metadata.forEach((key, value) -> {
      String name = key.equals("Modificationdate") ? "ModDate" : key;
      String text = value instanceof List<?> list ? String.join(" ", list.stream().map(String::valueOf).toList())
          : value instanceof Object[] array ? String.join(" ", java.util.Arrays.stream(array).map(String::valueOf).toList())
          : String.valueOf(value);
      dictionary.setCustomMetadataValue(name, text);
    });
    pdf.setDocumentInformation(dictionary);
  }

  /** A PDF date as pdfinfo prints it: {@code Mon Jan  1 12:00:00 2024 UTC}. */
  private static String pdfDate(Calendar calendar) {
    if (calendar == null) {
      return null;
    }
    var instant = calendar.toInstant().atZone(java.time.ZoneOffset.UTC);
    return java.time.format.DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy 'UTC'", Locale.ENGLISH).format(instant);
  }

  private static String pageSize(float width, float height) {
    String size = trim(width) + " x " + trim(height) + " pts";
    if (Math.round(width) == 612 && Math.round(height) == 792) {
      return size + " (letter)";
    }
    if (Math.abs(width - 595.276) < 1 && Math.abs(height - 841.89) < 1) {
      return size + " (A4)";
    }
    return size;
  }

  private static String trim(float value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(Math.round(value * 1000) / 1000.0);
  }
}
