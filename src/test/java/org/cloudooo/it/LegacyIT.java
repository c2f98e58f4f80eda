package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudooo.it.TestServers.testData;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ERP5/oood methods answer [status, dict, message] with the original's keys. */
@SuppressWarnings("unchecked")
class LegacyIT {

  private static XmlRpcTestClient client;

  @BeforeAll
  static void server() throws Exception {
    client = new XmlRpcTestClient(TestServers.office().port());
  }

  private static List<Object> call(String method, Object... params) {
    return (List<Object>) client.call(method, params);
  }

  @Test
  void runConvertGivesTheOdfWithItsMetadata() throws Exception {
    List<Object> answer = call("run_convert", "hello.doc", XmlRpcTestClient.b64(testData("hello.doc")));
    assertThat(answer.get(0)).isEqualTo(200);
    Map<String, Object> response = (Map<String, Object>) answer.get(1);
    assertThat(response).containsOnlyKeys("data", "meta", "mime");
    assertThat(response).containsEntry("mime", "application/vnd.oasis.opendocument.text");
    assertThat((Map<String, Object>) response.get("meta")).containsEntry("MIMEType", "application/vnd.oasis.opendocument.text")
        .doesNotContainKey("Data");
    assertThat(Documents.zipText(Base64.getMimeDecoder().decode((String) response.get("data")), "mimetype"))
        .isEqualTo("application/vnd.oasis.opendocument.text");
    assertThat(answer.get(2)).isEqualTo("");
  }

  @Test
  void setThenGetMetadata() throws Exception {
    List<Object> set = call("run_setmetadata", "hello.odt", XmlRpcTestClient.b64(testData("hello.odt")), Map.of("title", "Legacy Title"));
    assertThat(set.get(0)).isEqualTo(200);
    assertThat((Map<String, Object>) set.get(1)).containsOnlyKeys("data");
    List<Object> get = call("run_getmetadata", "hello.odt", ((Map<String, Object>) set.get(1)).get("data"));
    Map<String, Object> meta = (Map<String, Object>) ((Map<String, Object>) get.get(1)).get("meta");
    assertThat(meta).containsEntry("title", "Legacy Title").containsEntry("Title", "Legacy Title");
  }

  @Test
  void generateZipsHtmlAndNamesMimetypes() throws Exception {
    List<Object> html = call("run_generate", "slides.odp", XmlRpcTestClient.b64(testData("slides.odp")), null, "html",
        "application/vnd.oasis.opendocument.presentation");
    assertThat(html.get(0)).isEqualTo(200);
    Map<String, Object> response = (Map<String, Object>) html.get(1);
    assertThat(response).containsEntry("mime", "application/zip");
    assertThat(Documents.zipNames(Base64.getMimeDecoder().decode((String) response.get("data")))).anyMatch(n -> n.endsWith("impr.html"));
    List<Object> xlsx = call("run_generate", "sheet.ods", XmlRpcTestClient.b64(testData("sheet.ods")), null, "ms.xlsx",
        "application/vnd.oasis.opendocument.spreadsheet");
    assertThat((Map<String, Object>) xlsx.get(1)).containsEntry("mime", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }

  @Test
  void allowedTargetsAsExtensions() {
    List<Object> answer = call("getAllowedTargetItemList", "application/vnd.oasis.opendocument.text");
    assertThat(answer.get(0)).isEqualTo(200);
    List<List<String>> targets = (List<List<String>>) ((Map<String, Object>) answer.get(1)).get("response_data");
    assertThat(targets).contains(List.of("pdf", "PDF - Portable Document Format"), List.of("ms.docx", "Word 2007–365"));
  }

  @Test
  void badDataIs402WithAReadableMessage() throws Exception {
    List<Object> answer = call("run_convert", "x.docx", XmlRpcTestClient.b64(testData("truncated.docx")));
    assertThat(answer.get(0)).isEqualTo(402);
    assertThat((Map<?, ?>) answer.get(1)).isEmpty();
    assertThat((String) answer.get(2)).contains("can not be loaded").doesNotStartWith("Traceback");
    List<Object> untitled = call("run_setmetadata", "hello.odt", XmlRpcTestClient.b64(testData("hello.odt")), Map.of("title", ""));
    List<Object> noTitle = call("run_getmetadata", "x.odt", ((Map<String, Object>) untitled.get(1)).get("data"));
    assertThat(noTitle.get(0)).isEqualTo(402);
    assertThat((String) noTitle.get(2)).contains("Title");
  }
}
