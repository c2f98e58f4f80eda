package org.cloudooo.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.servlet.DispatcherType;
import javax.servlet.MultipartConfigElement;
import org.apache.commons.io.file.PathUtils;
import org.cloudooo.config.CloudoooConfig;
import org.cloudooo.format.MediaTypes;
import org.cloudooo.handler.Handler;
import org.cloudooo.handler.HandlerContext;
import org.cloudooo.handler.HandlerProvider;
import org.cloudooo.jobs.InstanceId;
import org.cloudooo.jobs.JobService;
import org.cloudooo.jobs.JobSettings;
import org.cloudooo.ops.Draining;
import org.cloudooo.ops.JobsEndpoint;
import org.cloudooo.ops.OpsEndpoints;
import org.cloudooo.ops.RequestIds;
import org.cloudooo.ops.ServerMetrics;
import org.cloudooo.supervision.PoolStatus;
import org.cloudooo.registry.MimetypeRegistry;
import org.cloudooo.rpc.CloudoooServlet;
import org.cloudooo.service.Manager;
import org.eclipse.jetty.ee8.servlet.FilterHolder;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: the handlers named in {@code mimetype_registry}, the service facade, the
 * job service, the metrics that observe them, and the HTTP endpoint (operations endpoints and
 * {@code /jobs} in front of XML-RPC).
 * {@link #stop()} drains (/health answers 503 draining, new work is sent away, requests in
 * progress finish), then stops every backend, all within {@code shutdown_grace_period}.
 */
public final class CloudoooServer {

  private static final Logger LOG = LoggerFactory.getLogger(CloudoooServer.class);

  private final CloudoooConfig config;
  private final Manager manager;
  private final JobService jobs;
  private final ServerMetrics metrics;
  private final Server jetty = new Server();
  private final Draining draining;
  private boolean stopped;

  private CloudoooServer(CloudoooConfig config, Manager manager, JobService jobs, ServerMetrics metrics) {
    this.config = config;
    this.manager = manager;
    this.jobs = jobs;
    this.metrics = metrics;
    // Admitting longer than the grace period would only make the stop cut requests off.
    Duration grace = config.server().shutdownGrace();
    this.draining = new Draining(config.server().drainAdmit().compareTo(grace) > 0 ? grace : config.server().drainAdmit());
  }

  /** Starts everything; {@code POST /admin/stop} stops the server (the JVM goes on). */
  public static CloudoooServer start(CloudoooConfig config) throws Exception {
    return start(config, server -> new Thread(server::stop, "cloudooo-stop").start());
  }

  /**
   * Starts everything; on failure stops what did start and throws with a readable message.
   *
   * @param stopRequested what {@code POST /admin/stop} does with the server; must return at once
   */
  public static CloudoooServer start(CloudoooConfig config, Consumer<CloudoooServer> stopRequested) throws Exception {
    prepareWorkingPath(config);
    requireFreeHttpPort(config.server());
    // The tables load while the backends start: soffice need not wait for them.
    CompletableFuture<MediaTypes> loading = CompletableFuture.supplyAsync(MediaTypes::standard);
    StartupWarmUp.start();
    // The meter registry builds while soffice starts (some 300 ms that it used to wait).
    // On its own thread: the common pool (one thread on 2 cores) is loading the MIME tables.
    CompletableFuture<ServerMetrics> building = CompletableFuture.supplyAsync(
        () -> new ServerMetrics(extension -> loading.join().typeOfExtension(extension).isPresent()),
        StartThreads.named("start-metrics"));
    Map<String, Handler> handlers;
    try {
      handlers = startHandlers(new HandlerContext(config, loading, new PendingPoolListener(building)));
    } catch (RuntimeException e) {
      building.thenAccept(ServerMetrics::close);
      throw e;
    }
    ServerMetrics metrics = null;
    Manager manager = null;
    JobService jobs = null;
    try {
      metrics = building.get(PendingPoolListener.WAIT_SECONDS, TimeUnit.SECONDS);
      MediaTypes mediaTypes = loading.join();
      var registry = new MimetypeRegistry(config.registryLines(), handlers, mediaTypes);
      manager = new Manager(registry, mediaTypes, config.jobRoot(), new ArrayList<>(handlers.values()), metrics);
      jobs = JobService.start(manager, JobSettings.from(config.keys(), config.workingPath()),
          InstanceId.of(config.workingPath()), metrics, Clock.systemUTC(),
          config.server().shutdownGrace());
      var server = new CloudoooServer(config, manager, jobs, metrics);
      server.serveHttp(OpsEndpoints.create(manager, jobs, metrics, config.ops(), server.draining,
          () -> stopRequested.accept(server)));
      LOG.info("Accepting on http://{}:{}/ (handlers: {})", config.server().host(), server.port(), handlers.keySet());
      manager.serving();
      // Start-up (LibreOffice's filter tables over UNO, the MIME tables) leaves some 40 MB of
      // garbage in a heap that an idle server would keep resident for hours; one collection
      // now hands it back to the system (idle RSS about 110 MB instead of 150 MB).
      System.gc();
      return server;
    } catch (Exception | Error e) {
      if (jobs != null) {
        jobs.close();
      }
      if (manager != null) {
        manager.close();
      } else {
        handlers.values().forEach(Handler::close);
      }
      if (metrics != null) {
        metrics.close();
      } else {
        building.thenAccept(ServerMetrics::close);
      }
      throw e;
    }
  }

