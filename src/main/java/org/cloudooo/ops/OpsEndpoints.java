package org.cloudooo.ops;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.cloudooo.config.OpsSettings;
import org.cloudooo.jobs.JobService;
import org.cloudooo.service.Manager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoints, in front of XML-RPC: {@code GET /health}, {@code /status},
 * {@code /metrics}, the web page, and {@code POST /admin/stop}. Every other request goes on to
 * the XML-RPC servlet unchanged (POST on any path; other GETs answer 400 there).
 */
public final class OpsEndpoints implements Filter {

  private static final Logger LOG = LoggerFactory.getLogger(OpsEndpoints.class);

  static final String STOP_PATH = "/admin/stop";
  /** Header the stop request must carry: a browser cannot send it cross-site without a CORS grant. */
  static final String STOP_HEADER = "X-Cloudooo-Command";
  private static final String JSON = "application/json";
  private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
  private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private final HealthCheck health;
  private final Draining draining;
  private final StatusReport status;
  private final ServerMetrics metrics;
  private final WebAssets web = new WebAssets();
  private final Runnable stopRequested;

  private OpsEndpoints(HealthCheck health, Draining draining, StatusReport status, ServerMetrics metrics, Runnable stopRequested) {
    this.health = health;
    this.draining = draining;
    this.status = status;
    this.metrics = metrics;
    this.stopRequested = stopRequested;
  }

  /**
   * @param draining whether the server drains before a stop (then /health answers 503 draining)
   * @param stopRequested asked to stop the server as SIGHUP does; must return at once
   */
  public static OpsEndpoints create(
      Manager manager, JobService jobs, ServerMetrics metrics, OpsSettings settings, Draining draining,
      Runnable stopRequested) {
    var snapshots = new PoolSnapshots(manager::pools, settings.snapshotTtl());
    var health = new HealthCheck(snapshots, settings.maxWaitingPerWorker(), BackendProcesses::isRunning, draining);
    metrics.watchPools(snapshots);
    metrics.watchJobs(jobs::counts);
    var status = new StatusReport(snapshots, health, metrics.history(), jobs, Instant.now());
    return new OpsEndpoints(health, draining, status, metrics, stopRequested);
  }

  @Override
  public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
      throws IOException, ServletException {
    var request = (HttpServletRequest) servletRequest;
    var response = (HttpServletResponse) servletResponse;
    String method = request.getMethod();
    String path = request.getRequestURI();
    boolean read = method.equals("GET") || method.equals("HEAD");
    if (read && path.equals("/health")) {
      // Whoever asks routes by the answer: a drain then admits work until it has heard "draining".
      draining.healthAsked();
      HealthCheck.Health verdict = health.check();
      send(response, verdict.up() ? 200 : 503, JSON, GSON.toJson(verdict.body()), method);
    } else if (read && path.equals("/status")) {
      send(response, 200, JSON, PRETTY.toJson(status.body()), method);
    } else if (read && path.equals("/metrics")) {
      String accept = request.getHeader("Accept");
      String type = accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : PROMETHEUS_TEXT;
      send(response, 200, type, metrics.scrape(type), method);
    } else if (method.equals("POST") && path.equals(STOP_PATH)) {
      stop(request, response);
    } else if (read && serveAsset(path, response, method)) {
      LOG.debug("{} {} page", method, path);
    } else {
      chain.doFilter(request, response);
    }
  }

  private boolean serveAsset(String path, HttpServletResponse response, String method) throws IOException {
    Optional<WebAssets.Asset> asset = web.find(path);
    if (asset.isEmpty()) {
      return false;
    }
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    send(response, 200, asset.get().contentType(), asset.get().content(), method);
    return true;
  }

  private void stop(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!fromThisHost(request) || !"stop".equals(request.getHeader(STOP_HEADER))) {
      LOG.warn("stop request from {} refused", request.getRemoteAddr());
      send(response, 403, JSON, GSON.toJson(Map.of("error",
          "stop is accepted only from this host, with the header " + STOP_HEADER + ": stop")), "POST");
      return;
    }
    LOG.info("stop requested by {}", request.getRemoteAddr());
    send(response, 202, JSON, GSON.toJson(Map.of("status", "stopping")), "POST");
    response.flushBuffer();
    stopRequested.run();
  }

  /** From a loopback address or this host's own address, and not relayed by a proxy. */
  private static boolean fromThisHost(HttpServletRequest request) throws IOException {
    if (request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null) {
      return false;
    }
    String remote = request.getRemoteAddr();
    return InetAddress.getByName(remote).isLoopbackAddress() || remote.equals(request.getLocalAddr());
  }

  private static void send(HttpServletResponse response, int status, String type, String body, String method)
      throws IOException {
    send(response, status, type, body.getBytes(StandardCharsets.UTF_8), method);
  }

  private static void send(HttpServletResponse response, int status, String type, byte[] body, String method)
      throws IOException {
    response.setStatus(status);
    response.setContentType(type.startsWith(JSON) ? JSON + "; charset=utf-8" : type);
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    if (!method.equals("HEAD")) {
      response.getOutputStream().write(body);
    }
  }
}
