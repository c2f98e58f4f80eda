package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cloudooo.it.TestServers.testData;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cloudooo.server.CloudoooServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Given bad documents or arguments, the client gets a clear fault and the server stays healthy. */
class BadInputIT {

  private static CloudoooServer server;
  private static XmlRpcTestClient client;

  @BeforeAll
  static void server() throws Exception {
    server = TestServers.office();
    client = new XmlRpcTestClient(server.port());
  }

  @AfterEach
  void serverStillConvertsAndLeavesNoTempFile() throws Exception {
    byte[] pdf = client.convert(testData("hello.odt"), "odt", "pdf");
    assertThat(Documents.isPdf(pdf)).isTrue();
    try (var left = Files.list(server.config().jobRoot())) {
      assertThat(left.toList()).isEmpty();
    }
  }

  private static void assertFault(ThrowingCall call, String... fragments) {
    var assertion = assertThatThrownBy(call::run).isInstanceOf(XmlRpcTestClient.Fault.class);
    assertion.satisfies(e -> assertThat(((XmlRpcTestClient.Fault) e).code).isEqualTo(1));
    for (String fragment : fragments) {
      assertion.hasMessageContaining(fragment);
    }
    assertion.hasMessageNotContaining("\tat ").hasMessageNotContaining("Exception:  at");
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void invalidBase64() {
    assertFault(() -> client.call("convertFile", "aG=k", "odt", "pdf"), "base64");
  }

  @Test
  void emptyFile() {
    assertFault(() -> client.call("convertFile", "", "docx", "pdf"), "empty");
  }

  @Test
  void truncatedDocx() {
    assertFault(() -> client.convert(testData("truncated.docx"), "docx", "pdf"), "docx");
  }

  @Test
  void truncatedOdt() {
    assertFault(() -> client.convert(testData("truncated.odt"), "odt", "pdf"), "odt");
  }

  @Test
  void imageNamedDocx() {
    assertFault(() -> client.convert(testData("not_a_docx.docx"), "docx", "pdf"), "docx");
  }

  @Test
  void textNamedXlsx() {
    assertFault(() -> client.convert(testData("text_as.xlsx"), "xlsx", "ods"), "xlsx");
  }

  @Test
  void garbageDoc() {
    assertFault(() -> client.convert(testData("garbage.doc"), "doc", "pdf"), "doc");
  }

  @Test
  void unknownFormatsHaveNoHandlerOrTarget() {
    assertFault(() -> client.convert(testData("hello.odt"), "foo", "bar"), "No Handler found for 'foo'=>'bar'");
  }

  @Test
  void wrongArgumentCountAndTypes() {
    assertFault(() -> client.call("convertFile", List.of("x")), "TypeError", "convertFile()");
    assertFault(() -> client.call("convertFile", "aGk=", 3, "pdf"), "TypeError", "source_format");
    assertFault(() -> client.call("convertFile", "aGk=", "odt", "pdf", false, false, "kw"), "TypeError", "conversion_kw");
    assertFault(() -> client.call("getAllowedConversionFormatList"), "TypeError");
  }

  @Test
  void documentAsBinaryIsRefusedAsTheOriginalDoes() {
    assertFault(() -> client.call("convertFile", "abc".getBytes(), "odt", "pdf"),
        "TypeError:`file` must be provided as a string with the file content encoded as base64");
  }

  @Test
  void unknownMethodAndUnknownOption() {
    assertFault(() -> client.call("nosuch"), "method \"nosuch\" is not supported");
    assertFault(() -> client.convert(testData("hello.odt"), "odt", "pdf", false, false, Map.of("foo", "bar")), "foo");
    assertFault(() -> client.convert(testData("hello.odt"), "odt", "pdf", false, false, Map.of("script", "x")),
        "scripting is disabled");
  }

  @Test
  void handlerMissingFromThisBuildIsAFault() {
    assertFault(() -> client.convert(Arrays.copyOf(new byte[] {1}, 10), "docy", "docx"),
        "No Handler found for 'docy'=>'docx'", "x2t");
  }

  static byte[] bytes(String name) throws IOException {
    return testData(name);
  }
}
