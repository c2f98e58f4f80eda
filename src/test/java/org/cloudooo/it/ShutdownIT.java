package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The server as a process: a signal lets the request in flight finish, then nothing is left behind. */
class ShutdownIT {

  private static final Pattern ACCEPTING = Pattern.compile("Accepting on http://127.0.0.1:(\\d+)/");

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
    Process server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dserver.port=0", "-Dpool_size=1", "-Dopenoffice_port=" + unoPort,
                "-Dworking_path=" + workingPath,
                "org.cloudooo.server.Main")
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader log = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      int port = awaitPort(log);
      StringBuilder rest = new StringBuilder();
      CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> log.lines().forEach(l -> rest.append(l).append('\n')));
      var client = new XmlRpcTestClient(port);
      byte[] longText = ("A line of text for a long conversion.\n".repeat(4000)).getBytes(StandardCharsets.UTF_8);
      CompletableFuture<byte[]> inFlight = CompletableFuture.supplyAsync(() -> client.convert(longText, "txt", "pdf"));
      Thread.sleep(700);
      new ProcessBuilder("kill", "-" + signal, String.valueOf(server.pid())).start().waitFor(10, TimeUnit.SECONDS);

      assertThat(Documents.isPdf(inFlight.get(2, TimeUnit.MINUTES))).as("the request in flight got its PDF").isTrue();
      assertThat(server.waitFor(2, TimeUnit.MINUTES)).as("server exited").isTrue();
      drain.get(10, TimeUnit.SECONDS);
      assertThat(server.exitValue()).as(rest.toString()).isZero();
      assertThat(sofficeProcessesOn(unoPort)).as("soffice left on port " + unoPort).isEmpty();
      try (var left = Files.list(workingPath.resolve("tmp"))) {
        assertThat(left.toList()).isEmpty();
      }
    } finally {
      server.destroyForcibly();
      TestServers.deleteQuietly(workingPath);
    }
  }

  private static int awaitPort(BufferedReader log) throws Exception {
    StringBuilder seen = new StringBuilder();
    CompletableFuture<Integer> port =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line = log.readLine(); line != null; line = log.readLine()) {
                  seen.append(line).append('\n');
                  Matcher m = ACCEPTING.matcher(line);
                  if (m.find()) {
                    return Integer.parseInt(m.group(1));
                  }
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
              throw new IllegalStateException("server ended before accepting:\n" + seen);
            });
    return port.get(2, TimeUnit.MINUTES);
  }

  static List<String> sofficeProcessesOn(int port) throws Exception {
    Process ps = new ProcessBuilder("ps", "-eo", "pid,args").start();
    String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    ps.waitFor(10, TimeUnit.SECONDS);
    return out.lines().filter(l -> l.contains("soffice") && l.contains("port=" + port + ",")).toList();
  }
}
