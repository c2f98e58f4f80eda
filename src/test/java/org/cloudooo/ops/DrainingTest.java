package org.cloudooo.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.servlet.FilterChain;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

class DrainingTest {

  private static final Duration ADMIT = Duration.ofSeconds(3);

  /** A clock the test moves by hand. */
  private static final class ManualClock {
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    void advance(Duration by) {
      nanos.addAndGet(by.toNanos());
    }
  }

  /** What the filter wrote: status, headers, body. */
  private static final class Answer {
    int status = 200;
    final Map<String, String> headers = new HashMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();

    HttpServletResponse response() {
      ServletOutputStream out = new ServletOutputStream() {
        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {}

        @Override
        public void write(int b) {
          body.write(b);
        }
      };
      return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class},
          (proxy, method, args) -> {
            switch (method.getName()) {
              case "setStatus" -> status = (Integer) args[0];
              case "setHeader" -> headers.put((String) args[0], (String) args[1]);
              case "setContentType" -> headers.put("Content-Type", (String) args[0]);
              case "getOutputStream" -> {
                return out;
              }
              default -> { }
            }
            return null;
          });
    }
  }

  private static HttpServletRequest post(String path) {
    return (HttpServletRequest) Proxy.newProxyInstance(DrainingTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getRequestURI" -> path;
          case "getMethod" -> "POST";
          default -> null;
        });
  }

  @Test
  void aRequestAdmittedBeforeTheDrainRunsToItsEndAndTheDrainWaitsForIt() throws Exception {
    var draining = new Draining(ADMIT);
    var entered = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    FilterChain slow = (request, response) -> {
      entered.countDown();
      try {
        release.await(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ((HttpServletResponse) response).setStatus(200);
    };
    var answer = new Answer();
    var inFlight = CompletableFuture.runAsync(() -> {
      try {
        draining.doFilter(post("/RPC2"), answer.response(), slow);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(entered.await(1, TimeUnit.MINUTES)).isTrue();

    draining.begin();
    assertThat(draining.isDraining()).isTrue();
    assertThat(draining.inFlight()).isEqualTo(1);
    assertThat(draining.awaitIdle(Duration.ofMillis(50))).as("one request still runs").isFalse();

    release.countDown();
    inFlight.get(1, TimeUnit.MINUTES);
    assertThat(answer.status).isEqualTo(200);
    assertThat(draining.awaitIdle(Duration.ofMinutes(1))).isTrue();
    assertThat(draining.inFlight()).isZero();
  }

  @Test
  void newWorkDuringTheDrainIsRefusedWith503AndTheConnectionClosed() throws Exception {
    var draining = new Draining(ADMIT);
    draining.begin();
    var called = new AtomicBoolean();
    var answer = new Answer();
    draining.doFilter(post("/RPC2"), answer.response(), (request, response) -> called.set(true));

    assertThat(called).as("the request never reaches XML-RPC").isFalse();
    assertThat(answer.status).isEqualTo(503);
    assertThat(answer.headers).containsEntry("Connection", "close").containsEntry("Retry-After", "1");
    assertThat(answer.body.toString(StandardCharsets.UTF_8)).startsWith("Draining: ");
    assertThat(draining.inFlight()).isZero();
    assertThat(draining.awaitIdle(Duration.ZERO)).isTrue();
  }

  @Test
  void aJobsRequestIsRefusedInTheJsonOfTheJobsEndpoint() throws Exception {
    var draining = new Draining(ADMIT);
    draining.begin();
    var answer = new Answer();
    draining.doFilter(post("/jobs"), answer.response(), (request, response) -> { });
    assertThat(answer.status).isEqualTo(503);
    assertThat(answer.headers.get("Content-Type")).startsWith("application/json");
    assertThat(answer.body.toString(StandardCharsets.UTF_8)).startsWith("{\"error\": \"Draining: ");
  }

  @Test
  void withoutADrainRequestsPassAndNothingWaits() throws Exception {
    var draining = new Draining(ADMIT);
    var called = new AtomicBoolean();
    draining.doFilter(post("/RPC2"), new Answer().response(), (request, response) -> called.set(true));
    assertThat(called).isTrue();
    assertThat(draining.isDraining()).isFalse();
    assertThat(draining.awaitIdle(Duration.ZERO)).isTrue();
  }

  @Test
  void whenALoadBalancerPollsHealthNewWorkIsAdmittedUntilItsChecksSawTheDrain() throws Exception {
    var clock = new ManualClock();
    var draining = new Draining(ADMIT, clock.nanos::get);
    draining.healthAsked();
    clock.advance(Duration.ofSeconds(1));

    assertThat(draining.begin()).isEqualTo(ADMIT);
    assertThat(draining.isDraining()).as("/health says draining at once").isTrue();
    var admitted = new AtomicBoolean();
    draining.doFilter(post("/RPC2"), new Answer().response(), (request, response) -> admitted.set(true));
    assertThat(admitted).as("new work inside the admit period").isTrue();
    assertThat(draining.awaitIdle(Duration.ZERO)).as("the admit period is not over").isFalse();

    clock.advance(ADMIT);
    var answer = new Answer();
    var called = new AtomicBoolean();
    draining.doFilter(post("/RPC2"), answer.response(), (request, response) -> called.set(true));
    assertThat(called).isFalse();
    assertThat(answer.status).isEqualTo(503);
    assertThat(draining.awaitIdle(Duration.ZERO)).isTrue();
  }

  @Test
  void aHealthRequestOlderThanTheWatchWindowDoesNotDelayTheRefusal() throws Exception {
    var clock = new ManualClock();
    var draining = new Draining(ADMIT, clock.nanos::get);
    draining.healthAsked();
    clock.advance(Draining.WATCHED_WITHIN.plusSeconds(1));

    assertThat(draining.begin()).isZero();
    var answer = new Answer();
    draining.doFilter(post("/RPC2"), answer.response(), (request, response) -> { });
    assertThat(answer.status).isEqualTo(503);
  }
}
