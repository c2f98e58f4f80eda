package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cloudooo.it.TestServers.testData;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.cloudooo.server.CloudoooServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Nothing unsafe gets through: macros, escaping zips, links in every family, hostile XML, auth and TLS. */
@SuppressWarnings("unchecked")
class HardeningIT {

  private static final Path MACRO_MARKER = Path.of("/tmp/cloudooo-macro-ran");
  private static XmlRpcTestClient client;

  @BeforeAll
  static void server() throws Exception {
    client = new XmlRpcTestClient(TestServers.office().port());
  }

  @Test
  void documentMacrosNeverRun() throws Exception {
    Files.deleteIfExists(MACRO_MARKER);
    byte[] pdf = client.convert(testData("macro.odt"), "odt", "pdf");
    assertThat(Documents.pdfText(pdf)).contains("A document whose macro");
    client.call("getFileMetadataItemList", XmlRpcTestClient.b64(testData("macro.odt")), "odt", true);
    client.call("updateFileMetadata", XmlRpcTestClient.b64(testData("macro.odt")), "odt", Map.of("title", "x"));
    assertThat(MACRO_MARKER).doesNotExist();
  }

  @Test
  void zipMembersEscapingTheArchiveAreRefused() throws Exception {
    for (String name : List.of("../evil.html", "/tmp/evil.html", "site/../../evil.html")) {
      assertThatThrownBy(() -> client.convert(zip(name, "<html><body>evil</body></html>"), "zip", "pdf"))
          .isInstanceOf(XmlRpcTestClient.Fault.class)
          .hasMessageContaining("unsafe member name");
    }
    assertThat(Path.of("/tmp/evil.html")).doesNotExist();
  }

  @Test
  void decompressionBombIsRefusedBeforeAnyWorkerSeesIt() throws Exception {
    // A docx of some 150 KB whose document.xml inflates to 150 MB: it used to hold a worker
    // through two timeouts before the poison-document fault.
    ByteArrayOutputStream docx = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(docx)) {
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write("<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      byte[] filler = new byte[1 << 20];
      java.util.Arrays.fill(filler, (byte) ' ');
      zip.write("<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 150; i++) {
        zip.write(filler);
      }
      zip.write("</w:document>".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(docx.size()).isLessThan(400_000);
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.convert(docx.toByteArray(), "docx", "pdf"))
        .isInstanceOf(XmlRpcTestClient.Fault.class)
        .hasMessageContaining("decompression bomb");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void unsafeLinksAreRefusedInEveryFamily() throws Exception {
    String passwd = Files.readAllLines(Path.of("/etc/passwd")).get(0);
    for (String[] document : new String[][] {
        {"unsafe_link.odt", "odt"}, {"unsafe_link.ods", "ods"}, {"unsafe_link.odp", "odp"}, {"unsafe_link.odg", "odg"},
        {"unsafe_link.html", "html"}}) {
      assertThatThrownBy(() -> client.convert(testData(document[0]), document[1], "pdf"))
          .as(document[0])
          .isInstanceOf(XmlRpcTestClient.Fault.class)
          .hasMessageContaining("This document contains unsafe links")
          .satisfies(fault -> assertThat(fault.getMessage()).doesNotContain(passwd));
      assertThatThrownBy(() -> client.call("getFileMetadataItemList", XmlRpcTestClient.b64(testData(document[0])), document[1], true))
          .hasMessageContaining("unsafe links");
    }
  }

  @Test
  void deeplyNestedRequestIsAFaultInBoundedTime() {
    int depth = 50_000;
    String body = "<?xml version='1.0'?><methodCall><methodName>system.methodHelp</methodName><params><param>"
        + "<value><array><data>".repeat(depth) + "</data></array></value>".repeat(depth) + "</param></params></methodCall>";
    long start = System.nanoTime();
    var response = client.post(body);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThatThrownBy(() -> XmlRpcTestClient.parseResponse(response.body()))
        .isInstanceOf(XmlRpcTestClient.Fault.class)
        .hasMessageContaining("ParseError");
  }

  @Test
  void basicAuthIsRequiredWhenConfigured() throws Exception {
    CloudoooServer server = TestServers.wireOnly(Map.of("server.auth_user", "erp5", "server.auth_password", "s3cret"));
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/RPC2");
      String call = "<?xml version='1.0'?><methodCall><methodName>system.listMethods</methodName><params/></methodCall>";
      var anonymous = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(call)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
      var wrong = http.send(HttpRequest.newBuilder(uri).header("Authorization", basic("erp5", "nope"))
          .POST(HttpRequest.BodyPublishers.ofString(call)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(wrong.statusCode()).isEqualTo(401);
      var right = http.send(HttpRequest.newBuilder(uri).header("Authorization", basic("erp5", "s3cret"))
          .POST(HttpRequest.BodyPublishers.ofString(call)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat((List<Object>) XmlRpcTestClient.parseResponse(right.body())).contains("convertFile");
    } finally {
      TestServers.stop(server);
    }
  }

  @Test
  void tlsWhenAKeystoreIsConfigured() throws Exception {
    Path directory = Files.createTempDirectory("cloudooo-tls");
    Path keystore = directory.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "cloudooo", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit")
        .redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).isZero();
    CloudoooServer server = TestServers.wireOnly(Map.of(
        "server.tls_keystore", keystore.toString(), "server.tls_keystore_password", "changeit"));
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(keystore)) {
        trusted.load(in, "changeit".toCharArray());
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, trust.getTrustManagers(), null);
      HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();
      String call = "<?xml version='1.0'?><methodCall><methodName>system.listMethods</methodName><params/></methodCall>";
      var response = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/RPC2"))
          .POST(HttpRequest.BodyPublishers.ofString(call)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat((List<Object>) XmlRpcTestClient.parseResponse(response.body())).contains("convertFile");
    } finally {
      TestServers.stop(server);
      TestServers.deleteQuietly(directory);
    }
  }

  @Test
  void bindsToLocalhostByDefault() {
    assertThat(org.cloudooo.config.ConfigLoader.withOverrides(Map.of()).server().host()).isEqualTo("127.0.0.1");
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] zip(String name, String content) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("index.html"));
      zip.write("<html><body>index</body></html>".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }
}
