package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudooo.it.Documents.isPdf;
import static org.cloudooo.it.Documents.pdfText;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Given the server on LibreOffice 7.4.7 with the default configuration, the format lists are
 * the ones the original cloudooo answers on the same LibreOffice (its mimemapper and
 * extension guesses run on this LibreOffice's filter table and Debian's /etc/mime.types):
 * PowerPoint 2007–365 exports list as pptx/ppsx, macro-enabled Word and PowerPoint targets
 * appear only in the document-type lists, and LibreOffice 7.4 has no emz, svgz or wmz export.
 */
class FormatListsIT {

  private static XmlRpcTestClient client;

  @BeforeAll
  static void server() throws Exception {
    client = new XmlRpcTestClient(TestServers.office().port());
  }

  /** {"document_type": "presentation"} */
  private static final List<List<String>> PRESENTATION = List.of(
      pair("bmp", "BMP - Windows Bitmap"),
      pair("emf", "EMF - Enhanced Metafile"),
      pair("eps", "EPS - Encapsulated PostScript"),
      pair("fodp", "Flat XML ODF Presentation"),
      pair("gif", "GIF - Graphics Interchange Format"),
      pair("html", "HTML Document (Impress)"),
      pair("jpg", "JPEG - Joint Photographic Experts Group"),
      pair("odp", "ODF Presentation"),
      pair("pdf", "PDF - Portable Document Format"),
      pair("png", "PNG - Portable Network Graphics"),
      pair("pps", "PowerPoint 97–2003 AutoPlay"),
      pair("ppsx", "Office Open XML Presentation AutoPlay"),
      pair("ppsx", "PowerPoint 2007–365 AutoPlay"),
      pair("ppt", "PowerPoint 97–2003"),
      pair("pptm", "PowerPoint 2007–365 VBA"),
      pair("pptx", "Office Open XML Presentation"),
      pair("pptx", "PowerPoint 2007–365"),
      pair("svg", "SVG - Scalable Vector Graphics"),
      pair("tiff", "TIFF - Tagged Image File Format"),
      pair("webp", "WEBP - WebP Image"),
      pair("wmf", "WMF - Windows Metafile"));

  /**
   * {"mimetype": the pptx type}: the presentation list through the original's extension guess,
   * which finds no extension for the macro-enabled type (pptm) and calls every PowerPoint 97
   * type ppt (the AutoPlay export too).
   */
  private static final List<List<String>> FROM_PPTX_TYPE = PRESENTATION.stream()
      .filter(pair -> !pair.get(0).equals("pptm"))
      .map(pair -> pair.get(0).equals("pps") ? pair("ppt", pair.get(1)) : pair)
      .toList();

  /** {"document_type": "drawing"} */
  private static final List<List<String>> DRAWING = List.of(
      pair("bmp", "BMP - Windows Bitmap"),
      pair("emf", "EMF - Enhanced Metafile"),
      pair("eps", "EPS - Encapsulated PostScript"),
      pair("fodg", "Flat XML ODF Drawing"),
      pair("gif", "GIF - Graphics Interchange Format"),
      pair("html", "HTML Document (Draw)"),
      pair("jpg", "JPEG - Joint Photographic Experts Group"),
      pair("odg", "ODF Drawing"),
      pair("pdf", "PDF - Portable Document Format"),
      pair("png", "PNG - Portable Network Graphics"),
      pair("svg", "SVG - Scalable Vector Graphics"),
      pair("tiff", "TIFF - Tagged Image File Format"),
      pair("webp", "WEBP - WebP Image"),
      pair("wmf", "WMF - Windows Metafile"));

  /** {"document_type": "spreadsheet"} */
  private static final List<List<String>> SPREADSHEET = List.of(
      pair("csv", "Text CSV"),
      pair("fods", "Flat XML ODF Spreadsheet"),
      pair("html", "HTML Document (Calc)"),
      pair("jpg", "JPEG - Joint Photographic Experts Group"),
      pair("ms.xlsx", "Excel 2007–365"),
      pair("ods", "ODF Spreadsheet"),
      pair("pdf", "PDF - Portable Document Format"),
      pair("png", "PNG - Portable Network Graphics"),
      pair("slk", "SYLK"),
      pair("webp", "WEBP - WebP Image"),
      pair("xls", "Excel 97–2003"),
      pair("xlsm", "Excel 2007–365 (macro-enabled)"),
      pair("xlsx", "Office Open XML Spreadsheet"));

