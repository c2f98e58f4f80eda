package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.star.beans.PropertyValue;
import com.sun.star.bridge.XBridge;
import com.sun.star.bridge.XBridgeFactory;
import com.sun.star.comp.helper.Bootstrap;
import com.sun.star.connection.XConnection;
import com.sun.star.connection.XConnector;
import com.sun.star.frame.XComponentLoader;
import com.sun.star.frame.XStorable;
import com.sun.star.lang.XComponent;
import com.sun.star.lang.XMultiComponentFactory;
import com.sun.star.uno.UnoRuntime;
import com.sun.star.uno.XComponentContext;
import com.sun.star.util.XCloseable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.cloudooo.server.CloudoooServer;
import org.cloudooo.supervision.WorkerPool;
import org.cloudooo.supervision.WorkerState;
import org.cloudooo.supervision.WorkerStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * Issue 9: UNO scripts connect to the server as to a plain soffice. Real pyuno and Java UNO
 * clients against a server with three workers (and a spare), a UNO listener for loopback
 * 127.0.0.1 only and at most two sessions at once; then the pipe form, a session cut by
 * uno_session_timeout and shutdown on a one-worker server. Waits have limits; no test measures
 * speed (bench/uno-relay.sh does).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnoPassThroughIT {

  private static final Duration CLIENT_LIMIT = Duration.ofSeconds(90);
  private static final int QUEUE_TIMEOUT_SECONDS = 10;
  private static final String TEXT = "The quick brown fox jumps over the lazy dog";

  private static CloudoooServer server;
  private static int unoPort;
  private static ListAppender<ILoggingEvent> log;
  private final List<Process> clients = new CopyOnWriteArrayList<>();
  private static Path scratch;

  @BeforeAll
  static void startServer() throws Exception {
    log = new ListAppender<>();
    log.start();
    ((Logger) LoggerFactory.getLogger("org.cloudooo.handler.office.UnoPassThrough")).addAppender(log);
    ((Logger) LoggerFactory.getLogger(WorkerPool.class)).addAppender(log);
    scratch = Files.createTempDirectory("cloudooo-uno-it");
    unoPort = TestServers.freePorts(1);
    Map<String, Object> keys = new HashMap<>();
    keys.put("pool_size", 3);
    keys.put("spare_workers", 1);
    keys.put("openoffice_port", TestServers.freePorts(4));
    keys.put("timeout_response", 60);
    keys.put("queue_timeout", QUEUE_TIMEOUT_SECONDS);
    keys.put("health_cache_seconds", 0);
    keys.put("uno_accept", "socket,host=127.0.0.1,port=" + unoPort + ";urp;");
    keys.put("uno_max_sessions", 2);
    keys.put("uno_allowed_clients", List.of("127.0.0.1", "::1"));
    server = TestServers.start(keys);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      TestServers.stop(server);
    }
    TestServers.deleteQuietly(scratch);
  }

  /** Every test starts with the three workers and the spare up and idle (an earlier test may have had one replaced). */
  @BeforeEach
  void poolIsIdle() throws Exception {
    TestServers.await("all workers idle", Duration.ofSeconds(120), () ->
        TestServers.officePool(server).workers().stream().allMatch(w -> w.state() == WorkerState.IDLE && w.pid() > 0));
    log.list.clear();
  }

  @AfterEach
  void noClientLeft() {
    clients.forEach(Process::destroyForcibly);
  }

  private static String socketUrl() {
    return "uno:socket,host=127.0.0.1,port=" + unoPort + ";urp;StarOffice.ComponentContext";
  }

  @Test
  @Order(1)
  void aPyunoScriptStoresPdfAndOdtThroughThePool() throws Exception {
    Path out = Files.createTempDirectory(scratch, "py");
    PyClient client = python("convert", socketUrl(), Path.of("tests-data/hello.odt").toAbsolutePath().toString(), out.toString());
    assertThat(client.awaitExit()).as(client.output()).isZero();
    assertThat(Documents.pdfText(Files.readAllBytes(out.resolve("out.pdf")))).contains(TEXT);
    assertThat(Documents.zipText(Files.readAllBytes(out.resolve("out.odt")), "content.xml")).contains(TEXT);
    awaitLog("reenters pool");
    assertThat(logText()).containsPattern("\\{\\d/3\\} -> office-\\d+ \\(\\d+ uses\\) serves 127\\.0\\.0\\.1:\\d+")
        .containsPattern("127\\.0\\.0\\.1:\\d+ disconnects from office-\\d+ \\(used for \\d+\\.\\d s\\)")
        .containsPattern("\\{\\d/3\\} <- office-\\d+ reenters pool");
  }

  @Test
  @Order(2)
  void aJavaClientStoresPdfAndOdtThroughThePool() throws Exception {
    Path out = Files.createTempDirectory(scratch, "java");
    XComponentContext local = Bootstrap.createInitialComponentContext(null);
    XMultiComponentFactory localFactory = local.getServiceManager();
    XConnector connector = UnoRuntime.queryInterface(XConnector.class,
        localFactory.createInstanceWithContext("com.sun.star.connection.Connector", local));
    XConnection connection = connector.connect("socket,host=127.0.0.1,port=" + unoPort);
    XBridgeFactory bridges = UnoRuntime.queryInterface(XBridgeFactory.class,
        localFactory.createInstanceWithContext("com.sun.star.bridge.BridgeFactory", local));
    XBridge bridge = bridges.createBridge("", "urp", connection, null);
    try {
      XComponentContext office = UnoRuntime.queryInterface(XComponentContext.class, bridge.getInstance("StarOffice.ComponentContext"));
      Object desktop = office.getServiceManager().createInstanceWithContext("com.sun.star.frame.Desktop", office);
      XComponentLoader loader = UnoRuntime.queryInterface(XComponentLoader.class, desktop);
      XComponent document = loader.loadComponentFromURL(
          Path.of("tests-data/hello.odt").toAbsolutePath().toUri().toString(), "_blank", 0, new PropertyValue[] {property("Hidden", true)});
      XStorable storable = UnoRuntime.queryInterface(XStorable.class, document);
      storable.storeToURL(out.resolve("out.pdf").toUri().toString(), new PropertyValue[] {property("FilterName", "writer_pdf_Export")});
      storable.storeToURL(out.resolve("out.odt").toUri().toString(), new PropertyValue[] {property("FilterName", "writer8")});
      UnoRuntime.queryInterface(XCloseable.class, document).close(true);
      assertThat(TestServers.officePool(server).workers()).filteredOn(w -> w.state() == WorkerState.PASSTHROUGH).hasSize(1);
    } finally {
      UnoRuntime.queryInterface(XComponent.class, bridge).dispose();
    }
    assertThat(Documents.pdfText(Files.readAllBytes(out.resolve("out.pdf")))).contains(TEXT);
    assertThat(Documents.zipText(Files.readAllBytes(out.resolve("out.odt")), "content.xml")).contains(TEXT);
    awaitLog("reenters pool");
  }

  @Test
  @Order(3)
  void twoSessionsGetTwoSofficesAThirdWaitsAndIsServedAFourthIsRejectedAfterQueueTimeout() throws Exception {
    PyClient first = python("hold", socketUrl());
    PyClient second = python("hold", socketUrl());
    String firstProfile = first.awaitReady();
    String secondProfile = second.awaitReady();
    assertThat(firstProfile).isNotEqualTo(secondProfile);
    List<WorkerStatus> sessions = TestServers.officePool(server).workers().stream()
        .filter(w -> w.state() == WorkerState.PASSTHROUGH).toList();
    assertThat(sessions).hasSize(2);
    assertThat(sessions.get(0).pid()).isPositive().isNotEqualTo(sessions.get(1).pid());
    assertThat(sessions).allSatisfy(w -> assertThat(w.client()).matches("127\\.0\\.0\\.1:\\d+"));
    OpsHttp ops = new OpsHttp(server.port());
    assertThat(ops.json("/status").toString())
        .contains("\"state\":\"passthrough\"").contains("\"client\":\"127.0.0.1:").contains("\"session_seconds\":");
    assertThat(ops.metric("cloudooo_pool_workers_passthrough", Map.of("pool", "office"))).isEqualTo(2.0);

    PyClient third = python("look", socketUrl());
    awaitLog("waits for a session");
    assertThat(third.output()).doesNotContain("READY");
    first.release();
    assertThat(first.awaitExit()).isZero();
    assertThat(third.awaitReady()).isNotEqualTo(secondProfile);
    assertThat(third.awaitExit()).isZero();

    PyClient holdAgain = python("hold", socketUrl());
    holdAgain.awaitReady();
    PyClient fourth = python("look", socketUrl());
    assertThat(fourth.awaitExit()).as(fourth.output()).isEqualTo(3);
    assertThat(fourth.output()).contains("NOT CONNECTED");
    assertThat(ops.metric("cloudooo_uno_sessions_seconds_count", Map.of("outcome", "rejected"))).isGreaterThanOrEqualTo(1.0);
    assertThat(logText()).containsPattern("\\{\\d/3\\} 127\\.0\\.0\\.1:\\d+ rejected: all 2 UNO sessions \\(uno_max_sessions\\)"
        + " stayed busy for " + QUEUE_TIMEOUT_SECONDS + " s \\(queue_timeout\\)");
    second.release();
    holdAgain.release();
    assertThat(second.awaitExit()).isZero();
    assertThat(holdAgain.awaitExit()).isZero();
  }

  @Test
  @Order(4)
  void xmlRpcConversionsGoOnWhileTwoSessionsAreOpen() throws Exception {
    PyClient first = python("hold", socketUrl());
    PyClient second = python("hold", socketUrl());
    first.awaitReady();
    second.awaitReady();
    XmlRpcTestClient rpc = new XmlRpcTestClient(server.port());
    byte[] odt = TestServers.testData("hello.odt");
    for (int i = 0; i < 2; i++) {
      assertThat(Documents.pdfText(rpc.convert(odt, "odt", "pdf"))).contains(TEXT);
    }
    assertThat(TestServers.officePool(server).workers()).filteredOn(w -> w.state() == WorkerState.PASSTHROUGH).hasSize(2);
    first.release();
    second.release();
    assertThat(first.awaitExit()).isZero();
    assertThat(second.awaitExit()).isZero();
  }

  @Test
  @Order(5)
  void aClientKilledMidSessionFreesItsWorker() throws Exception {
    PyClient client = python("hold", socketUrl());
    client.awaitReady();
    client.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    TestServers.await("the killed client's worker back in the pool", Duration.ofSeconds(20), () ->
        TestServers.officePool(server).workers().stream().noneMatch(w -> w.state() == WorkerState.PASSTHROUGH)
            && logText().contains("reenters pool"));
    assertThat(logText()).contains("disconnects from office-");
  }

  @Test
  @Order(6)
  void aDocumentLeftOpenIsClosedBeforeTheNextSession() throws Exception {
    PyClient careless = python("leave-open", socketUrl(), Path.of("tests-data/hello.odt").toAbsolutePath().toString());
    String profile = careless.awaitReady();
    assertThat(careless.awaitExit()).isZero();
    awaitLog("closed 1 component(s) the client left open");
    // Returned workers queue behind the idle ones: within pool_size sessions the same one serves again.
    boolean seen = false;
    for (int i = 0; i < 3 && !seen; i++) {
      PyClient next = python("look", socketUrl());
      String line = next.awaitLine("READY");
      assertThat(next.awaitExit()).isZero();
      if (line.contains(profile + " ")) {
        seen = true;
        assertThat(line).endsWith("components=0");
      }
    }
    assertThat(seen).as("the careless client's worker served again").isTrue();
  }

  @Test
  @Order(7)
  void aClientThatTerminatesItsSofficeGetsItReplacedAndTheNextSessionWorks() throws Exception {
    List<Long> before = TestServers.officePool(server).workers().stream().map(WorkerStatus::pid).toList();
    PyClient terminator = python("terminate", socketUrl());
    terminator.awaitReady();
    terminator.awaitExit();
    TestServers.await("the terminated soffice gone", CLIENT_LIMIT,
        () -> before.stream().anyMatch(pid -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true)));
    // soffice exits a moment after terminate() returns: mostly before the check after the session,
    // which has the worker replaced; on a slow machine after it, and the pool finds the idle worker dead.
    TestServers.await("the worker replaced", CLIENT_LIMIT, () -> logText().contains("is replaced") || logText().contains("died while idle"));
    if (logText().contains("is replaced")) {
      assertThat(logText()).contains("ended during the session (the client called terminate(), or it crashed)");
    }
    Path out = Files.createTempDirectory(scratch, "after");
    PyClient next = python("convert", socketUrl(), Path.of("tests-data/hello.odt").toAbsolutePath().toString(), out.toString());
    assertThat(next.awaitExit()).as(next.output()).isZero();
    assertThat(Documents.pdfText(Files.readAllBytes(out.resolve("out.pdf")))).contains(TEXT);
  }

  @Test
  @Order(8)
  void aClientOutsideTheAllowedAddressesIsRefusedWhenItConnects() throws Exception {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress("127.0.0.2", 0));
      socket.connect(new InetSocketAddress("127.0.0.1", unoPort), 5000);
      socket.setSoTimeout(30_000);
      assertThat(socket.getInputStream().read()).as("the server closes the connection").isEqualTo(-1);
    }
    awaitLog("127.0.0.2:");
    assertThat(logText()).containsPattern("127\\.0\\.0\\.2:\\d+ refused: its address is not in uno_allowed_clients \\(127\\.0\\.0\\.1, ::1\\)");
    assertThat(new OpsHttp(server.port()).metric("cloudooo_uno_sessions_seconds_count", Map.of("outcome", "refused"))).isEqualTo(1.0);
  }

  @Test
  @Order(9)
  void thePipeFormServesASessionPastItsTimeoutIsCutAndShutdownCutsWhatIsStillOpen() throws Exception {
    String name = "cloudooo-it-" + ProcessHandle.current().pid();
    int port = TestServers.freePorts(1);
    Map<String, Object> keys = new HashMap<>();
    keys.put("pool_size", 1);
    keys.put("spare_workers", 0);
    keys.put("openoffice_port", port);
    keys.put("timeout_response", 60);
    keys.put("shutdown_grace_period", 2);
    keys.put("uno_session_timeout", 15);
    keys.put("uno_accept", "pipe,name=" + name + ";urp;");
    CloudoooServer piped = TestServers.start(keys);
    Path socketFile = Path.of("/tmp/OSL_PIPE_" + new com.sun.security.auth.module.UnixSystem().getUid() + "_" + name);
    try {
      assertThat(Files.getPosixFilePermissions(socketFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      String url = "uno:pipe,name=" + name + ";urp;StarOffice.ComponentContext";
      Path out = Files.createTempDirectory(scratch, "pipe");
      PyClient client = python("convert", url, Path.of("tests-data/hello.odt").toAbsolutePath().toString(), out.toString());
      assertThat(client.awaitExit()).as(client.output()).isZero();
      assertThat(Documents.pdfText(Files.readAllBytes(out.resolve("out.pdf")))).contains(TEXT);
      assertThat(logText()).containsPattern("-> office-" + port + " \\(\\d+ uses\\) serves pipe-client-\\d+");

      PyClient overstaying = python("hold", url);
      overstaying.awaitReady();
      awaitLog("ran longer than uno_session_timeout (15 s) and was cut");
      awaitLog("is replaced");

      PyClient holder = python("hold", url);
      holder.awaitReady();
      CompletableFuture.runAsync(piped::stop).get(2, TimeUnit.MINUTES);
      assertThat(logText()).contains("cutting 1 UNO session(s) still open after shutdown_grace_period (2 s)");
      assertThat(ServerProcess.sofficeProcessesOn(port)).isEmpty();
      assertThat(socketFile).doesNotExist();
    } finally {
      TestServers.stop(piped);
    }
  }

  private static PropertyValue property(String name, Object value) {
    PropertyValue property = new PropertyValue();
    property.Name = name;
    property.Value = value;
    return property;
  }

  private static void awaitLog(String text) throws InterruptedException {
    TestServers.await("logged '" + text + "'", CLIENT_LIMIT, () -> logText().contains(text));
  }

  private static String logText() {
    StringBuilder text = new StringBuilder();
    for (ILoggingEvent event : new ArrayList<>(log.list)) {
      text.append(event.getFormattedMessage()).append('\n');
    }
    return text.toString();
  }

  private PyClient python(String... args) throws IOException {
    Path script = scratch.resolve("uno_client.py");
    if (!Files.exists(script)) {
      try (InputStream in = getClass().getResourceAsStream("/uno/uno_client.py")) {
        Files.write(script, in.readAllBytes());
      }
    }
    List<String> command = new ArrayList<>(List.of(pyunoPython(), script.toString()));
    command.addAll(List.of(args));
    PyClient client = new PyClient(new ProcessBuilder(command).redirectErrorStream(true).start());
    clients.add(client.process);
    return client;
  }

  /** Debian's python3-uno is built for the system interpreter, which a PATH python (pyenv) may shadow. */
  private static String pyunoPython() {
    return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  }

  /** A pyuno client process whose output is read as it comes. */
  private static final class PyClient {
    final Process process;
    private final StringBuffer output = new StringBuffer();

    PyClient(Process process) {
      this.process = process;
      Thread reader = new Thread(() -> {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            output.append(line).append('\n');
          }
        } catch (IOException e) {
          // The process was killed.
        }
      }, "pyuno-client-output");
      reader.setDaemon(true);
      reader.start();
    }

    String output() {
      return output.toString();
    }

    String awaitLine(String prefix) throws InterruptedException {
      TestServers.await("a line " + prefix + " from the client", CLIENT_LIMIT,
          () -> output().lines().anyMatch(l -> l.startsWith(prefix)) || !process.isAlive());
      if (!process.isAlive()) {
        process.waitFor(5, TimeUnit.SECONDS);
        Thread.sleep(100); // the reader takes the last lines
      }
      return output().lines().filter(l -> l.startsWith(prefix)).findFirst()
          .orElseThrow(() -> new AssertionError("the client ended without a line " + prefix + ":\n" + output()));
    }

    /** The profile URL of the worker that serves this client. */
    String awaitReady() throws InterruptedException {
      return awaitLine("READY").split(" ")[1];
    }

    void release() throws IOException {
      process.getOutputStream().write('\n');
      process.getOutputStream().flush();
    }

    int awaitExit() throws InterruptedException {
      if (!process.waitFor(CLIENT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("the client did not end within " + CLIENT_LIMIT.toSeconds() + " s:\n" + output());
      }
      // Let the reader take the last lines.
      Thread.sleep(100);
      return process.exitValue();
    }
  }
}
