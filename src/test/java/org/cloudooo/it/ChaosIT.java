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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudooo.it.ConversionLoad.Conversion;
import org.cloudooo.it.ConversionLoad.Outcome;
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
 * that hangs it, a long mixed load with bad documents, and kills and freezes under load, each
 * costing a conversion no more than timeout_response, one restart and one conversion.
 * Afterwards the pool is whole and nothing is leaked.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {

  private static final int TIMEOUT_SECONDS = 6;
  /**
   * The longest a conversion may take under chaos: timeout_response (a frozen soffice has that
   * long), one restart (with no spare ready, the resubmission may wait for a worker to come back)
   * and one conversion (the resubmission's, its wait for a worker included). Measured on a 2-core
   * machine shared with other work, 4 clients on 2 workers: a conversion of the corpus below
   * takes up to 8.6 s, waiting included (the first ones on a fresh soffice are the slowest); a
   * restart, one soffice start from the profile template, 5 to 19 s while the others convert.
   */
  private static final Duration ONE_CONVERSION = Duration.ofSeconds(10);
  private static final Duration ONE_RESTART = Duration.ofSeconds(20);
  private static final Duration CHAOS_BUDGET = Duration.ofSeconds(TIMEOUT_SECONDS).plus(ONE_CONVERSION).plus(ONE_RESTART);
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
  void twoHundredRequestsWithBadOnesMixedIn() throws Exception {
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
    for (int i = 0; i < 200; i++) {
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
    assertThat(goodOk.get()).isEqualTo(180);
    assertThat(badFaulted.get()).isEqualTo(20);
    awaitWholePool();
    try (var left = Files.list(server.config().jobRoot())) {
      assertThat(left.toList()).isEmpty();
    }
    for (int port = firstPort; port < firstPort + 3; port++) {
      assertThat(ServerProcess.sofficeProcessesOn(port)).as("one soffice on port " + port).hasSize(1);
    }
    assertThat(zombies()).isEmpty();
  }

  /**
   * Four clients convert while a busy soffice is killed with SIGKILL five times and frozen with
   * SIGSTOP once. Each blow waits until the conversions the one before hit are done (resubmit-once
   * survives one failure per request) and until at most one worker is restarting: then a spare
   * is ready, or one restart is under way and the resubmission may have to wait for it. Each
   * restart runs one soffice: a worker that starts soffice twice keeps the pool short twice as
   * long, which is how failures used to pile up into waits of most of a minute.
   */
  @Test
  @Order(5)
  void underChaosEveryConversionSucceedsWithinTheTimeoutOneConversionAndOneRestart() throws Exception {
    List<Conversion> corpus = List.of(
        new Conversion("txt→pdf", text(3000), "txt", "pdf", Documents::pdfText, "A line of text"),
        new Conversion("odt→pdf", testData("hello.odt"), "odt", "pdf", Documents::pdfText, "quick brown fox"),
        new Conversion("docx→odt", testData("hello.docx"), "docx", "odt", Documents::odfText, "quick brown fox"),
        new Conversion("ods→xlsx", testData("sheet.ods"), "ods", "xlsx", xlsx -> Documents.zipText(xlsx, "xl/sharedStrings.xml"), "Coffee"),
        new Conversion("html→odt", testData("page.html"), "html", "odt", Documents::odfText, "Hello HTML"));
    var http = new OpsHttp(server.port());
    double restartsBefore = http.metric("cloudooo_worker_restarts_total", Map.of("pool", "office"));
    // Every soffice lives for seconds (a start alone takes that long): sampling finds each one.
    Map<String, Set<Long>> sofficeOfWorker = new ConcurrentHashMap<>();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleWithFixedDelay(() -> office().workers().stream().filter(worker -> worker.pid() > 0).forEach(
        worker -> sofficeOfWorker.computeIfAbsent(worker.id(), id -> ConcurrentHashMap.newKeySet()).add(worker.pid())),
        0, 200, TimeUnit.MILLISECONDS);
    List<Outcome> outcomes;
    try (var load = new ConversionLoad(client, corpus, 4)) {
      TestServers.await("each soffice seen", Duration.ofSeconds(10), () -> sofficeOfWorker.size() == 3);
      for (String signal : List.of("KILL", "KILL", "STOP", "KILL", "KILL", "KILL")) {
        TestServers.await("at most one worker restarting", Duration.ofMinutes(2), ChaosIT::atMostOneRestarting);
        long pid = busyWorkerPid();
        Set<Integer> hit = load.inFlight();
        new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start().waitFor(10, TimeUnit.SECONDS);
        // A soffice frozen between two conversions hangs the one that takes it next.
        ProcessHandle.of(pid).ifPresent(victim -> victim.onExit().orTimeout(2, TimeUnit.MINUTES).join());
        hit.addAll(load.inFlight());
        TestServers.await("the conversions SIG" + signal + " hit done", Duration.ofMinutes(2), () -> load.done(hit));
      }
      outcomes = load.finish(60, Duration.ofMinutes(5));
      awaitWholePool();
    } finally {
      sampler.shutdownNow();
    }
    assertThat(outcomes).hasSizeGreaterThanOrEqualTo(60);
    assertThat(outcomes).filteredOn(outcome -> outcome.problem() != null).isEmpty();
    assertThat(outcomes.get(0).latency()).as("the slowest of %s", outcomes.subList(0, 5)).isLessThanOrEqualTo(CHAOS_BUDGET);
    double restarts = http.metric("cloudooo_worker_restarts_total", Map.of("pool", "office")) - restartsBefore;
    int started = sofficeOfWorker.values().stream().mapToInt(soffices -> soffices.size() - 1).sum();
    // The margins, also when the test passes: a slowest conversion creeping up to the budget is
    // the sign of a regression before it fails.
    System.out.printf("chaos: %d conversions, slowest %s (budget %s); %d soffice started for %.0f worker restarts%n",
        outcomes.size(), outcomes.get(0), CHAOS_BUDGET, started, restarts);
    assertThat(started).as("soffice processes started for %s worker restarts: %s", restarts, sofficeOfWorker)
        .isLessThanOrEqualTo((int) restarts);
  }

  /** No more than one worker (the spare included) is without a live soffice in rotation. */
  private static boolean atMostOneRestarting() {
    return office().workers().stream()
        .filter(w -> !(w.state() == WorkerState.IDLE || w.state() == WorkerState.BUSY) || w.pid() <= 0).count() <= 1;
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
