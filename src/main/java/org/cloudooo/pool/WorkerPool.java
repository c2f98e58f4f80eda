package org.cloudooo.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of workers, each lent to one job at a time. Workers start and stop in parallel;
 * a job waits a bounded time for a free worker and may be run again on another worker when
 * its {@link RetryPolicy} says so. Logs {@code {free/total}} on every take and return, as the
 * original office daemon did.
 */
public final class WorkerPool<W extends PooledWorker> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  private final String name;
  private final List<W> workers;
  private final BlockingQueue<W> idle;
  private final Duration acquireTimeout;
  private final PoolListener listener;
  private final Map<W, Usage> usage = new ConcurrentHashMap<>();
  private final AtomicInteger waiting = new AtomicInteger();

  /** Per-worker counters for the status page. */
  private static final class Usage {
    private final AtomicLong uses = new AtomicLong();
    private volatile long taskStartNanos;
  }

  private WorkerPool(String name, List<W> workers, Duration acquireTimeout, PoolListener listener) {
    this.name = name;
    this.workers = List.copyOf(workers);
    this.idle = new ArrayBlockingQueue<>(workers.size(), true, workers);
    this.acquireTimeout = acquireTimeout;
    this.listener = listener;
    workers.forEach(worker -> usage.put(worker, new Usage()));
  }

  /**
   * Starts every worker in parallel; if one fails, stops them all and throws.
   *
   * @param acquireTimeout how long a job waits for a free worker
   * @param startTimeout how long the start of all workers may take
   */
  public static <W extends PooledWorker> WorkerPool<W> start(
      String name, List<W> workers, Duration acquireTimeout, Duration startTimeout, PoolListener listener) throws Exception {
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    for (W worker : workers) {
      starts.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  worker.start();
                } catch (Exception e) {
                  throw new IllegalStateException(worker.id() + " did not start: " + e.getMessage(), e);
                }
              }));
    }
    try {
      CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      stopAll(workers);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException(
          "the " + name + " pool could not start: "
              + (e instanceof TimeoutException ? "still starting after " + startTimeout.toSeconds() + " s" : cause.getMessage()),
          cause);
    }
    LOG.info("{} pool started: {} workers", name, workers.size());
    return new WorkerPool<>(name, workers, acquireTimeout, listener);
  }

  /** Runs a job on a free worker, again on another one when the policy allows. */
  public <T> T run(WorkerJob<W, T> job, RetryPolicy retryPolicy) throws Exception {
    for (int attempt = 1; ; attempt++) {
      W worker = take();
      try {
        return job.run(worker);
      } catch (Exception e) {
        if (!retryPolicy.shouldRetry(attempt, e)) {
          throw e;
        }
        LOG.warn("{} failed on {} (attempt {} of {}, policy {}): {}; resubmitting",
            name, worker.id(), attempt, retryPolicy.maxAttempts(), retryPolicy.name(), e.getMessage());
      } finally {
        giveBack(worker);
      }
    }
  }

  private W take() throws InterruptedException {
    long start = System.nanoTime();
    W worker;
    waiting.incrementAndGet();
    try {
      worker = idle.poll(acquireTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      waiting.decrementAndGet();
    }
    listener.queueWaited(name, Duration.ofNanos(System.nanoTime() - start));
    if (worker == null) {
      throw new WorkerUnavailableException(
          "all " + workers.size() + " " + name + " workers stayed busy for " + acquireTimeout.toSeconds()
              + " s; retry later");
    }
    Usage counters = usage.get(worker);
    counters.uses.incrementAndGet();
    counters.taskStartNanos = System.nanoTime();
    LOG.info("take {} {{}/{}}", worker.id(), idle.size(), workers.size());
    return worker;
  }

  private void giveBack(W worker) {
    usage.get(worker).taskStartNanos = 0;
    idle.add(worker);
    LOG.info("return {} {{}/{}}", worker.id(), idle.size(), workers.size());
  }

  public int size() {
    return workers.size();
  }

  public int free() {
    return idle.size();
  }

  /** A snapshot of every worker, for the status page and health check. */
  public PoolStatus status() {
    List<WorkerStatus> snapshot = new ArrayList<>();
    long now = System.nanoTime();
    for (W worker : workers) {
      Usage counters = usage.get(worker);
      long taskStart = counters.taskStartNanos;
      boolean busy = taskStart != 0;
      snapshot.add(new WorkerStatus(
          worker.id(), worker.pid(), busy ? WorkerState.BUSY : WorkerState.IDLE, counters.uses.get(), worker.rssBytes(),
          busy ? (now - taskStart) / 1_000_000 : 0));
    }
    return new PoolStatus(name, List.copyOf(snapshot), waiting.get(), idle.size());
  }

  @Override
  public void close() {
    stopAll(workers);
    LOG.info("{} pool stopped", name);
  }

  private static void stopAll(List<? extends PooledWorker> workers) {
    CompletableFuture.allOf(
            workers.stream().map(w -> CompletableFuture.runAsync(w::stop)).toArray(CompletableFuture[]::new))
        .join();
  }
}
