package org.cloudooo.handler.office;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cloudooo.core.Causes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker goes through after a UNO pass-through session before it serves again: the
 * documents the client left open are closed, and its soffice must be the same one, alive, and
 * answer the Desktop within {@link #CLEANUP_TIMEOUT}. The cleanup runs on a thread of its own so
 * that a hung soffice cannot hold the session's thread past that limit.
 */
final class AfterSession implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(UnoPassThrough.class);
  /** The cleanup and liveness call: a healthy soffice answers in milliseconds. */
  static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(10);
  /**
   * How long a soffice whose cleanup failed may take to exit before it counts as hung rather
   * than terminated: a terminated soffice took more than 5 s on a loaded 2-core machine. Only
   * the reason logged depends on it; the worker is replaced either way.
   */
  private static final Duration EXIT_WAIT = Duration.ofSeconds(20);

  private final ExecutorService cleanupThreads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "uno-cleanup");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * Why a worker may not serve again after a session; empty when it is clean and answers. The
   * session's soffice must still be the worker's, before and after the cleanup: jodconverter
   * restarts a soffice that a client terminated on its own, and the cleanup would then pass on
   * the new one, which the pool did not start (nor count, nor give its settings).
   */
  Optional<String> check(OfficeWorker worker, long pidBefore) {
    Optional<ProcessHandle> soffice = ProcessHandle.of(pidBefore);
    Optional<String> gone = Optional.of("its soffice " + pidBefore + " ended during the session (the client called"
        + " terminate(), or it crashed)");
    if (soffice.isEmpty() || !soffice.get().isAlive()) {
      return gone;
    }
    SessionCleanup cleanup = new SessionCleanup();
    Future<?> run = cleanupThreads.submit(() -> {
      worker.execute(cleanup);
      return null;
    });
    try {
      run.get(CLEANUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      run.cancel(true);
      return endsSoon(soffice.get())
          ? gone : Optional.of("its soffice did not answer within " + CLEANUP_TIMEOUT.toSeconds() + " s after the session (hung)");
    } catch (ExecutionException e) {
      // jodconverter cancels the task when it finds the soffice gone (terminate()) and restarts it.
      return endsSoon(soffice.get())
          ? gone : Optional.of("LibreOffice failed the cleanup after the session: " + Causes.rootMessage(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("the server stopped during its cleanup");
    }
    if (!soffice.get().isAlive() || worker.pid() != pidBefore) {
      return gone;
    }
    if (cleanup.closed() > 0) {
      LOG.info("{}: closed {} component(s) the client left open", worker.id(), cleanup.closed());
    }
    return Optional.empty();
  }

  /** Whether a soffice whose cleanup failed is on its way out (terminated) rather than broken while alive. */
  private static boolean endsSoon(ProcessHandle soffice) {
    try {
      soffice.onExit().get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    cleanupThreads.shutdownNow();
  }
}
