package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cloudooo.it.TestServers.await;
import static org.cloudooo.it.OfficeOpsIT.officePool;
import static org.cloudooo.it.OfficeOpsIT.workers;
import static org.cloudooo.it.TestServers.testData;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cloudooo.server.CloudoooServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Given a server of its own with one LibreOffice worker and no spare, /health turns 503 when
 * the pool cannot serve (its only soffice frozen, or too many requests waiting) and 200 again
 * once it can.
 */
class HealthIT {

  private static CloudoooServer server;
  private static OpsHttp http;
  private static XmlRpcTestClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TestServers.start(Map.of(
        "pool_size", 1,
        "spare_workers", 0,
        "openoffice_port", TestServers.freePortPair(),
        "health_cache_seconds", 0.2,
        "health_max_waiting_per_worker", 1,
        "timeout_response", 60));
    http = new OpsHttp(server.port());
    client = new XmlRpcTestClient(server.port());
  }

  @AfterAll
  static void stop() {
    TestServers.stop(server);
  }

  private static long sofficePid() {
    return workers(officePool(http.json("/status"))).get(0).get("pid").getAsLong();
  }

  private static void signal(String signal, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -" + signal + " " + pid).isZero();
  }

  @Test
  void downWhileTheOnlySofficeIsStoppedAndUpAgainOnceJodconverterRestartedIt() throws Exception {
    var up = http.get("/health");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(http.json("/health").getAsJsonObject("pools").getAsJsonObject("office").get("live").getAsInt()).isEqualTo(1);
    long frozen = sofficePid();
    assertThat(frozen).isPositive();

    signal("STOP", frozen);
    try {
      await("down", Duration.ofSeconds(10), () -> http.get("/health").statusCode() == 503);
      var down = http.json("/health");
      assertThat(down.get("status").getAsString()).isEqualTo("down");
      assertThat(down.get("reason").getAsString()).isEqualTo("pool office: none of its 1 workers has a live backend");
      assertThat(workers(officePool(http.json("/status"))).get(0).get("process_running").getAsBoolean()).isFalse();
    } finally {
      // SIGKILL ends a stopped process too: jodconverter sees the connection drop and restarts soffice.
      signal("KILL", frozen);
    }

    // The killed process may look alive for a moment (woken to die): wait for its successor.
    await("restarted", Duration.ofSeconds(90), () -> sofficePid() > 0 && sofficePid() != frozen);
    // The conversion waits until jodconverter has connected to the new soffice.
    assertThat(Documents.pdfText(client.convert(testData("hello.odt"), "odt", "pdf"))).contains("The quick brown fox");
    await("up again", Duration.ofSeconds(30), () -> http.get("/health").statusCode() == 200);
    assertThat(http.json("/health").getAsJsonObject("pools").getAsJsonObject("office").get("live").getAsInt()).isEqualTo(1);
  }

  @Test
  void downWhileMoreRequestsWaitThanTheLimitAllows() throws Exception {
    await("up", Duration.ofSeconds(90), () -> http.get("/health").statusCode() == 200);
    byte[] longText = "A line of text that keeps the only worker busy for a while.\n".repeat(8000).getBytes(StandardCharsets.UTF_8);
    List<CompletableFuture<byte[]>> calls = new ArrayList<>();
    calls.add(CompletableFuture.supplyAsync(() -> client.convert(longText, "txt", "pdf")));
    await("busy", Duration.ofSeconds(20), () -> officePool(http.json("/status")).get("free").getAsInt() == 0);
    // The limit is 1 waiting request per worker: the second waiting one saturates the pool.
    byte[] odt = testData("hello.odt");
    for (int i = 0; i < 2; i++) {
      calls.add(CompletableFuture.supplyAsync(() -> client.convert(odt, "odt", "pdf")));
    }
    await("saturated", Duration.ofSeconds(20), () -> http.get("/health").statusCode() == 503);
    assertThat(http.json("/health").get("reason").getAsString())
        .isEqualTo("pool office is saturated: 2 requests wait for 1 workers (limit 1)");

    for (CompletableFuture<byte[]> call : calls) {
      assertThat(Documents.isPdf(call.get(2, TimeUnit.MINUTES))).isTrue();
    }
    await("up after the queue drained", Duration.ofSeconds(10), () -> http.get("/health").statusCode() == 200);
  }
}
