package org.cloudooo.server;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cloudooo.supervision.PoolListener;

/**
 * Hands pool events to a listener still being built: the meter registry takes some 300 ms to
 * build, and soffice's start need not wait for it. An event that comes before waits for it.
 */
final class PendingPoolListener implements PoolListener {

  /** Building the registry takes well under a second; this only bounds a broken build. */
  static final long WAIT_SECONDS = 60;

  private final CompletableFuture<? extends PoolListener> pending;

  PendingPoolListener(CompletableFuture<? extends PoolListener> pending) {
    this.pending = pending;
  }

  @Override
  public void queueWaited(String pool, Duration wait) {
    listener().queueWaited(pool, wait);
  }

  @Override
  public void workerRestarted(String pool, String workerId, String reason) {
    listener().workerRestarted(pool, workerId, reason);
  }

  @Override
  public void sessionEnded(String pool, String outcome, Duration length) {
    listener().sessionEnded(pool, outcome, length);
  }

  private PoolListener listener() {
    try {
      return pending.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PoolListener.NONE;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the metrics registry did not build: " + e.getMessage(), e);
    }
  }
}
