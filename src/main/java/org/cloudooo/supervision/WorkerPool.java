package org.cloudooo.supervision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudooo.core.Causes;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workers lent to one job at a time. Workers start and stop in parallel; a job waits a
 * bounded time for a free worker (and is told "busy" at once when too many already wait),
 * and may be run again on another worker when its {@link RetryPolicy} says so.
 *
 * <p>Workers beyond the active count are spares, started ahead of time: a worker that reached
 * its use or memory limit, or whose backend broke or died, leaves the rotation, a spare takes
 * its place at once (for a broken one, running the resubmitted job first), and the retired one
 * restarts in the background. Back, it fills the place of a worker that left while no spare was
 * ready, else becomes the next spare. Idle workers can be put to sleep and are started again by
 * the next job. Logs {@code {free/total}} on every take and return, as the original office
 * daemon did.
 */
public final class WorkerPool<W extends PooledWorker> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  /** Restart reason of a worker whose job was stopped while it ran. */
  public static final String CANCELLED = "cancel";

  private final PoolSettings settings;
  private final PoolListener listener;
  private final List<Slot<W>> slots;
  private final int active;
  private final BlockingQueue<Slot<W>> idle = new LinkedBlockingQueue<>();
  private final Deque<Slot<W>> spares = new ConcurrentLinkedDeque<>();
  private final AtomicInteger waiting = new AtomicInteger();
  /** Places in the rotation left empty by workers that retired while no spare was ready. */
  private final AtomicInteger vacancies = new AtomicInteger();
  private final AtomicBoolean othersStarted = new AtomicBoolean();
  private final ExecutorService lifecycle;
  private final ScheduledExecutorService monitor;
  private volatile boolean closed;

  private WorkerPool(List<Slot<W>> slots, int active, PoolSettings settings, PoolListener listener) {
    this.slots = List.copyOf(slots);
    this.active = active;
    this.settings = settings;
    this.listener = listener;
    this.lifecycle = Executors.newCachedThreadPool(daemon(settings.name() + "-lifecycle"));
    this.monitor = Executors.newSingleThreadScheduledExecutor(daemon(settings.name() + "-monitor"));
    idle.add(slots.get(0));
    long period = settings.monitorInterval().toMillis();
    monitor.scheduleWithFixedDelay(this::checkIdleWorkers, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts every worker: the first before it returns, the others at once in the background
   * (see {@link #startFirst}). For backends that start in no time (a process per run, a thread).
   */
  public static <W extends PooledWorker> WorkerPool<W> start(
      List<W> workers, int active, PoolSettings settings, PoolListener listener) {
    WorkerPool<W> pool = startFirst(workers, active, settings, listener);
    pool.startOthers();
    return pool;
  }

  /**
   * Starts the first worker and returns once it runs, so that the pool serves as early as one
   * backend can; if it fails, stops everything and throws. The others start when {@link
   * #startOthers} is called: once the server accepts, so that they do not compete for the CPU
   * with the rest of its start-up.
   *
   * @param workers the active workers first, then the spares
   * @param active how many of them take jobs; the others are spares
   */
  public static <W extends PooledWorker> WorkerPool<W> startFirst(
      List<W> workers, int active, PoolSettings settings, PoolListener listener) {
    List<Slot<W>> slots = workers.stream().map(Slot::new).toList();
    try {
      CompletableFuture.runAsync(() -> startOrFail(slots.get(0))).get(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      stopAll(workers);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("the " + settings.name() + " pool could not start: "
          + (e instanceof TimeoutException ? "still starting after " + settings.startTimeout().toSeconds() + " s" : cause.getMessage()),
          cause);
    }
    return new WorkerPool<>(slots, active, settings, listener);
  }

  /**
   * Starts the workers {@link #startFirst} left, in parallel in the background: each active one
   * joins the rotation when it is up, each spare stands by. One that fails to start is kept
   * stopped, and the job that takes it starts it. Only the first call does anything.
   */
  public void startOthers() {
    if (othersStarted.getAndSet(true)) {
      return;
    }
    LOG.info("{} pool serving with {}; {} more workers and {} spare starting", settings.name(), slots.get(0).worker.id(),
        active - 1, slots.size() - active);
    for (int i = 1; i < slots.size(); i++) {
      startLater(slots.get(i), i < active ? idle : spares, i < active ? settings.maxUses() * i / active : 0);
    }
  }

  /**
   * Starts a worker in the background, then adds it to the rotation or the spares.
   *
   * @param uses the use count it starts with: staggered over the active workers, so that they do
   *     not all reach the limit at the same time and find the spare still restarting
   */
  private void startLater(Slot<W> slot, Collection<Slot<W>> joins, long uses) {
    lifecycle.execute(() -> {
      try {
        slot.start();
        slot.usesSinceStart.set(uses);
        LOG.info("{} {} ready", settings.name(), slot.worker.id());
      } catch (Exception e) {
        LOG.warn("{} did not start ({}); it starts when a job takes it", slot.worker.id(), e.getMessage());
      }
      joins.add(slot);
    });
  }

  private static void startOrFail(Slot<?> slot) {
    try {
      slot.start();
    } catch (Exception e) {
      throw new IllegalStateException(slot.worker.id() + " did not start: " + e.getMessage(), e);
    }
  }

  /** Runs a job on a free worker, again on another one when the policy allows. */
  public <T> T run(WorkerJob<W, T> job, RetryPolicy retryPolicy) throws Exception {
    return run(job, retryPolicy, null);
  }

  /**
   * Runs a job on a free worker and restarts that worker afterwards, however the job ended: for
   * work that may leave the backend changed (client code), so that the next job never sees it.
   *
   * @param reason why, for the log and the restart metrics ({@code macro})
   */
  public <T> T runThenRestart(WorkerJob<W, T> job, RetryPolicy retryPolicy, String reason) throws Exception {
    return run(job, retryPolicy, reason);
  }

  /**
   * The one loop of {@link #run} and {@link #runThenRestart}.
   *
   * <p>A job whose thread is interrupted while it holds a worker (its client gave up on it: a
   * job deleted while running) is not run again; the worker's backend may still be busy with
   * the abandoned work, so it is killed and restarted, and the job fails with {@link
   * ErrorKind#CANCELLED}. The thread stays interrupted.
   *
   * @param restartReason restart the worker after the job, for this reason; null for no restart
   */
  private <T> T run(WorkerJob<W, T> job, RetryPolicy retryPolicy, String restartReason) throws Exception {
    Slot<W> slot = take();
    for (int attempt = 1; ; attempt++) {
      String broken = null;
      boolean resubmit = false;
      Slot<W> keptSpare;
      try {
        if (slot.state == WorkerState.STOPPED) {
          LOG.info("{} was asleep; starting it", slot.worker.id());
          slot.start();
        }
        slot.beginTask();
        return job.run(slot.worker);
      } catch (Exception e) {
        if (!closed && wasInterrupted(e)) {
          broken = CANCELLED;
          killNow(slot);
          throw new CloudoooException(ErrorKind.CANCELLED, "the work on " + slot.worker.id()
              + " was stopped before it ended; the worker is restarted", e);
        }
        broken = retryPolicy.backendFailure().apply(e).orElse(null);
        // At shutdown, a job whose backend was stopped under it is not run again.
        if (closed || !retryPolicy.shouldRetry(attempt, e)) {
          throw e;
        }
        resubmit = true;
        LOG.warn("{} failed on {} (attempt {} of {}, policy {}): {}; resubmitting",
            settings.name(), slot.worker.id(), attempt, retryPolicy.maxAttempts(), retryPolicy.name(), e.getMessage());
      } finally {
        // A stopped job's backend was killed already (killNow).
        boolean kill = broken != null && !broken.equals(CANCELLED);
        keptSpare = giveBack(slot, broken != null ? broken : restartReason, kill, resubmit);
      }
      slot = workerForResubmission(keptSpare);
    }
  }

  /**
   * The spare that took the broken worker's place runs the job again at once: back in the queue
   * it would wait behind the requests that came after it, having already lost its first attempt.
   * A kept spare that died meanwhile is retired and the job takes a worker like any other.
   */
  private Slot<W> workerForResubmission(Slot<W> keptSpare) throws InterruptedException {
    if (keptSpare == null) {
      return take();
    }
    if (Thread.interrupted()) {
      // The job was given up between its attempts: the spare serves whoever waits, as take()
      // would have left it had it been asked.
      idle.add(keptSpare);
      throw new InterruptedException("the job was stopped before its resubmission on " + keptSpare.worker.id());
    }
    return usable(keptSpare) ? keptSpare : take();
  }

  /**
   * Kills the backend of a stopped job on the job's own thread, so that once {@link #run}
   * returns nothing writes into the job's files any more (the caller removes them); the thread
   * stays interrupted. The restart follows in the background, as for any retired worker.
   */
  private static void killNow(Slot<?> slot) {
    Thread.interrupted();
    try {
      slot.worker.kill();
    } finally {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether a job failed because its thread was interrupted (backends wrap the interruption their own way). */
  private static boolean wasInterrupted(Exception failure) {
    return Thread.currentThread().isInterrupted() || Causes.first(failure, InterruptedException.class).isPresent();
  }

  private Slot<W> take() throws InterruptedException {
    if (closed) {
      throw new WorkerUnavailableException("the server is shutting down; retry later");
    }
    if (idle.isEmpty() && waiting.get() >= settings.maxQueue()) {
      throw new WorkerUnavailableException("server busy: " + waiting.get() + " requests are already waiting for the "
          + active + " " + settings.name() + " workers (max_queue_size); retry later");
    }
    long start = System.nanoTime();
    long deadline = start + settings.acquireTimeout().toNanos();
    Slot<W> slot;
    waiting.incrementAndGet();
    try {
      do {
        slot = idle.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } while (slot != null && !usable(slot));
    } finally {
      waiting.decrementAndGet();
    }
    listener.queueWaited(settings.name(), Duration.ofNanos(System.nanoTime() - start));
    if (slot == null) {
      throw new WorkerUnavailableException("server busy: all " + active + " " + settings.name()
          + " workers stayed busy for " + seconds(settings.acquireTimeout()) + " s (queue_timeout); retry later, or ask an"
          + " operator to raise " + settings.sizeKey());
    }
    LOG.debug("take {} {{}/{}}", slot.worker.id(), idle.size(), active);
    return slot;
  }

  /** Whether a free worker can take a job; one whose backend died since its last job is retired. */
  private boolean usable(Slot<W> slot) {
    if (slot.state == WorkerState.STOPPED || slot.worker.running()) {
      return true;
    }
    diedWhileIdle(slot);
    return false;
  }

  private void diedWhileIdle(Slot<W> slot) {
    LOG.warn("{}: its backend died while idle; restarting it", slot.worker.id());
    retire(slot, "crash", true, false);
  }

  /**
   * @param restart why the worker must be restarted now (the job broke its backend, or asked
   *     for a restart), or null when it goes on unless it is due for recycling
   * @param kill whether its backend is killed rather than stopped gently
   * @param resubmit the job runs again: a spare that takes this worker's place is kept for it
   * @return the spare kept for the resubmission, or null
   */
  private Slot<W> giveBack(Slot<W> slot, String restart, boolean kill, boolean resubmit) {
    slot.endTask();
    String reason = closed ? null : restart != null ? restart : recycleReason(slot, memoryOf(slot));
    Slot<W> kept = null;
    // A worker due for recycling keeps serving until a spare is ready to take its place, so
    // that recycling never leaves the pool short; one that must restart leaves at once.
    if (reason != null && (restart != null || !spares.isEmpty() || slots.size() == active)) {
      kept = retire(slot, reason, kill, resubmit);
    } else {
      idle.add(slot);
    }
    LOG.debug("return {} {{}/{}}", slot.worker.id(), idle.size(), active);
    if (kept != null) {
      LOG.info("take {} {{}/{}} for the resubmission", kept.worker.id(), idle.size(), active);
    }
    return kept;
  }

  /** Resident memory of a worker's backend when a memory limit is set (reading it scans /proc). */
  private long memoryOf(Slot<W> slot) {
    return settings.maxRssBytes() > 0 ? slot.worker.rssBytes() : 0;
  }

  private String recycleReason(Slot<W> slot, long rssBytes) {
    if (slot.usesSinceStart.get() >= settings.maxUses()) {
      return "recycle";
    }
    if (settings.maxRssBytes() > 0 && rssBytes > settings.maxRssBytes()) {
      return "memory";
    }
    return null;
  }

  /**
   * Takes a worker out of rotation, puts a spare in, restarts the worker in the background.
   *
   * @param kill kill its backend first (it hangs or crashed) rather than stopping it gently
   * @param keepSpare return the spare instead of lending it to whoever waits
   * @return the spare when kept, else null
   */
  private Slot<W> retire(Slot<W> slot, String reason, boolean kill, boolean keepSpare) {
    Slot<W> spare = spares.poll();
    if (spare == null) {
      vacancies.incrementAndGet();
    } else if (!keepSpare) {
      idle.add(spare);
    }
    LOG.info("recycling {} ({}, {} uses); {}", slot.worker.id(), reason, slot.usesSinceStart.get(),
        spare != null ? spare.worker.id() + " takes its place" : "no spare ready");
    restartInBackground(slot, reason, kill);
    return keepSpare ? spare : null;
  }

  /** Restarts a worker out of rotation; back, it fills a vacancy or becomes a spare. */
  private void restartInBackground(Slot<W> slot, String reason, boolean kill) {
    slot.state = WorkerState.RECYCLING;
    lifecycle.execute(() -> {
      if (kill) {
        slot.worker.kill();
      }
      slot.worker.stop();
      try {
        slot.start();
        listener.workerRestarted(settings.name(), slot.worker.id(), reason);
      } catch (Exception e) {
        LOG.error("{} did not restart ({}); the next job will try again", slot.worker.id(), e.getMessage());
        slot.state = WorkerState.STOPPED;
      }
      // The first worker back fills a vacancy, whichever worker left it: as a spare it would
      // wait for the next failure while the pool runs short.
      boolean fillsVacancy = vacancies.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
      (fillsVacancy || slot.state == WorkerState.STOPPED ? idle : spares).add(slot);
      // A worker that came due while no spare was ready can be swapped now.
      monitor.execute(this::checkIdleWorkers);
    });
  }

  /**
   * Restarts idle workers and spares whose backend died, recycles idle workers that are due
   * (uses, memory) and puts long-idle ones to sleep.
   */
  private void checkIdleWorkers() {
    for (Slot<W> spare : new ArrayList<>(spares)) {
      if (!closed && !spare.worker.running() && spares.remove(spare)) {
        LOG.warn("{} (spare): its backend died; restarting it", spare.worker.id());
        restartInBackground(spare, "crash", true);
      }
    }
    for (Slot<W> slot : new ArrayList<>(idle)) {
      if (closed || slot.state != WorkerState.IDLE) {
        continue;
      }
      if (!slot.worker.running()) {
        if (idle.remove(slot)) {
          diedWhileIdle(slot);
        }
        continue;
      }
      String reason = recycleReason(slot, memoryOf(slot));
      boolean replaceable = !spares.isEmpty() || slots.size() == active;
      if (reason != null && replaceable && idle.remove(slot)) {
        retire(slot, reason, false, false);
      } else if (!settings.maxIdle().isZero() && slot.idleFor().compareTo(settings.maxIdle()) > 0 && idle.remove(slot)) {
        LOG.info("{} idle for {} s; stopping it until the next job", slot.worker.id(), slot.idleFor().toSeconds());
        slot.worker.stop();
        slot.state = WorkerState.STOPPED;
        listener.workerRestarted(settings.name(), slot.worker.id(), "idle");
        idle.add(slot);
      }
    }
  }

  /** A snapshot of every worker (spares included), for the status page and health check. */
  public PoolStatus status() {
    List<WorkerStatus> snapshot = new ArrayList<>();
    for (Slot<W> slot : slots) {
      snapshot.add(slot.status());
    }
    return new PoolStatus(settings.name(), List.copyOf(snapshot), waiting.get(), idle.size());
  }

  @Override
  public void close() {
    closed = true;
    monitor.shutdownNow();
    lifecycle.shutdown();
    try {
      if (!lifecycle.awaitTermination(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("{} pool: a worker restart did not finish before shutdown", settings.name());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopAll(slots.stream().map(slot -> slot.worker).toList());
    LOG.info("{} pool stopped", settings.name());
  }

  private static void stopAll(List<? extends PooledWorker> workers) {
    CompletableFuture.allOf(workers.stream().map(w -> CompletableFuture.runAsync(w::stop)).toArray(CompletableFuture[]::new))
        .join();
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? Long.toString(duration.toSeconds()) : String.valueOf(duration.toMillis() / 1000.0);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
