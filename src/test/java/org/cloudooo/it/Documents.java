package org.cloudooo.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads converted documents so tests can assert on their content. */
final class Documents {

  private Documents() {}

  static boolean isPdf(byte[] data) {
    return data.length > 5 && new String(data, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-");
  }

  static boolean isPng(byte[] data) {
    return data.length > 8 && (data[0] & 0xff) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G';
  }

  static String pdfText(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }

  static int pdfPages(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return document.getNumberOfPages();
    }
  }

  /** How many images the pages of a PDF draw (image XObjects in their resources). */
  static int pdfImages(byte[] pdf) throws IOException {
    int images = 0;
    try (PDDocument document = Loader.loadPDF(pdf)) {
      for (var page : document.getPages()) {
        var resources = page.getResources();
        for (var name : resources.getXObjectNames()) {
          if (resources.isImageXObject(name)) {
            images++;
          }
        }
      }
    }
    return images;
  }

  /** The XMP metadata of a PDF, where PDF/A conformance is declared. */
  static String pdfXmp(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      var metadata = document.getDocumentCatalog().getMetadata();
      return metadata == null ? "" : new String(metadata.toByteArray(), StandardCharsets.UTF_8);
    }
  }

  /** A zip member as UTF-8 text, or null when absent. */
  static String zipText(byte[] zip, String name) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().equals(name)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }

  static byte[] zipBytes(byte[] zip, String name) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().equals(name)) {
          return in.readAllBytes();
        }
      }
    }
    return null;
  }

  static List<String> zipNames(byte[] zip) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        names.add(entry.getName());
      }
    }
    return names;
  }

  /** The text of an ODF document's content.xml with tags removed. */
  static String odfText(byte[] odf) throws IOException {
    String content = zipText(odf, "content.xml");
    return content == null ? "" : content.replaceAll("<[^>]+>", " ");
  }

  static String html(byte[] data) {
    return new String(data, StandardCharsets.UTF_8);
  }
}
