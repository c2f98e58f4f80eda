package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cloudooo.server.CloudoooServer;
import org.junit.jupiter.api.Test;

/** When every worker is busy, clients wait a bounded time and a full queue answers "busy" at once. */
class BackpressureIT {

  @Test
  void fullQueueAndLongWaitAreClearBusyFaults() throws Exception {
    CloudoooServer server = TestServers.start(Map.of("pool_size", 1, "spare_workers", 0,
        "openoffice_port", TestServers.freePortPair(), "max_queue_size", 1, "queue_timeout", 3, "timeout_response", 120));
    try {
      var client = new XmlRpcTestClient(server.port());
      byte[] slow = "A line for a conversion that keeps the only worker busy.\n".repeat(60_000).getBytes(StandardCharsets.UTF_8);
      CompletableFuture<byte[]> busy = CompletableFuture.supplyAsync(() -> client.convert(slow, "txt", "pdf"));
      awaitBusy(server);
      CompletableFuture<Throwable> waiting = CompletableFuture.supplyAsync(() -> {
        try {
          client.convert(TestServers.testData("hello.odt"), "odt", "pdf");
          return null;
        } catch (Throwable failure) {
          return failure;
        }
      });
      awaitWaiting(server);
      long start = System.nanoTime();
      assertThatThrownBy(() -> client.convert(TestServers.testData("hello.odt"), "odt", "pdf"))
          .hasMessageStartingWith("ServerBusy:")
          .hasMessageContaining("max_queue_size");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(waiting.get(1, TimeUnit.MINUTES))
          .isNotNull()
          .hasMessageStartingWith("ServerBusy:")
          .hasMessageContaining("queue_timeout");
      assertThat(Documents.isPdf(busy.get(5, TimeUnit.MINUTES))).isTrue();
    } finally {
      TestServers.stop(server);
    }
  }

  private static void awaitBusy(CloudoooServer server) throws InterruptedException {
    TestServers.await("the worker busy", Duration.ofSeconds(30), () -> TestServers.officePool(server).free() == 0);
  }

  private static void awaitWaiting(CloudoooServer server) throws InterruptedException {
    TestServers.await("a request waiting", Duration.ofSeconds(30), () -> TestServers.officePool(server).waiting() == 1);
  }
}
