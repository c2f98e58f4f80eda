package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server as a process: a signal lets the request in flight finish, then nothing is left behind. */
class ShutdownIT {

  @Test
  void sighupFinishesTheRequestInFlightAndLeavesNothing() throws Exception {
    assertGracefulStop("HUP");
  }

  @Test
  void sigtermStopsCleanly() throws Exception {
    assertGracefulStop("TERM");
  }

  private void assertGracefulStop(String signal) throws Exception {
    Path workingPath = Files.createTempDirectory("cloudooo-shutdown");
    int unoPort = TestServers.freePortPair();
    try (ServerProcess server = ServerProcess.start(workingPath, "-Dserver.port=0", "-Dpool_size=1", "-Dopenoffice_port=" + unoPort)) {
      var client = new XmlRpcTestClient(server.awaitPort());
      byte[] longText = ("A line of text for a long conversion.\n".repeat(4000)).getBytes(StandardCharsets.UTF_8);
      CompletableFuture<byte[]> inFlight = CompletableFuture.supplyAsync(() -> client.convert(longText, "txt", "pdf"));
      Thread.sleep(700);
      server.signal(signal);

      assertThat(Documents.isPdf(inFlight.get(2, TimeUnit.MINUTES))).as("the request in flight got its PDF").isTrue();
      assertThat(server.awaitExit()).as(server.output()).isZero();
      assertThat(ServerProcess.sofficeProcessesOn(unoPort)).as("soffice left on port " + unoPort).isEmpty();
      try (var left = Files.list(workingPath.resolve("tmp"))) {
        assertThat(left.toList()).isEmpty();
      }
    } finally {
      TestServers.deleteQuietly(workingPath);
    }
  }
}
