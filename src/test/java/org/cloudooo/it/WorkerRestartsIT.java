package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudooo.it.TestServers.await;
import static org.cloudooo.it.TestServers.testData;

import java.time.Duration;
import java.util.Map;
import org.cloudooo.server.CloudoooServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Given one LibreOffice worker recycled every two conversions, /metrics counts its restarts by reason. */
class WorkerRestartsIT {

  private static CloudoooServer server;
  private static OpsHttp http;
  private static XmlRpcTestClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TestServers.start(Map.of(
        "pool_size", 1,
        "openoffice_port", TestServers.freePortPair(),
        "limit_number_request", 2,
        "health_cache_seconds", 0));
    http = new OpsHttp(server.port());
    client = new XmlRpcTestClient(server.port());
  }

  @AfterAll
  static void stop() {
    TestServers.stop(server);
  }

  private static double restarts(String reason) {
    return http.metric("cloudooo_worker_restarts_total", Map.of("pool", "office", "reason", reason));
  }

  @Test
  void recyclingAfterTheUseLimitIsCountedAsRecycle() throws Exception {
    assertThat(restarts("recycle")).isZero();
    for (int i = 0; i < 4; i++) {
      assertThat(Documents.isPdf(client.convert(testData("hello.odt"), "odt", "pdf"))).isTrue();
    }
    // Each worker that reached 2 uses restarts in the background, a spare serving meanwhile.
    await("two recycles counted", Duration.ofSeconds(60), () -> restarts("recycle") == 2.0);
    assertThat(restarts("crash")).isZero();
    assertThat(restarts("timeout")).isZero();
    assertThat(restarts("memory")).isZero();
    assertThat(http.get("/health").statusCode()).isEqualTo(200);
  }
}
