package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar cloudooo.jar status|stop --config FILE} against running servers, and the
 * request log of a server run by {@code Main} (its log settings applied).
 */
class CommandLineIT {

  private static Path directory;

  @BeforeAll
  static void directory() throws IOException {
    directory = Files.createTempDirectory("cloudooo-cli");
  }

  @AfterAll
  static void clean() {
    TestServers.deleteQuietly(directory);
  }

  /** The output and exit status of one run of {@code Main}. */
  record Run(int exit, String output) {}

  private static List<String> java(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), "org.cloudooo.server.Main"));
    command.addAll(List.of(args));
    return command;
  }

  private static Run cli(String... args) throws Exception {
    Process process = new ProcessBuilder(java(args)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("cli ended").isTrue();
    return new Run(process.exitValue(), output);
  }

  private static Path config(String name, int port, String... lines) throws IOException {
    Path file = directory.resolve(name + ".conf");
    StringBuilder text = new StringBuilder("server.port = " + port + "\n");
    for (String line : lines) {
      text.append(line).append('\n');
    }
    Files.writeString(file, text.toString());
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void statusPrintsTheWorkersOfTheRunningServer() throws Exception {
    int port = TestServers.office().port();
    Path file = config("office", port);
    JsonObject status = new OpsHttp(port).json("/status");

    Run table = cli("status", "--config", file.toString());
    assertThat(table.exit()).as(table.output()).isZero();
    assertThat(table.output()).contains("cloudooo " + status.get("version").getAsString(), "health: up",
        "pool office: 3 workers", "WORKER", "PID", "STATE", "USES", "RSS");
    for (JsonObject worker : OfficeOpsIT.workers(OfficeOpsIT.officePool(status))) {
      assertThat(table.output()).containsPattern(worker.get("id").getAsString() + "\\s+" + worker.get("pid").getAsLong() + "\\s+(idle|busy)");
    }

    Run json = cli("status", "--json", "--config", file.toString());
    assertThat(json.exit()).isZero();
    JsonObject parsed = JsonParser.parseString(json.output()).getAsJsonObject();
    assertThat(parsed.get("version").getAsString()).isEqualTo(status.get("version").getAsString());
    assertThat(OfficeOpsIT.workers(OfficeOpsIT.officePool(parsed))).hasSize(3);
  }

  @Test
  void stopEndsTheServerGracefullyAndTheRequestLogCarriesTheRequestId() throws Exception {
    int port = freePort();
    Path file = config("text", port, "mimetype_registry = \"\"", "working_path = \"" + directory.resolve("text-work") + "\"");
    try (var server = new ChildServer(file)) {
      var http = new OpsHttp(port);
      String call = "<?xml version='1.0'?><methodCall><methodName>convertFile</methodName><params>"
          + "<param><value><string>aGVsbG8=</string></value></param><param><value><string>odt</string></value></param>"
          + "<param><value><string>pdf</string></value></param></params></methodCall>";
      var response = http.send(HttpRequest.newBuilder(http.uri("/RPC2")).header("X-Request-Id", "it-cli-42")
          .POST(HttpRequest.BodyPublishers.ofString(call)));
      assertThat(response.body()).contains("HandlerNotFound");

      Run stop = cli("stop", "--config", file.toString());
      assertThat(stop.exit()).as(stop.output()).isZero();
      assertThat(stop.output()).contains("stop requested");
      assertThat(server.process.waitFor(60, TimeUnit.SECONDS)).as("server exited").isTrue();
      assertThat(server.process.exitValue()).isZero();
      String log = server.log();
      assertThat(log).containsPattern(
          "INFO - \\[it-cli-42] convertFile\\(aGVsbG8=, odt, pdf\\) failed \\(HandlerNotFound\\) in \\d+ ms: ");
      assertThat(log).contains("stop request received", "stopped");

      Run after = cli("status", "--config", file.toString());
      assertThat(after.exit()).isEqualTo(1);
      assertThat(after.output()).contains("no server answers at http://127.0.0.1:" + port + "/");
    }
  }

  @Test
  void jsonLogsHoldTheRequestIdInTheMdc() throws Exception {
    int port = freePort();
    Path file = config("json", port, "mimetype_registry = \"\"", "log_format = json",
        "working_path = \"" + directory.resolve("json-work") + "\"");
    try (var server = new ChildServer(file)) {
      var http = new OpsHttp(port);
      String call = "<?xml version='1.0'?><methodCall><methodName>system.listMethods</methodName><params></params></methodCall>";
      http.send(HttpRequest.newBuilder(http.uri("/")).header("X-Request-Id", "it-json-7").POST(HttpRequest.BodyPublishers.ofString(call)));
      assertThat(cli("stop", "--config", file.toString()).exit()).isZero();
      assertThat(server.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      JsonObject line = server.log().lines().filter(l -> l.contains("it-json-7")).map(l -> JsonParser.parseString(l).getAsJsonObject())
          .findFirst().orElseThrow(() -> new AssertionError("no JSON line with the request id in\n" + server.log()));
      assertThat(line.getAsJsonObject("mdc").get("request_id").getAsString()).isEqualTo("it-json-7");
      assertThat(line.get("formattedMessage").getAsString()).startsWith("system.listMethods() ok in ");
      assertThat(line.get("level").getAsString()).isEqualTo("INFO");
    }
  }

  @Test
  void statusAndStopOverHttpsWithBasicAuthentication() throws Exception {
    Path keystore = directory.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "cloudooo", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).isZero();
    int port = freePort();
    String[] common = {"mimetype_registry = \"\"", "working_path = \"" + directory.resolve("tls-work") + "\"",
        "server.tls_keystore = \"" + keystore + "\"", "server.tls_keystore_password = changeit", "server.auth_user = ops"};
    Path file = config("tls", port, append(common, "server.auth_password = s3cret"));
    Path wrong = config("tls-wrong", port, append(common, "server.auth_password = guess"));
    try (var server = new ChildServer(file)) {
      Run refused = cli("status", "--config", wrong.toString());
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.output()).contains("https://127.0.0.1:" + port + "/status answered 401");

      Run status = cli("status", "--config", file.toString());
      assertThat(status.exit()).as(status.output()).isZero();
      assertThat(status.output()).contains("health: up");

      Run stop = cli("stop", "--config", file.toString());
      assertThat(stop.exit()).as(stop.output()).isZero();
      assertThat(server.process.waitFor(60, TimeUnit.SECONDS)).as("server exited").isTrue();
      assertThat(server.process.exitValue()).isZero();
    }
  }

  private static String[] append(String[] lines, String line) {
    String[] all = java.util.Arrays.copyOf(lines, lines.length + 1);
    all[lines.length] = line;
    return all;
  }

  @Test
  void stopWithNoServerSaysSo() throws Exception {
    int port = freePort();
    Run stop = cli("stop", "--config", config("none", port).toString());
    assertThat(stop.exit()).isEqualTo(1);
    assertThat(stop.output()).contains("no server answers at http://127.0.0.1:" + port + "/");
    Run usage = cli("restart");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.output()).contains("unknown argument 'restart'", "usage: java -jar cloudooo.jar [serve|status|stop]");
  }

  /** {@code Main} serving in a child JVM; its output is collected; killed if still running at close. */
  private static final class ChildServer implements AutoCloseable {
    final Process process;
    private final StringBuilder output = new StringBuilder();
    private final CompletableFuture<Void> drain;

    ChildServer(Path config) throws Exception {
      process = new ProcessBuilder(java("--config", config.toString())).redirectErrorStream(true).start();
      var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<Void> accepting = new CompletableFuture<>();
      drain = CompletableFuture.runAsync(() -> reader.lines().forEach(line -> {
        synchronized (output) {
          output.append(line).append('\n');
        }
        if (line.contains("Accepting on http")) { // JSON writes "http:\/\/"
          accepting.complete(null);
        }
      }));
      drain.thenRun(() -> accepting.completeExceptionally(new IllegalStateException("server ended:\n" + log())));
      try {
        accepting.get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        process.destroyForcibly();
        throw e;
      }
    }

    String log() {
      try {
        drain.get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // still running: what was read so far
      }
      synchronized (output) {
        return output.toString();
      }
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }
}
