package org.cloudooo.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The drain before a stop, so that a rolling restart behind a load balancer loses nothing. Once
 * {@link #begin} is called, GET /health answers 503 {@code draining} and every new request for
 * work (XML-RPC, /jobs) is answered 503 with {@code Connection: close} and {@code Retry-After}
 * before its body is read: nothing of it ran here, so a load balancer may resend it to another
 * instance (HAProxy's {@code retry-on 503}). Requests admitted before keep running;
 * {@link #awaitIdle} returns when the last of them has ended. The operations endpoints sit in
 * front of this filter and keep answering.
 */
public final class Draining implements Filter {

  static final String MESSAGE = "Draining: this instance is shutting down; send the request to another instance";

  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object idle = new Object();
  private volatile boolean draining;

  /** From now on /health says draining and new work is refused. */
  public void begin() {
    draining = true;
  }

  public boolean isDraining() {
    return draining;
  }

  /** Requests for work admitted and not yet answered. */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Waits until no admitted request is left, at most {@code limit}.
   *
   * @return false when some were still running at the limit
   */
  public boolean awaitIdle(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (idle) {
      while (inFlight.get() > 0) {
        long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (leftMillis <= 0) {
          return false;
        }
        idle.wait(leftMillis);
      }
    }
    return true;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    // Counted before the flag is read: a request that saw "not draining" is already counted
    // when begin() is followed by awaitIdle(), so none slips past the wait.
    inFlight.incrementAndGet();
    try {
      if (draining) {
        refuse((HttpServletRequest) request, (HttpServletResponse) response);
      } else {
        chain.doFilter(request, response);
      }
    } finally {
      if (inFlight.decrementAndGet() == 0 && draining) {
        synchronized (idle) {
          idle.notifyAll();
        }
      }
    }
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
    boolean jobs = request.getRequestURI().startsWith("/jobs");
    String body = jobs ? "{\"error\": \"" + MESSAGE.replace("\"", "'") + "\"}\n" : MESSAGE + "\n";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setHeader("Connection", "close");
    response.setHeader("Retry-After", "1");
    response.setHeader("Cache-Control", "no-store");
    response.setContentType(jobs ? "application/json; charset=utf-8" : "text/plain; charset=utf-8");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
