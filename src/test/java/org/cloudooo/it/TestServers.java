package org.cloudooo.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.file.PathUtils;
import org.cloudooo.config.ConfigLoader;
import org.cloudooo.supervision.PoolStatus;
import org.cloudooo.supervision.WorkerState;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.cloudooo.server.CloudoooServer;

/**
 * Real servers for the integration tests: one with a LibreOffice pool shared by every test
 * class of the run (starting LibreOffice costs seconds), and cheap ones without handlers for
 * wire-level checks.
 */
final class TestServers {

  private static CloudoooServer office;

  private TestServers() {}

  /** The shared server with two LibreOffice workers; stopped when the test JVM exits. */
  static synchronized CloudoooServer office() throws Exception {
    if (office == null) {
      Map<String, Object> overrides = new HashMap<>();
      overrides.put("pool_size", 2);
      overrides.put("openoffice_port", freePorts(3)); // two workers and a spare
      overrides.put("timeout_response", 60);
      // /status and /metrics read the pools afresh: tests compare values before and after a call.
      overrides.put("health_cache_seconds", 0);
      // JobsIT: callbacks to its loopback listener, macro jobs, and expired jobs removed within a second.
      overrides.put("webhook_allowed_hosts", List.of("127.0.0.1"));
      overrides.put("enable_macro_jobs", true);
      overrides.put("job_cleanup_interval", 1);
      office = start(overrides);
      CloudoooServer started = office;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        started.stop();
        deleteQuietly(started.config().workingPath());
      }));
    }
    return office;
  }

  /** A server on a free port with its own working path; the caller stops it with {@link #stop}. */
  static CloudoooServer start(Map<String, Object> overrides) throws Exception {
    Map<String, Object> all = new HashMap<>(overrides);
    all.putIfAbsent("server.port", 0);
    all.putIfAbsent("working_path", Files.createTempDirectory("cloudooo-it").toString());
    TestProfiles.seed(Path.of(all.get("working_path").toString()));
    CloudoooServer server = CloudoooServer.start(ConfigLoader.withOverrides(all));
    TestProfiles.keepOne();
    // Spares start after the server accepts; tests that count recyclings and processes need them up.
    try {
      await("every spare started", Duration.ofMinutes(3), () -> server.pools().stream()
          .allMatch(pool -> pool.workers().stream().noneMatch(worker -> worker.state() == WorkerState.STARTING)));
    } catch (AssertionError e) {
      // Not left running for the rest of the run: its soffice processes would slow every later test.
      String pools = server.pools().toString();
      stop(server);
      throw new AssertionError(e.getMessage() + "; the pools then: " + pools, e);
    }
    return server;
  }

  /** Stops a server started by {@link #start} and deletes its working path. */
  static void stop(CloudoooServer server) {
    server.stop();
    deleteQuietly(server.config().workingPath());
  }

  static void deleteQuietly(Path directory) {
    TestProfiles.keepOne();
    try {
      PathUtils.deleteDirectory(directory);
    } catch (IOException e) {
      // A temp directory: the OS cleans it eventually.
    }
  }

  /** A server that starts no backend (empty registry): for HTTP and XML-RPC checks. */
  static CloudoooServer wireOnly(Map<String, Object> overrides) throws Exception {
    Map<String, Object> all = new HashMap<>(overrides);
    all.put("mimetype_registry", "");
    return start(all);
  }

  /** The first of two consecutive free TCP ports, for soffice's UNO sockets (a worker and its spare). */
  static int freePortPair() throws IOException {
    return freePorts(2);
  }

  /** The first of {@code count} consecutive free TCP ports. */
  static int freePorts(int count) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int first;
      try (ServerSocket socket = new ServerSocket(0)) {
        first = socket.getLocalPort();
      }
      boolean allFree = first + count <= 65535;
      for (int i = 0; i < count && allFree; i++) {
        allFree = isFree(first + i);
      }
      if (allFree) {
        return first;
      }
    }
    throw new IOException("no " + count + " consecutive free ports found");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The office pool's snapshot of a server. */
  static PoolStatus officePool(CloudoooServer server) {
    return server.pools().stream().filter(pool -> pool.name().equals("office")).findFirst().orElseThrow();
  }

  /** Polls a condition every 100 ms until it holds; fails after {@code limit}. */
  static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still not " + what + " after " + limit.toSeconds() + " s");
      }
      Thread.sleep(100);
    }
  }

  static byte[] testData(String name) throws IOException {
    return Files.readAllBytes(Path.of("tests-data", name));
  }
}
