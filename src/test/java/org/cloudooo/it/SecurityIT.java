package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cloudooo.it.TestServers.testData;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Documents that would read local files through links are refused; nothing of those files leaks. */
class SecurityIT {

  private static XmlRpcTestClient client;
  private static String PASSWD_LINE;

  @BeforeAll
  static void server() throws Exception {
    client = new XmlRpcTestClient(TestServers.office().port());
    PASSWD_LINE = passwdLine();
  }

  @Test
  void odtLinkingALocalFileIsRefused() throws Exception {
    for (String target : new String[] {"pdf", "odt", "html", "ms.docx"}) {
      assertThatThrownBy(() -> client.convert(testData("unsafe_link.odt"), "odt", target))
          .isInstanceOf(XmlRpcTestClient.Fault.class)
          .hasMessageContaining("This document contains unsafe links")
          .satisfies(fault -> assertThat(fault.getMessage()).doesNotContain(PASSWD_LINE));
    }
  }

  @Test
  void htmlLinkingALocalFileIsRefused() throws Exception {
    assertThatThrownBy(() -> client.convert(testData("unsafe_link.html"), "html", "pdf"))
        .isInstanceOf(XmlRpcTestClient.Fault.class)
        .hasMessageContaining("This document contains unsafe links");
  }

  @Test
  void xxeInTheRequestIsAFaultAndReadsNothing() {
    String payload = "<?xml version=\"1.0\"?><!DOCTYPE methodCall [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
        + "<methodCall><methodName>getAllowedConversionFormatList</methodName>"
        + "<params><param><value><string>&xxe;</string></value></param></params></methodCall>";
    var response = client.post(payload);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> XmlRpcTestClient.parseResponse(response.body()))
        .isInstanceOf(XmlRpcTestClient.Fault.class)
        .hasMessageContaining("DOCTYPE");
    assertThat(response.body()).doesNotContain(PASSWD_LINE);
  }

  private static String passwdLine() throws Exception {
    return Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8).get(0);
  }
}
