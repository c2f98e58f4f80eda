package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server as a process: a signal drains it (/health says draining at once, the request in
 * flight finishes), then it stops and nothing is left behind. New work during the drain is
 * admitted for drain_admit_period when /health was polled (as here), so that a load balancer's
 * checks take the instance out first; with drain_admit_period 0 it is sent away with 503 at once.
 */
class ShutdownIT {

  @Test
  void sighupDrainsAdmitsNewWorkWhileHealthIsWatchedAndFinishesTheRequestInFlight() throws Exception {
    assertGracefulStop("HUP", 3);
  }

  @Test
  void sigtermWithoutAnAdmitPeriodRefusesNewWorkAtOnceAndStopsCleanly() throws Exception {
    assertGracefulStop("TERM", 0);
  }

  @Test
  void sigtermDuringTheStartStopsTheServerOnceStartedAndLeavesNoSoffice() throws Exception {
    Path workingPath = Files.createTempDirectory("cloudooo-shutdown");
    int unoPort = TestServers.freePortPair();
    try (ServerProcess server = ServerProcess.start(workingPath, "-Dserver.port=0", "-Dpool_size=1", "-Dopenoffice_port=" + unoPort)) {
      TestServers.await("the office start", Duration.ofMinutes(1), () -> server.output().contains("starting handler ooo"));
      server.signal("TERM");

      assertThat(server.awaitExit()).as(server.output()).isZero();
      assertThat(server.output()).contains("SIGTERM received; stopping once the start is over").contains("stopped");
      assertThat(ServerProcess.sofficeProcessesOn(unoPort)).as("soffice left on port " + unoPort).isEmpty();
      assertThat(ServerProcess.sofficeProcessesOn(unoPort + 1)).as("soffice left on port " + (unoPort + 1)).isEmpty();
    } finally {
      TestServers.deleteQuietly(workingPath);
    }
  }

  private void assertGracefulStop(String signal, int admitSeconds) throws Exception {
    Path workingPath = Files.createTempDirectory("cloudooo-shutdown");
    int unoPort = TestServers.freePortPair();
    try (ServerProcess server = ServerProcess.start(workingPath, "-Dserver.port=0", "-Dpool_size=1", "-Dopenoffice_port=" + unoPort,
        "-Ddrain_admit_period=" + admitSeconds)) {
      int port = server.awaitPort();
      var client = new XmlRpcTestClient(port);
      var ops = new OpsHttp(port);
      byte[] longText = ("A line of text for a long conversion.\n".repeat(8000)).getBytes(StandardCharsets.UTF_8);
      CompletableFuture<byte[]> inFlight = CompletableFuture.supplyAsync(() -> client.convert(longText, "txt", "pdf"));
      TestServers.await("converting", Duration.ofMinutes(1), () -> officeFree(ops) == 0);
      server.signal(signal);

      // The drain shows at once, while the conversion runs.
      TestServers.await("draining", Duration.ofSeconds(30), () -> ops.get("/health").statusCode() == 503);
      var health = ops.get("/health");
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(JsonParser.parseString(health.body()).getAsJsonObject().get("status").getAsString()).isEqualTo("draining");
      HttpResponse<String> newWork = client.post("<?xml version='1.0'?><methodCall><methodName>getAllowedExtensionList</methodName>"
          + "<params><param><value><struct><member><name>extension</name><value><string>odt</string></value></member>"
          + "</struct></value></param></params></methodCall>");
      if (admitSeconds > 0) {
        assertThat(newWork.statusCode()).as("new work inside the admit period").isEqualTo(200);
        assertThat(newWork.body()).contains("pdf").doesNotContain("faultCode");
      } else {
        assertThat(newWork.statusCode()).as("new work during the drain").isEqualTo(503);
        assertThat(newWork.body()).startsWith("Draining: ");
        assertThat(inFlight).as("the conversion is still running").isNotDone();
      }

      assertThat(Documents.isPdf(inFlight.get(2, TimeUnit.MINUTES))).as("the request in flight got its PDF").isTrue();
      assertThat(server.awaitExit()).as(server.output()).isZero();
      assertThat(server.output()).contains("draining: /health answers 503")
          .contains(admitSeconds > 0 ? "refused after " + admitSeconds * 1000 + " ms" : "new requests are refused;");
      assertThat(ServerProcess.sofficeProcessesOn(unoPort)).as("soffice left on port " + unoPort).isEmpty();
      try (var left = Files.list(workingPath.resolve("tmp"))) {
        assertThat(left.toList()).isEmpty();
      }
    } finally {
      TestServers.deleteQuietly(workingPath);
    }
  }

  private static int officeFree(OpsHttp ops) {
    return ops.json("/health").getAsJsonObject("pools").getAsJsonObject("office").get("free").getAsInt();
  }
}
