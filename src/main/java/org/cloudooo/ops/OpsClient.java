package org.cloudooo.ops;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.cloudooo.config.CloudoooConfig;
import org.cloudooo.config.ConfigurationException;

/**
 * {@code java -jar cloudooo.jar status|stop}: asks the server named by the configuration
 * ({@code server.host}, {@code server.port}) over HTTP, or HTTPS trusting the configured
 * keystore, with the configured basic authentication. Exit status 0 on success, 1 otherwise.
 */
public final class OpsClient {

  private final URI base;
  private final HttpClient http;
  private final Optional<String> authorization;

  private OpsClient(URI base, HttpClient http, Optional<String> authorization) {
    this.base = base;
    this.http = http;
    this.authorization = authorization;
  }

  /**
   * A client of the server this configuration describes; a wildcard host means this machine.
   *
   * @throws ConfigurationException when the TLS keystore cannot be read
   */
  public static OpsClient of(CloudoooConfig.ServerSettings server) {
    HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    server.tls().ifPresent(tls -> http.sslContext(trusting(tls)));
    Optional<String> authorization = server.basicAuth().map(credentials -> "Basic " + Base64.getEncoder()
        .encodeToString((credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)));
    String scheme = server.tls().isPresent() ? "https" : "http";
    return new OpsClient(URI.create(scheme + "://" + hostOf(server) + ":" + server.port() + "/"), http.build(), authorization);
  }

  /** Trusts the server's own certificate: the CLI runs beside it and reads the same configuration. */
  private static SSLContext trusting(CloudoooConfig.Tls tls) {
    try (InputStream in = Files.newInputStream(tls.keystore())) {
      KeyStore keystore = KeyStore.getInstance(KeyStore.getDefaultType());
      keystore.load(in, tls.password().toCharArray());
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(keystore);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigurationException("cannot read server.tls_keystore " + tls.keystore() + ": " + e.getMessage(), e);
    }
  }

  private static String hostOf(CloudoooConfig.ServerSettings server) {
    String host = server.host().strip();
    if (host.isEmpty() || host.equals("0.0.0.0")) {
      host = "127.0.0.1";
    } else if (host.equals("::") || host.equals("[::]")) {
      host = "[::1]";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return host;
  }

  /** Prints GET /status: as a table, or the JSON itself with {@code json}. */
  public int status(boolean json, PrintStream out, PrintStream err) {
    try {
      HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("status")).GET());
      if (response.statusCode() != 200) {
        err.println("cloudooo: " + base + "status answered " + response.statusCode());
        return 1;
      }
      out.print(json ? response.body() + "\n" : table(JsonParser.parseString(response.body()).getAsJsonObject()));
      return 0;
    } catch (IOException e) {
      err.println("cloudooo: no server answers at " + base + ": " + describe(e));
      return 1;
    }
  }

  /** Asks for a graceful stop (as SIGHUP): the server finishes the requests in progress, then exits. */
  public int stop(PrintStream out, PrintStream err) {
    try {
      HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(OpsEndpoints.STOP_PATH.substring(1)))
          .header(OpsEndpoints.STOP_HEADER, "stop").POST(HttpRequest.BodyPublishers.noBody()));
      if (response.statusCode() != 202) {
        err.println("cloudooo: stop refused (" + response.statusCode() + "): " + response.body());
        return 1;
      }
      out.println("stop requested: the server at " + base + " finishes the requests in progress, then exits");
      return 0;
    } catch (IOException e) {
      err.println("cloudooo: no server answers at " + base + ": " + describe(e));
      return 1;
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    authorization.ifPresent(value -> request.header("Authorization", value));
    try {
      return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String describe(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused (is it running, on this port?)";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  static String table(JsonObject status) {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "cloudooo %s, up %s, health: %s%n", status.get("version").getAsString(),
        duration(status.get("uptime_seconds").getAsLong()), status.get("health").getAsString()));
    if (status.has("health_reason")) {
      text.append("  ").append(status.get("health_reason").getAsString()).append('\n');
    }
    for (JsonElement element : status.getAsJsonArray("pools")) {
      JsonObject pool = element.getAsJsonObject();
      text.append(String.format(Locale.ROOT, "pool %s: %d workers, %d free, %d queued%n", pool.get("name").getAsString(),
          pool.get("size").getAsInt(), pool.get("free").getAsInt(), pool.get("queue_length").getAsInt()));
      text.append(String.format(Locale.ROOT, "  %-16s %8s  %-11s %6s %10s %10s  %s%n", "WORKER", "PID", "STATE", "USES", "RSS", "TASK", "CLIENT"));
      boolean frozen = false;
      for (JsonElement w : pool.getAsJsonArray("workers")) {
        JsonObject worker = w.getAsJsonObject();
        long pid = worker.get("pid").getAsLong();
        long taskMillis = worker.get("current_task_ms").getAsLong();
        boolean notRunning = pid > 0 && !worker.get("process_running").getAsBoolean();
        frozen |= notRunning;
        String state = worker.get("state").getAsString() + (notRunning ? "*" : "");
        String client = worker.has("client") ? worker.get("client").getAsString() : "-";
        text.append(String.format(Locale.ROOT, "  %-16s %8s  %-11s %6d %10s %10s  %s%n", worker.get("id").getAsString(),
            pid > 0 ? Long.toString(pid) : "-", state, worker.get("uses").getAsLong(),
            String.format(Locale.ROOT, "%.1f MB", worker.get("rss_bytes").getAsLong() / 1048576.0),
            taskMillis > 0 ? String.format(Locale.ROOT, "%.1f s", taskMillis / 1000.0) : "-", client));
      }
      if (frozen) {
        text.append("  * the process exists but does not run (stopped or a zombie)\n");
      }
    }
    return text.toString();
  }

  private static String duration(long seconds) {
    return seconds >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm%02ds", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
  }
}
