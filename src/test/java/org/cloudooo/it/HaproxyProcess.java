package org.cloudooo.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's haproxy in the foreground on {@code packaging/haproxy.cfg}, as the README runs it,
 * with its settings in the environment; {@link #close} stops it.
 */
final class HaproxyProcess implements AutoCloseable {

  private static final Path BINARY = Path.of("/usr/sbin/haproxy");
  private static final Path CONFIG = Path.of("packaging", "haproxy.cfg");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final int statsPort;
  private final StringBuffer output = new StringBuffer();

  private HaproxyProcess(Process process, int statsPort) {
    this.process = process;
    this.statsPort = statsPort;
    Thread reader = new Thread(this::read, "haproxy-log");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts it with {@code FRONTEND_PORT}, {@code STATS_PORT} and {@code BACKEND1...} = 127.0.0.1:port. */
  static HaproxyProcess start(int frontendPort, int statsPort, int... backendPorts) throws Exception {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: run .ci/install-deps (it installs Debian's haproxy)");
    }
    var builder = new ProcessBuilder(BINARY.toString(), "-db", "-f", CONFIG.toAbsolutePath().toString()).redirectErrorStream(true);
    builder.environment().put("FRONTEND_PORT", String.valueOf(frontendPort));
    builder.environment().put("STATS_PORT", String.valueOf(statsPort));
    for (int i = 0; i < backendPorts.length; i++) {
      builder.environment().put("BACKEND" + (i + 1), "127.0.0.1:" + backendPorts[i]);
    }
    var haproxy = new HaproxyProcess(builder.start(), statsPort);
    TestServers.await("answering on the stats page", Duration.ofSeconds(30), () -> {
      if (!haproxy.process.isAlive()) {
        throw new IllegalStateException("haproxy ended:\n" + haproxy.output);
      }
      return haproxy.statsOrEmpty().size() > 0;
    });
    return haproxy;
  }

  private void read() {
    try (var log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = log.readLine(); line != null; line = log.readLine()) {
        output.append(line).append('\n');
      }
    } catch (IOException e) {
      output.append("(log read failed: ").append(e).append(")\n");
    }
  }

  /** Each row of the stats CSV (frontend, servers, backend) by "proxy/name", columns by name. */
  Map<String, Map<String, String>> stats() {
    var rows = statsOrEmpty();
    if (rows.isEmpty()) {
      throw new IllegalStateException("no statistics from haproxy:\n" + output);
    }
    return rows;
  }

  private Map<String, Map<String, String>> statsOrEmpty() {
    String csv;
    try {
      var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/;csv")).timeout(Duration.ofSeconds(10)).build();
      csv = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
    List<String> lines = csv.lines().toList();
    if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
      return Map.of();
    }
    String[] columns = lines.get(0).substring(2).split(",", -1);
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] values = line.split(",", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < columns.length && i < values.length; i++) {
        row.put(columns[i], values[i]);
      }
      rows.put(row.get("pxname") + "/" + row.get("svname"), row);
    }
    return rows;
  }

  /** A counter of one row; 0 when empty. */
  long counter(String row, String column) {
    String value = stats().get(row).get(column);
    return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
  }

  /** The server's state as HAProxy sees it (UP, DOWN, "UP 1/2"...). */
  String status(String server) {
    return stats().get("cloudooo/" + server).get("status");
  }

  String output() {
    return output.toString();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The rows whose name is one of these servers, for messages. */
  List<String> describe(String... servers) {
    List<String> out = new ArrayList<>();
    for (String server : servers) {
      out.add(server + " " + stats().get("cloudooo/" + server));
    }
    return out;
  }
}
