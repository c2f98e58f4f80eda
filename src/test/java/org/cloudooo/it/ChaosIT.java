package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cloudooo.it.TestServers.testData;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudooo.supervision.PoolStatus;
import org.cloudooo.supervision.WorkerState;
import org.cloudooo.supervision.WorkerStatus;
import org.cloudooo.server.CloudoooServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A sick backend loses no good request: soffice killed or frozen mid-conversion, a document
 * that hangs it, and a long mixed load with bad documents. Afterwards the pool is whole and
 * nothing is leaked.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {

  private static final int TIMEOUT_SECONDS = 6;
  private static CloudoooServer server;
  private static XmlRpcTestClient client;
  private static int firstPort;

  @BeforeAll
  static void start() throws Exception {
    firstPort = TestServers.freePorts(3);
    server = TestServers.start(Map.of(
        "pool_size", 2, "spare_workers", 1, "openoffice_port", firstPort, "timeout_response", TIMEOUT_SECONDS,
        "limit_number_request", 1000, "poison_document_ttl", 600));
    client = new XmlRpcTestClient(server.port());
  }

  @AfterAll
  static void stop() throws Exception {
    TestServers.stop(server);
    for (int port = firstPort; port < firstPort + 3; port++) {
      assertThat(ServerProcess.sofficeProcessesOn(port)).isEmpty();
    }
  }

  /** A text that takes LibreOffice a second or two to lay out as PDF. */
  private static byte[] text(int lines) {
    return ("A line of text for a conversion that takes a while.\n".repeat(lines)).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @Order(1)
  void killDashNineMidConversionStillAnswers() throws Exception {
    CompletableFuture<byte[]> pdf = CompletableFuture.supplyAsync(() -> client.convert(text(3000), "txt", "pdf"));
    long pid = busyWorkerPid();
    new ProcessBuilder("kill", "-KILL", String.valueOf(pid)).start().waitFor(10, TimeUnit.SECONDS);
    assertThat(Documents.pdfText(pdf.get(2, TimeUnit.MINUTES))).contains("A line of text");
    awaitWholePool();
  }

  @Test
  @Order(2)
  void frozenSofficeIsKilledAfterTheTimeoutAndTheDocumentResubmitted() throws Exception {
    long start = System.nanoTime();
    CompletableFuture<byte[]> pdf = CompletableFuture.supplyAsync(() -> client.convert(text(3000), "txt", "pdf"));
    long pid = busyWorkerPid();
    new ProcessBuilder("kill", "-STOP", String.valueOf(pid)).start().waitFor(10, TimeUnit.SECONDS);
    assertThat(Documents.pdfText(pdf.get(2, TimeUnit.MINUTES))).contains("A line of text");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(TIMEOUT_SECONDS));
    ProcessHandle.of(pid).ifPresent(frozen -> frozen.onExit().orTimeout(30, TimeUnit.SECONDS).join());
    awaitWholePool();
  }

  @Test
  @Order(3)
  void poisonDocumentFailsTwiceThenFast() throws Exception {
    byte[] poison = text(100_000); // far longer than timeout_response to lay out
    assertThatThrownBy(() -> client.convert(poison, "txt", "pdf"))
        .isInstanceOf(XmlRpcTestClient.Fault.class)
        .hasMessageStartingWith("PoisonDocument:")
        .hasMessageContaining("on both tries");
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.convert(poison, "txt", "pdf"))
        .hasMessageStartingWith("PoisonDocument:")
        .hasMessageContaining("refused");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    awaitWholePool();
    assertThat(Documents.isPdf(client.convert(testData("hello.odt"), "odt", "pdf"))).isTrue();
  }

  @Test
  @Order(4)
  void fiveHundredRequestsWithBadOnesMixedIn() throws Exception {
    List<Object[]> good = List.of(
        new Object[] {testData("hello.odt"), "odt", "pdf", "%PDF"},
        new Object[] {testData("sheet.ods"), "ods", "xlsx", "PK"},
        new Object[] {testData("hello.docx"), "docx", "odt", "PK"},
        new Object[] {testData("page.html"), "html", "odt", "PK"},
        new Object[] {testData("utf8.csv"), "csv", "html", "<"});
    List<Object[]> bad = List.of(
        new Object[] {testData("garbage.doc"), "doc", "pdf"},
        new Object[] {testData("truncated.docx"), "docx", "pdf"},
        new Object[] {testData("text_as.xlsx"), "xlsx", "ods"},
        new Object[] {testData("hello.odt"), "odt", "xyz"},
        new Object[] {new byte[0], "docx", "pdf"});
    ExecutorService clients = Executors.newFixedThreadPool(16);
    AtomicInteger goodOk = new AtomicInteger();
    AtomicInteger badFaulted = new AtomicInteger();
    List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Future<?>> requests = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      boolean isBad = i % 10 == 3;
      Object[] job = isBad ? bad.get(i / 10 % bad.size()) : good.get(i % good.size());
      requests.add(clients.submit(() -> {
        try {
          byte[] out = client.convert((byte[]) job[0], (String) job[1], (String) job[2]);
          if (isBad) {
            problems.add("bad " + job[1] + "→" + job[2] + " converted");
          } else if (new String(out, 0, Math.min(out.length, 8), StandardCharsets.ISO_8859_1).startsWith((String) job[3])) {
            goodOk.incrementAndGet();
          } else {
            problems.add("good " + job[1] + "→" + job[2] + " gave unexpected bytes");
          }
        } catch (XmlRpcTestClient.Fault fault) {
          if (isBad) {
            badFaulted.incrementAndGet();
          } else {
            problems.add("good " + job[1] + "→" + job[2] + " failed: " + fault.getMessage());
          }
        }
      }));
    }
    for (Future<?> request : requests) {
      request.get(10, TimeUnit.MINUTES);
    }
    clients.shutdown();
    assertThat(problems).isEmpty();
    assertThat(goodOk.get()).isEqualTo(450);
    assertThat(badFaulted.get()).isEqualTo(50);
    awaitWholePool();
    try (var left = Files.list(server.config().jobRoot())) {
      assertThat(left.toList()).isEmpty();
    }
    for (int port = firstPort; port < firstPort + 3; port++) {
      assertThat(ServerProcess.sofficeProcessesOn(port)).as("one soffice on port " + port).hasSize(1);
    }
    assertThat(zombies()).isEmpty();
  }

  /** The pid of a soffice that is running a conversion right now. */
  private static long busyWorkerPid() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (WorkerStatus worker : office().workers()) {
        if (worker.state() == WorkerState.BUSY && worker.pid() > 0) {
          return worker.pid();
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no worker became busy");
  }

  /** Every worker (the spare too) back, idle, with a live soffice. */
  private static void awaitWholePool() throws InterruptedException {
    TestServers.await("the pool whole again", Duration.ofSeconds(60), () -> {
      PoolStatus status = office();
      return status.workers().size() == 3 && status.free() == 2
          && status.workers().stream().allMatch(w -> w.state() == WorkerState.IDLE && w.pid() > 0);
    });
  }

  private static PoolStatus office() {
    return TestServers.officePool(server);
  }

  static List<String> zombies() throws Exception {
    Process ps = new ProcessBuilder("ps", "-eo", "stat,args").start();
    String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    ps.waitFor(10, TimeUnit.SECONDS);
    return out.lines().filter(l -> l.startsWith("Z") && l.contains("soffice")).toList();
  }
}
