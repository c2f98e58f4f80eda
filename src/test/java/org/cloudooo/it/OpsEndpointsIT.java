package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cloudooo.server.CloudoooServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operations endpoints beside XML-RPC, on a server without backends. */
class OpsEndpointsIT {

  private static CloudoooServer server;
  private static OpsHttp http;

  @BeforeAll
  static void start() throws Exception {
    server = TestServers.wireOnly(Map.of());
    http = new OpsHttp(server.port());
  }

  @AfterAll
  static void stop() {
    TestServers.stop(server);
  }

  private static String contentType(HttpResponse<String> response) {
    return response.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase(Locale.ROOT);
  }

  @Test
  void healthIsUpWithoutPoolsAndHeadHasNoBody() {
    var response = http.get("/health");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(contentType(response)).isEqualTo("application/json;charset=utf-8");
    assertThat(http.json("/health").get("status").getAsString()).isEqualTo("up");
    var head = http.send(HttpRequest.newBuilder(http.uri("/health")).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void statusNamesTheVersionAndUptime() {
    var status = http.json("/status");
    assertThat(status.get("version").getAsString()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    assertThat(status.get("uptime_seconds").getAsLong()).isBetween(0L, 600L);
    assertThat(status.get("health").getAsString()).isEqualTo("up");
    assertThat(status.getAsJsonArray("pools")).isEmpty();
    // Calls that no handler took (this server has none) are no handler's conversions.
    var recent = status.getAsJsonObject("recent_conversions");
    assertThat(recent.get("interval_seconds").getAsInt()).isEqualTo(10);
    assertThat(recent.getAsJsonObject("pools").keySet()).isEmpty();
  }

  @Test
  void metricsArePrometheusTextWithJvmMetrics() {
    var response = http.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(contentType(response)).isEqualTo("text/plain;version=0.0.4;charset=utf-8");
    assertThat(response.body()).contains("# TYPE jvm_memory_used_bytes gauge", "process_uptime_seconds", "jvm_threads_live_threads");
    var openMetrics = http.send(HttpRequest.newBuilder(http.uri("/metrics")).header("Accept", "application/openmetrics-text"));
    assertThat(openMetrics.headers().firstValue("Content-Type").orElse("")).startsWith("application/openmetrics-text");
    assertThat(openMetrics.body()).endsWith("# EOF\n");
  }

  @Test
  void failedConversionsAreCountedWithoutLettingClientTextIntoLabels() {
    var client = new XmlRpcTestClient(server.port());
    Map<String, String> series = Map.of("handler", "none", "source", "other", "target", "pdf", "outcome", "HandlerNotFound");
    double before = http.metric("cloudooo_conversions_total", series);
    for (int i = 0; i < 3; i++) {
      try {
        client.convert("x".getBytes(), "no-such-format-" + i, "pdf");
      } catch (XmlRpcTestClient.Fault expected) {
        assertThat(expected.getMessage()).contains("HandlerNotFound");
      }
    }
    assertThat(http.metric("cloudooo_conversions_total", series) - before).isEqualTo(3.0);
    assertThat(http.get("/metrics").body()).doesNotContain("no-such-format");
  }

  @Test
  void theWebPageAndItsAssetsAreServed() {
    var page = http.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(contentType(page)).isEqualTo("text/html;charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
    assertThat(page.body()).contains("<title>cloudooo</title>", "app.js", "style.css");
    assertThat(contentType(http.get("/app.js"))).isEqualTo("text/javascript;charset=utf-8");
    assertThat(http.get("/app.js").body()).contains("convertFile", "getAllowedExtensionList");
    assertThat(http.get("/style.css").statusCode()).isEqualTo(200);
    for (String path : List.of("/missing.js", "/..%2Fcloudooo.conf", "/%2e%2e/cloudooo.conf", "/logback.xml")) {
      assertThat(http.get(path).statusCode()).as(path).isEqualTo(400);
    }
  }

  @Test
  void xmlRpcStillAnswersPostOnTheOperationsPaths() {
    String call = "<?xml version='1.0'?><methodCall><methodName>system.listMethods</methodName><params></params></methodCall>";
    for (String path : List.of("/", "/RPC2", "/health", "/status")) {
      var response = http.send(HttpRequest.newBuilder(http.uri(path)).POST(HttpRequest.BodyPublishers.ofString(call)));
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.body()).as(path).contains("<value>convertFile</value>");
    }
  }

  @Test
  void everyResponseCarriesARequestId() {
    assertThat(http.get("/health").headers().firstValue("X-Request-Id").orElse("")).matches("[0-9a-f]{12}");
    var given = http.send(HttpRequest.newBuilder(http.uri("/RPC2")).header("X-Request-Id", "erp5-abc.42").GET());
    assertThat(given.headers().firstValue("X-Request-Id")).contains("erp5-abc.42");
    var forged = http.send(HttpRequest.newBuilder(http.uri("/status")).header("X-Request-Id", "<script>" + "x".repeat(70)).GET());
    assertThat(forged.headers().firstValue("X-Request-Id").orElse("")).matches("[0-9a-f]{12}");
  }

  @Test
  void stopIsRefusedWithoutItsHeaderOrThroughAProxy() {
    var bare = http.send(HttpRequest.newBuilder(http.uri("/admin/stop")).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(bare.statusCode()).isEqualTo(403);
    assertThat(bare.body()).contains("X-Cloudooo-Command");
    var proxied = http.send(HttpRequest.newBuilder(http.uri("/admin/stop")).header("X-Cloudooo-Command", "stop")
        .header("X-Forwarded-For", "203.0.113.7").POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(proxied.statusCode()).isEqualTo(403);
    assertThat(http.get("/health").statusCode()).as("still serving").isEqualTo(200);
  }
}
