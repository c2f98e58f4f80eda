package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cloudooo.server.CloudoooServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP and XML-RPC contract of the original, on a server without backends. */
@SuppressWarnings("unchecked")
class WireProtocolIT {

  private static CloudoooServer server;
  private static XmlRpcTestClient client;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    server = TestServers.wireOnly(Map.of("max_request_size", 100_000));
    client = new XmlRpcTestClient(server.port());
  }

  @AfterAll
  static void stop() {
    TestServers.stop(server);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  @Test
  void getIsABadRequestWithAnEmptyBody() throws Exception {
    // "/" is the web page now; every other path but the operations endpoints keeps the old answer.
    for (String path : new String[] {"/RPC2", "/any/path", "/admin/stop", "/index.htm", "/webapp/index.html"}) {
      var response = send(HttpRequest.newBuilder(uri(path)).GET());
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(response.body()).as(path).isEmpty();
    }
  }

  @Test
  void postOnAnyPathAnswersWithCors() throws Exception {
    String call = "<?xml version='1.0'?><methodCall><methodName>system.listMethods</methodName><params></params></methodCall>";
    for (String path : new String[] {"/", "/RPC2", "/any/path"}) {
      var response = send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(call)));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
      assertThat((List<Object>) XmlRpcTestClient.parseResponse(response.body())).contains("convertFile");
    }
  }

  @Test
  void introspection() {
    assertThat((List<Object>) client.call("system.listMethods")).contains(
        "convertFile", "getAllowedConversionFormatList", "getAllowedExtensionList",
        "system.listMethods", "system.methodHelp", "system.methodSignature", "run_convert", "run_generate",
        "run_getmetadata", "run_setmetadata", "getAllowedTargetItemList", "getChapterItem", "getTableItemList");
    // Exactly the original's 23 methods, and the 5 job methods beside them.
    assertThat((List<Object>) client.call("system.listMethods")).hasSize(28)
        .contains("submitJob", "getJobStatus", "getJobResult", "deleteJob", "listJobs");
    assertThat((String) client.call("system.methodHelp", "convertFile")).contains("destination_format");
    assertThat(client.call("system.methodSignature", "convertFile")).isEqualTo("signatures not supported");
  }

  @Test
  void pythonNilAndI8AreAccepted() {
    assertThat((List<?>) client.call("getAllowedExtensionList", (Object) null)).isNotNull();
    String call = "<?xml version='1.0'?><methodCall><methodName>convertFile</methodName><params>"
        + "<param><value><string>aGk=</string></value></param><param><value><string>foo</string></value></param>"
        + "<param><value><nil/></value></param><param><value><i8>0</i8></value></param></params></methodCall>";
    assertThatThrownBy(() -> XmlRpcTestClient.parseResponse(client.post(call).body()))
        .hasMessageContaining("No Handler found for 'foo'=>None");
  }

  @Test
  void malformedXmlIsAFault() {
    assertThatThrownBy(() -> XmlRpcTestClient.parseResponse(client.post("<methodCall><methodName>x").body()))
        .isInstanceOf(XmlRpcTestClient.Fault.class)
        .hasMessageStartingWith("ParseError:");
  }

  @Test
  void entityExpansionIsAFault() {
    String bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
        + "<methodCall><methodName>system.methodHelp</methodName><params><param><value><string>&lol3;</string>"
        + "</value></param></params></methodCall>";
    var response = client.post(bomb);
    assertThatThrownBy(() -> XmlRpcTestClient.parseResponse(response.body())).hasMessageContaining("DOCTYPE");
    assertThat(response.body()).doesNotContain("lollollol");
  }

  @Test
  void externalDtdIsNotFetched() {
    String call = "<?xml version=\"1.0\"?><!DOCTYPE methodCall SYSTEM \"http://127.0.0.1:1/ext.dtd\">"
        + "<methodCall><methodName>system.listMethods</methodName><params></params></methodCall>";
    assertThatThrownBy(() -> XmlRpcTestClient.parseResponse(client.post(call).body())).hasMessageContaining("DOCTYPE");
  }

  @Test
  void oversizeRequestIsAFault() {
    String big = "x".repeat(200_000);
    var response = client.post("<?xml version='1.0'?><methodCall><methodName>system.methodHelp</methodName><params>"
        + "<param><value><string>" + big + "</string></value></param></params></methodCall>");
    assertThatThrownBy(() -> XmlRpcTestClient.parseResponse(response.body()))
        .isInstanceOf(XmlRpcTestClient.Fault.class)
        .hasMessageContaining("max_request_size");
    // The rest of the body is never read, so the connection cannot carry the client's next call.
    assertThat(response.headers().firstValue("Connection")).contains("close");
  }

  @Test
  void nonBmpCharactersRoundTrip() {
    assertThatThrownBy(() -> client.call("getAllowedConversionFormatList", "😀/中文", "extra"))
        .hasMessageContaining("TypeError");
    assertThatThrownBy(() -> client.call("convertFile", "aGk=", "😀", "pdf")).hasMessageContaining("😀");
  }
}
