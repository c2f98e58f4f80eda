package org.cloudooo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two instances behind Debian's HAProxy on packaging/haproxy.cfg, as the README's "Scale out"
 * runs them: given 200 conversions from 8 clients through HAProxy, when one instance is killed
 * with SIGKILL mid-run (and started again, as a supervisor would) and then the other is
 * restarted gracefully with SIGHUP, then every request gets its own document back, the client
 * never retrying.
 */
class ScaleOutIT {

  private static final int CONVERSIONS = 200;
  private static final int CLIENTS = 8;
  private static final Duration STEP = Duration.ofMinutes(3);

  /** Lets clients start conversion number k only once k is below the limit. */
  private static final class Gate {
    private int limit;

    Gate(int limit) {
      this.limit = limit;
    }

    synchronized void open(int newLimit) {
      limit = newLimit;
      notifyAll();
    }

    synchronized void await(int k) throws InterruptedException {
      while (k >= limit) {
        wait();
      }
    }
  }

  @Test
  void conversionsThroughHaproxySurviveAKilledInstanceAndAGracefulRestart() throws Exception {
    Path root = Files.createTempDirectory("cloudooo-scale");
    // Four distinct ports, free now: none is bound until its server starts.
    int frontendPort = TestServers.freePorts(4);
    int statsPort = frontendPort + 1;
    var one = new ScaleOutInstance("cloudooo1", frontendPort + 2, root);
    var two = new ScaleOutInstance("cloudooo2", frontendPort + 3, root);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try (one; two) {
      one.start();
      two.start();
      try (var haproxy = HaproxyProcess.start(frontendPort, statsPort, one.httpPort, two.httpPort)) {
        awaitUp(haproxy, "cloudooo1");
        awaitUp(haproxy, "cloudooo2");

        var gate = new Gate(60);
        var next = new AtomicInteger();
        var done = new AtomicInteger();
        Map<Integer, String> failures = new ConcurrentHashMap<>();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          running.add(clients.submit(() -> {
            var client = new XmlRpcTestClient(frontendPort);
            for (int k = next.getAndIncrement(); k < CONVERSIONS; k = next.getAndIncrement()) {
              gate.await(k);
              String text = "Conversion number " + k + " through HAProxy";
              try {
                String pdfText = Documents.pdfText(client.convert(text.getBytes(StandardCharsets.UTF_8), "txt", "pdf"));
                if (!pdfText.contains(text)) {
                  failures.put(k, "wrong document: " + pdfText.strip());
                }
              } catch (Exception | AssertionError e) {
                failures.put(k, e.toString());
              }
              done.incrementAndGet();
            }
            return null;
          }));
        }

        // Under load, one instance dies without a word; a supervisor starts it again.
        TestServers.await("20 conversions done", STEP, () -> done.get() >= 20);
        one.process.signal("KILL");
        assertThat(one.process.awaitExit()).isEqualTo(137);
        int doneAtKill = done.get();
        one.start();
        awaitUp(haproxy, "cloudooo1");

        // Then the other is restarted gracefully, under load as well.
        gate.open(CONVERSIONS);
        TestServers.await("100 conversions done", STEP, () -> done.get() >= 100);
        // Counted at the signal: the drain lasts seconds, in which the others may all finish.
        int doneAtRestart = done.get();
        two.process.signal("HUP");
        assertThat(two.process.awaitExit()).as(two.process.output()).isZero();
        assertThat(two.process.output()).contains("draining: /health answers 503");
        two.start();

        for (Future<?> client : running) {
          client.get(STEP.toMinutes(), TimeUnit.MINUTES);
        }
        assertThat(failures.size()).as("requests that failed (no client retries), the first of them: "
            + failures.entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(5).toList()).isZero();
        assertThat(done.get()).isEqualTo(CONVERSIONS);
        assertThat(doneAtKill).as("the kill came mid-run").isLessThan(60);
        assertThat(doneAtRestart).as("the graceful restart came mid-run").isLessThan(CONVERSIONS);

        // HAProxy did resend: the kill and the drain were not missed by luck.
        long resent = haproxy.counter("cloudooo/BACKEND", "wretr") + haproxy.counter("cloudooo/BACKEND", "wredis");
        System.out.printf("HAProxy: %d retries, %d redispatches; 2xx from cloudooo1 %d, cloudooo2 %d;"
                + " kill after %d conversions, SIGHUP after %d%n",
            haproxy.counter("cloudooo/BACKEND", "wretr"), haproxy.counter("cloudooo/BACKEND", "wredis"),
            haproxy.counter("cloudooo/cloudooo1", "hrsp_2xx"), haproxy.counter("cloudooo/cloudooo2", "hrsp_2xx"),
            doneAtKill, doneAtRestart);
        assertThat(resent).as(haproxy.describe("cloudooo1", "cloudooo2").toString()).isPositive();
        assertThat(haproxy.counter("cloudooo/cloudooo1", "hrsp_2xx")).isPositive();
        assertThat(haproxy.counter("cloudooo/cloudooo2", "hrsp_2xx")).isPositive();
        assertThat(haproxy.counter("cloudooo/FRONTEND", "hrsp_5xx")).as("5xx answered to clients").isZero();
        awaitUp(haproxy, "cloudooo2");
      }

      for (ScaleOutInstance instance : List.of(one, two)) {
        instance.process.signal("TERM");
        assertThat(instance.process.awaitExit()).as(instance.process.output()).isZero();
        assertThat(ServerProcess.sofficeProcessesOn(instance.unoPort)).as("soffice left on port " + instance.unoPort).isEmpty();
      }
    } finally {
      clients.shutdownNow();
      TestServers.deleteQuietly(root);
    }
  }

  private static void awaitUp(HaproxyProcess haproxy, String server) throws InterruptedException {
    TestServers.await(server + " up in HAProxy", STEP, () -> haproxy.status(server).equals("UP"));
  }
}
