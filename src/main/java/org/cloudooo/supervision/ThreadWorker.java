package org.cloudooo.supervision;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A worker whose backend is a thread of this JVM (PDFBox): work runs on that thread so that the
 * request thread can stop waiting after the timeout. A thread cannot be killed, so a worker
 * that timed out abandons its thread (interrupted, left to finish on its own) and starts a new one.
 */
public final class ThreadWorker implements PooledWorker {

  private final String id;
  private volatile ExecutorService thread;

  public ThreadWorker(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public boolean keepsBackend() {
    return false;
  }

  @Override
  public synchronized void start() {
    thread = Executors.newSingleThreadExecutor(runnable -> {
      Thread worker = new Thread(runnable, id);
      worker.setDaemon(true);
      return worker;
    });
  }

  /**
   * Runs {@code work} on the worker's thread.
   *
   * @param task what the work does, for the timeout's message ({@code reading this PDF})
   * @param timeoutKey the key an operator raises when work takes too long
   * @throws BackendFailure when the work took longer than {@code timeout}
   * @throws Exception what the work threw
   */
  public <T> T call(Callable<T> work, String task, Duration timeout, String timeoutKey) throws Exception {
    ExecutorService current = thread;
    if (current == null) {
      throw new IllegalStateException(id + " is not running");
    }
    Future<T> result = current.submit(work);
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      throw new BackendFailure(BackendFailure.Breakdown.TIMEOUT,
          task + " took longer than " + timeoutKey + " (" + timeout.toSeconds() + " s); an operator can raise " + timeoutKey);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  @Override
  public synchronized void stop() {
    ExecutorService current = thread;
    thread = null;
    if (current != null) {
      current.shutdownNow();
    }
  }
}