  /** Fails before LibreOffice is started when the listen address is taken. */
  private static void requireFreeHttpPort(CloudoooConfig.ServerSettings settings) throws IOException {
    if (settings.port() == 0) {
      return;
    }
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName(settings.host()), settings.port()));
    } catch (IOException e) {
      throw new IOException("cannot listen on " + settings.host() + ":" + settings.port() + " (" + e.getMessage()
          + "); another program uses it: stop it or set server.port", e);
    }
  }

  private static void prepareWorkingPath(CloudoooConfig config) throws IOException {
    Path workingPath = config.workingPath();
    if (!Files.isDirectory(workingPath.getParent())) {
      throw new IOException("working_path " + workingPath + " cannot be created: its parent directory does not exist");
    }
    Files.createDirectories(workingPath);
    Path jobRoot = config.jobRoot();
    if (Files.isDirectory(jobRoot)) {
      // Left by a server that was killed: no request of ours can be using them. (cleanDirectory
      // would keep the directories.)
      PathUtils.deleteDirectory(jobRoot);
    }
    Files.createDirectories(jobRoot);
  }

  /**
   * Starts the handlers the registry names, all at once: their backends' start-up (soffice,
   * the ffmpeg and ImageMagick probes) overlaps instead of adding up. If one fails, the others
   * are closed once they are up, and the first failure is thrown. Each provider bounds its own
   * start (the pools' start timeouts), so the wait for them all is bounded too.
   */
  private static Map<String, Handler> startHandlers(HandlerContext context) {
    Set<String> wanted = MimetypeRegistry.handlerNames(context.config().registryLines());
    Map<String, CompletableFuture<Handler>> starting = new LinkedHashMap<>();
    for (HandlerProvider provider : ServiceLoader.load(HandlerProvider.class)) {
      if (wanted.contains(provider.name())) {
        LOG.info("starting handler {}", provider.name());
        starting.put(provider.name(),
            CompletableFuture.supplyAsync(() -> provider.start(context), StartThreads.named("start-" + provider.name())));
      }
    }
    Map<String, Handler> handlers = new LinkedHashMap<>();
    RuntimeException failure = null;
    for (Map.Entry<String, CompletableFuture<Handler>> handler : starting.entrySet()) {
      try {
        handlers.put(handler.getKey(), handler.getValue().join());
      } catch (CompletionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException cause ? cause : e;
        }
      }
    }
    if (failure != null) {
      handlers.values().forEach(Handler::close);
      throw failure;
    }
    return handlers;
  }


  /**
   * XML-RPC on every path, behind the request ids, basic authentication, the operations
   * endpoints and the drain; any answer given before its request's body was read closes the
   * connection.
   */
  private void serveHttp(OpsEndpoints opsEndpoints) throws Exception {
    jetty.addConnector(connector(jetty, config.server()));
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.setContextPath("/");
    context.addFilter(new FilterHolder(new UnreadBodyClosesConnection()), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addFilter(new FilterHolder(new RequestIds()), "/*", EnumSet.of(DispatcherType.REQUEST));
    config.server().basicAuth().ifPresent(credentials ->
        context.addFilter(new FilterHolder(new BasicAuthFilter(credentials)), "/*", EnumSet.of(DispatcherType.REQUEST)));
    context.addFilter(new FilterHolder(opsEndpoints), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addFilter(new FilterHolder(draining), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new CloudoooServlet(manager, jobs, config.server().maxRequestBytes())), "/*");
    ServletHolder jobsEndpoint = new ServletHolder(new JobsEndpoint(jobs, manager));
    // Uploads above 1 MiB go to files of the request directory, never to the heap.
    jobsEndpoint.getRegistration().setMultipartConfig(new MultipartConfigElement(
        config.jobRoot().toString(), config.server().maxRequestBytes(), config.server().maxRequestBytes(), 1 << 20));
    context.addServlet(jobsEndpoint, "/jobs");
    context.addServlet(jobsEndpoint, "/jobs/*");
    GracefulHandler graceful = new GracefulHandler();
    graceful.setHandler(context);
    jetty.setHandler(graceful);
    jetty.setStopTimeout(config.server().shutdownGrace().toMillis());
    jetty.setStopAtShutdown(false);
    jetty.start();
  }

  /** Plain HTTP, or HTTPS when a keystore is configured. */
  private static ServerConnector connector(Server jetty, CloudoooConfig.ServerSettings settings) {
    ServerConnector connector;
    if (settings.tls().isPresent()) {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStorePath(settings.tls().get().keystore().toAbsolutePath().toString());
      ssl.setKeyStorePassword(settings.tls().get().password());
      HttpConfiguration https = new HttpConfiguration();
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      // Clients reach the server by IP address as often as by name; the certificate decides.
      secure.setSniHostCheck(false);
      https.addCustomizer(secure);
      connector = new ServerConnector(jetty, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
    } else {
      connector = new ServerConnector(jetty);
    }
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    return connector;
  }

  /** The port the endpoint listens on (the real one when {@code server.port} is 0). */
  public int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  public CloudoooConfig config() {
    return config;
  }

  /** Snapshots of every handler's worker pools. */
  public List<PoolStatus> pools() {
    return manager.pools();
  }

  /**
   * Drains, then stops: /health answers 503 draining at once and new work gets 503 (a load
   * balancer resends it elsewhere) while the listener stays open for the requests in progress;
   * when the last has ended (or the grace period is over) the listener closes, running jobs get
   * what is left of the grace period, and every backend stops.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    long deadline = System.nanoTime() + config.server().shutdownGrace().toNanos();
    Duration admitting = draining.begin();
    LOG.info("draining: /health answers 503, new requests are {}; waiting up to {} s for {} in progress",
        admitting.isZero() ? "refused" : "refused after " + admitting.toMillis() + " ms (load balancers see the drain)",
        config.server().shutdownGrace().toSeconds(), draining.inFlight());
    // UNO pass-through: its listener closes at once, its sessions get the same grace.
    manager.beginShutdown();
    try {
      if (!draining.awaitIdle(config.server().shutdownGrace())) {
        LOG.warn("{} requests still running after the grace period are cut off", draining.inFlight());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      // Nothing is left to wait for but a request that arrived during the drain and is being refused.
      jetty.setStopTimeout(Math.max(1000, remainingMillis(deadline)));
      jetty.stop();
    } catch (TimeoutException e) {
      LOG.warn("requests still running after the grace period were cut off");
    } catch (Exception e) {
      LOG.warn("HTTP endpoint did not stop cleanly: {}", e.getMessage());
    }
    // Jobs first: running ones may finish on the pools, the others run again after the next start.
    jobs.close(Duration.ofMillis(remainingMillis(deadline)));
    manager.close();
    metrics.close();
    cleanJobRoot();
    LOG.info("stopped");
  }

  private static long remainingMillis(long deadline) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  private void cleanJobRoot() {
    try (Stream<Path> leftovers = Files.list(config.jobRoot())) {
      List<Path> paths = leftovers.toList();
      for (Path path : paths) {
        PathUtils.delete(path);
      }
    } catch (IOException e) {
      LOG.warn("could not empty {}: {}", config.jobRoot(), e.getMessage());
    }
  }

  /** Blocks until the HTTP endpoint has stopped. */
  public void join() throws InterruptedException {
    jetty.join();
  }
}
