package org.cloudooo.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The drain before a stop, so that a rolling restart behind a load balancer loses nothing. Once
 * {@link #begin} is called, GET /health answers 503 {@code draining}. When something polled
 * /health shortly before (a load balancer or a probe that routes by it), new work is still
 * admitted for the admit period ({@code drain_admit_period}), the time its checks take to take
 * the instance out: a draining instance that refused at once would look the least loaded and get
 * the load balancer's resent requests straight back until its retries ran out. After that (at
 * once when nothing polls /health) every new request for work (XML-RPC, /jobs) is answered 503
 * with {@code Connection: close} and {@code Retry-After} before its body is read: nothing of it
 * ran here, so a load balancer may resend it to another instance (HAProxy's {@code retry-on
 * 503}). Requests admitted keep running; {@link #awaitIdle} returns when the admit period is
 * over and the last of them has ended. The operations endpoints sit in front of this filter and
 * keep answering.
 */
public final class Draining implements Filter {

  static final String MESSAGE = "Draining: this instance is shutting down; send the request to another instance";

  /** How recent a /health request must be for the drain to count the instance as watched. */
  static final Duration WATCHED_WITHIN = Duration.ofSeconds(30);

  private final Duration admitPeriod;
  private final LongSupplier nanoClock;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object idle = new Object();
  private volatile long lastHealthNanos;
  private volatile boolean healthAsked;
  private volatile boolean draining;
  private volatile long admitUntilNanos;

  /** @param admitPeriod how long new work is still admitted after {@link #begin} when /health is watched */
  public Draining(Duration admitPeriod) {
    this(admitPeriod, System::nanoTime);
  }

  Draining(Duration admitPeriod, LongSupplier nanoClock) {
    this.admitPeriod = admitPeriod;
    this.nanoClock = nanoClock;
  }

  /** Called for every GET /health: whoever asks routes by the answer. */
  public void healthAsked() {
    lastHealthNanos = nanoClock.getAsLong();
    healthAsked = true;
  }

  /**
   * From now on /health says draining; new work is refused once the admit period is over, at
   * once if nothing asked /health within {@link #WATCHED_WITHIN}.
   *
   * @return how long new work is still admitted
   */
  public Duration begin() {
    long now = nanoClock.getAsLong();
    boolean watched = healthAsked && now - lastHealthNanos <= WATCHED_WITHIN.toNanos();
    Duration admitting = watched ? admitPeriod : Duration.ZERO;
    admitUntilNanos = now + admitting.toNanos();
    draining = true;
    return admitting;
  }

  public boolean isDraining() {
    return draining;
  }

  /** Requests for work admitted and not yet answered. */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Waits until the admit period is over and no admitted request is left, at most {@code limit}.
   *
   * @return false when the admit period or some request was still running at the limit
   */
  public boolean awaitIdle(Duration limit) throws InterruptedException {
    long deadline = nanoClock.getAsLong() + limit.toNanos();
    synchronized (idle) {
      while (admitting() || inFlight.get() > 0) {
        long now = nanoClock.getAsLong();
        long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - now);
        if (leftMillis <= 0) {
          return false;
        }
        // Requests admitted during the admit period end with a notify; its end does not.
        long admitLeftMillis = admitting() ? TimeUnit.NANOSECONDS.toMillis(admitUntilNanos - now) + 1 : Long.MAX_VALUE;
        idle.wait(Math.max(1, Math.min(leftMillis, admitLeftMillis)));
      }
    }
    return true;
  }

  private boolean admitting() {
    return draining && nanoClock.getAsLong() - admitUntilNanos < 0;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    // Counted before the flag is read: a request that saw "not draining" is already counted
    // when begin() is followed by awaitIdle(), so none slips past the wait.
    inFlight.incrementAndGet();
    try {
      if (draining && !admitting()) {
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