  /** {"extension": "docx"} and {"mimetype": "application/msword"}: the text list without docm. */
  private static final List<List<String>> FROM_WORD = List.of(
      pair("doc", "Word 97–2003"),
      pair("docx", "Office Open XML Text (Transitional)"),
      pair("epub", "EPUB Document"),
      pair("fodt", "Flat XML ODF Text Document"),
      pair("html", "HTML Document (Writer)"),
      pair("jpg", "JPEG - Joint Photographic Experts Group"),
      pair("ms.docx", "Word 2007–365"),
      pair("odt", "ODF Text Document"),
      pair("pdf", "PDF - Portable Document Format"),
      pair("png", "PNG - Portable Network Graphics"),
      pair("rtf", "Rich Text"),
      pair("txt", "Text - Choose Encoding"),
      pair("webp", "WEBP - WebP Image"));

  /** {"document_type": "text"}: the mimemapper's own list keeps docm. */
  private static final List<List<String>> TEXT =
      java.util.stream.Stream.concat(FROM_WORD.stream(), java.util.stream.Stream.of(pair("docm", "Word 2007–365 VBA"))).toList();

  private static final List<List<String>> FORMATS_OF_DOCX = List.of(
      pair("application/epub+zip", "EPUB Document"),
      pair("application/msword", "Word 97–2003"),
      pair("application/pdf", "PDF - Portable Document Format"),
      pair("application/rtf", "Rich Text"),
      pair("application/vnd.ms-word.document.macroEnabled.12", "Word 2007–365 VBA"),
      pair("application/vnd.oasis.opendocument.text", "ODF Text Document"),
      pair("application/vnd.oasis.opendocument.text-flat-xml", "Flat XML ODF Text Document"),
      pair("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Office Open XML Text (Transitional)"),
      pair("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word 2007–365"),
      pair("image/jpeg", "JPEG - Joint Photographic Experts Group"),
      pair("image/png", "PNG - Portable Network Graphics"),
      pair("image/webp", "WEBP - WebP Image"),
      pair("text/html", "HTML Document (Writer)"),
      pair("text/plain", "Text - Choose Encoding"));

  @Test
  void documentTypeListsAreTheOriginals() {
    assertThat(extensions(Map.of("document_type", "text"))).containsExactlyInAnyOrderElementsOf(TEXT);
    assertThat(extensions(Map.of("document_type", "presentation"))).containsExactlyInAnyOrderElementsOf(PRESENTATION);
    assertThat(extensions(Map.of("document_type", "drawing"))).containsExactlyInAnyOrderElementsOf(DRAWING);
    assertThat(extensions(Map.of("document_type", "spreadsheet"))).containsExactlyInAnyOrderElementsOf(SPREADSHEET);
  }

  @Test
  void listsByExtensionAndMimetypeAreTheOriginals() {
    assertThat(extensions(Map.of("extension", "docx"))).containsExactlyInAnyOrderElementsOf(FROM_WORD);
    assertThat(extensions(Map.of("mimetype", "application/msword"))).containsExactlyInAnyOrderElementsOf(FROM_WORD);
    assertThat(extensions(Map.of("mimetype", "application/vnd.openxmlformats-officedocument.presentationml.presentation")))
        .containsExactlyInAnyOrderElementsOf(FROM_PPTX_TYPE);
    @SuppressWarnings("unchecked")
    List<List<String>> formats = (List<List<String>>) client.call(
        "getAllowedConversionFormatList", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assertThat(formats).containsExactlyInAnyOrderElementsOf(FORMATS_OF_DOCX);
  }

  @Test
  void targetItemListsFollowTheSameLists() {
    List<?> answer = (List<?>) client.call("getAllowedTargetItemList", "application/vnd.openxmlformats-officedocument.presentationml.presentation");
    assertThat(answer.get(0)).isEqualTo(200);
    @SuppressWarnings("unchecked")
    List<List<String>> targets = (List<List<String>>) ((Map<String, Object>) answer.get(1)).get("response_data");
    assertThat(targets.stream().distinct().toList()).containsExactlyInAnyOrderElementsOf(FROM_PPTX_TYPE);
  }

  @Test
  void rtfConvertsToPdf() throws Exception {
    String rtf = "{\\rtf1\\ansi{\\fonttbl{\\f0 Times;}}\\f0 Rich text reaches LibreOffice.\\par}";
    byte[] pdf = client.convert(rtf.getBytes(StandardCharsets.US_ASCII), "rtf", "pdf");
    assertThat(isPdf(pdf)).isTrue();
    assertThat(pdfText(pdf)).contains("Rich text reaches LibreOffice.");
  }

  @Test
  void formerPowerPointTargetsStillConvert() throws Exception {
    byte[] pptx = client.convert(TestServers.testData("slides.odp"), "odp", "ms.pptx");
    assertThat(Documents.zipText(pptx, "[Content_Types].xml")).contains("presentationml");
  }

  @SuppressWarnings("unchecked")
  private static List<List<String>> extensions(Map<String, Object> request) {
    return (List<List<String>>) client.call("getAllowedExtensionList", request);
  }

  private static List<String> pair(String extension, String title) {
    return List.of(extension, title);
  }
}
