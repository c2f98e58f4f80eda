package org.cloudooo.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;
import org.junit.jupiter.api.Test;

/** The supervision core with fake workers: spares, recycling, retries, queue cap, waits, sleep. */
class WorkerPoolTest {

  /**
   * A worker whose backend is a few counters and a flag the test clears to make it die; its
   * restarts wait until the test opens their gate.
   */
  static final class FakeWorker implements PooledWorker {
    /** Longer than any wait of a test: a restart held at its gate stays held. */
    private static final Duration GATE_LIMIT = Duration.ofMinutes(1);
    final String id;
    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger stops = new AtomicInteger();
    final AtomicInteger kills = new AtomicInteger();
    volatile boolean alive;
    volatile CountDownLatch restartGate = new CountDownLatch(0);
    /** Runs first in every start: a test holds a start back with it. */
    volatile Gate beforeStart = () -> {};

    interface Gate {
      void pass() throws InterruptedException;
    }

    FakeWorker(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public void start() throws InterruptedException {
      beforeStart.pass();
      if (starts.get() > 0) {
        restartGate.await(GATE_LIMIT.toSeconds(), TimeUnit.SECONDS);
      }
      alive = true;
      starts.incrementAndGet();
    }

    @Override
    public boolean running() {
      return alive;
    }

    @Override
    public void kill() {
      kills.incrementAndGet();
    }

    @Override
    public void stop() {
      stops.incrementAndGet();
      alive = false;
    }
  }

  private static List<FakeWorker> workers(int count) {
    List<FakeWorker> workers = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      workers.add(new FakeWorker("fake-" + i));
    }
    return workers;
  }

  private static PoolSettings settings(Duration acquireTimeout, int maxQueue, long maxUses, Duration maxIdle) {
    return settings(acquireTimeout, maxQueue, maxUses, maxIdle, Duration.ofMillis(50));
  }

  private static PoolSettings settings(
      Duration acquireTimeout, int maxQueue, long maxUses, Duration maxIdle, Duration monitorInterval) {
    return new PoolSettings("fake", "fake_pool_size", acquireTimeout, maxQueue, maxUses, 0, maxIdle, monitorInterval,
        Duration.ofSeconds(5));
  }

  /** A started pool whose spares are ready too (they start in the background). */
  private static WorkerPool<FakeWorker> pool(List<FakeWorker> workers, int active, PoolSettings settings)
      throws InterruptedException {
    WorkerPool<FakeWorker> pool = WorkerPool.start(workers, active, settings, PoolListener.NONE);
    await(() -> workers.stream().allMatch(worker -> worker.starts.get() == 1)
        && pool.status().workers().stream().noneMatch(worker -> worker.state() == WorkerState.STARTING));
    return pool;
  }

  /** Idle checks too rare to run during a test: only the jobs' own takes find dead workers. */
  private static PoolSettings withoutIdleChecks() {
    return settings(Duration.ofSeconds(1), 4, 100, Duration.ZERO, Duration.ofMinutes(10));
  }

  /** A job that breaks the backend of the first worker it is lent; the worker it ran on at last. */
  private static String breakFirstWorker(WorkerPool<FakeWorker> pool, List<String> tried) throws Exception {
    return pool.run(worker -> {
      tried.add(worker.id);
      if (tried.size() == 1) {
        throw new BackendFailure(BackendFailure.Breakdown.CRASH, "crashed");
      }
      return worker.id;
    }, RetryPolicy.RESUBMIT_ONCE);
  }

  private static String runOn(WorkerPool<FakeWorker> pool) throws Exception {
    return pool.run(worker -> worker.id, RetryPolicy.RESUBMIT_ONCE);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  @Test
  void thePoolServesWithItsFirstWorkerWhileTheOthersStart() throws Exception {
    List<FakeWorker> workers = workers(2);
    CountDownLatch secondMayStart = new CountDownLatch(1);
    workers.get(1).beforeStart = () -> {
      if (!secondMayStart.await(5, TimeUnit.SECONDS)) {
        throw new AssertionError("the test did not let the second worker start");
      }
    };
    try (var pool = WorkerPool.start(workers, 2, settings(Duration.ofSeconds(1), 4, 100, Duration.ZERO), PoolListener.NONE)) {
      assertThat(pool.status().free()).isEqualTo(1);
      assertThat(runOn(pool)).isEqualTo("fake-1");
      secondMayStart.countDown();
      await(() -> pool.status().free() == 2);
    }
  }

  @Test
  void startFirstHoldsTheOthersBackUntilAskedOnce() throws Exception {
    List<FakeWorker> workers = workers(3);
    try (var pool = WorkerPool.startFirst(workers, 2, settings(Duration.ofSeconds(1), 4, 100, Duration.ZERO), PoolListener.NONE)) {
      assertThat(runOn(pool)).isEqualTo("fake-1");
      assertThat(workers.get(1).starts.get() + workers.get(2).starts.get()).isZero();
      pool.startOthers();
      pool.startOthers();
      await(() -> pool.status().free() == 2 && workers.get(2).starts.get() == 1);
      assertThat(workers.get(1).starts.get()).isEqualTo(1);
    }
  }

  @Test
  void thePoolServesBeforeItsSpareHasStarted() throws Exception {
    List<FakeWorker> workers = workers(2);
    CountDownLatch spareMayStart = new CountDownLatch(1);
    workers.get(1).beforeStart = () -> {
      if (!spareMayStart.await(5, TimeUnit.SECONDS)) {
        throw new AssertionError("the test did not let the spare start");
      }
    };
    try (var pool = WorkerPool.start(workers, 1, settings(Duration.ofSeconds(1), 4, 100, Duration.ZERO), PoolListener.NONE)) {
      assertThat(runOn(pool)).isEqualTo("fake-1");
      assertThat(pool.status().workers().get(1).state()).isEqualTo(WorkerState.STARTING);
      spareMayStart.countDown();
      await(() -> pool.status().workers().get(1).state() == WorkerState.IDLE);
    }
  }

  @Test
  void aWorkerAtItsUseLimitIsSwappedForTheSpareAndRestartsAsTheNextSpare() throws Exception {
    List<FakeWorker> workers = workers(2);
    try (var pool = pool(workers, 1, settings(Duration.ofSeconds(1), 4, 2, Duration.ZERO))) {
      assertThat(runOn(pool)).isEqualTo("fake-1");
      assertThat(runOn(pool)).isEqualTo("fake-1");
      // Its second use reached the limit: the spare serves at once, the worker restarts meanwhile.
      assertThat(runOn(pool)).isEqualTo("fake-2");
      await(() -> workers.get(0).starts.get() == 2);
      assertThat(workers.get(0).stops.get()).isEqualTo(1);
      assertThat(workers.get(0).kills.get()).isZero();
      assertThat(runOn(pool)).isEqualTo("fake-2");
      // Now the first is the spare that takes the second's place: at once if it was back as the
      // spare by then, else as soon as it is (its restart may still be ending).
      await(() -> workers.get(1).stops.get() == 1);
      assertThat(runOn(pool)).isEqualTo("fake-1");
    }
  }

  @Test
  void aJobThatBrokeItsBackendIsRunOnceMoreAndTheWorkerIsKilledAndRestarted() throws Exception {
    List<FakeWorker> workers = workers(2);
    try (var pool = pool(workers, 2, settings(Duration.ofSeconds(1), 4, 100, Duration.ZERO))) {
      List<String> tried = new ArrayList<>();
      String result = pool.run(worker -> {
        tried.add(worker.id);
        if (tried.size() == 1) {
          throw new BackendFailure(BackendFailure.Breakdown.CRASH, "crashed");
        }
        return "converted";
      }, RetryPolicy.RESUBMIT_ONCE);
      assertThat(result).isEqualTo("converted");
      assertThat(tried).containsExactly("fake-1", "fake-2");
      await(() -> workers.get(0).starts.get() == 2);
      assertThat(workers.get(0).kills.get()).isEqualTo(1);
    }
  }

  @Test
  void aJobThatBreaksEveryBackendFailsAfterTheSecondTry() throws Exception {
    List<FakeWorker> workers = workers(2);
    try (var pool = pool(workers, 2, settings(Duration.ofSeconds(1), 4, 100, Duration.ZERO))) {
      AtomicInteger attempts = new AtomicInteger();
      assertThatThrownBy(() -> pool.run(worker -> {
        attempts.incrementAndGet();
        throw new BackendFailure(BackendFailure.Breakdown.TIMEOUT, "took too long");
      }, RetryPolicy.RESUBMIT_ONCE)).isInstanceOf(BackendFailure.class).hasMessage("took too long");
      assertThat(attempts).hasValue(2);
      assertThat(((BackendFailure) catchFailure(pool)).asFault().kind()).isEqualTo(ErrorKind.TIMEOUT_ERROR);
    }
  }

  private static Throwable catchFailure(WorkerPool<FakeWorker> pool) {
    try {
      pool.run(worker -> {
        throw new BackendFailure(BackendFailure.Breakdown.TIMEOUT, "again");
      }, new RetryPolicy("once", 1, BackendFailure::reasonOf));
      throw new AssertionError("no failure");
    } catch (Exception e) {
      return e;
    }
  }

  @Test
  void aWorkerThatDiedWhileIdleIsRestartedInsteadOfLent() throws Exception {
    List<FakeWorker> workers = workers(3);
    try (var pool = pool(workers, 2, settings(Duration.ofSeconds(1), 4, 100, Duration.ZERO))) {
      workers.get(0).alive = false;
      assertThat(runOn(pool)).isEqualTo("fake-2");
      await(() -> workers.get(0).starts.get() == 2);
      assertThat(workers.get(0).kills.get()).isEqualTo(1);
      // The spare took its place: the pool still has two workers to lend.
      await(() -> pool.status().free() == 2);
    }
  }

  @Test
  void aSpareThatDiedIsRestartedAndStaysTheSpare() throws Exception {
    List<FakeWorker> workers = workers(3);
    try (var pool = pool(workers, 2, settings(Duration.ofSeconds(1), 4, 100, Duration.ZERO))) {
      workers.get(2).alive = false;
      await(() -> workers.get(2).starts.get() == 2 && pool.status().free() == 2);
      assertThat(workers.get(2).alive).isTrue();
      assertThat(runOn(pool)).isIn("fake-1", "fake-2");
    }
  }

  @Test
  void theResubmissionRunsOnTheSpareBeforeTheJobsThatWait() throws Exception {
    List<FakeWorker> workers = workers(3);
    try (var pool = pool(workers, 2, settings(Duration.ofSeconds(5), 4, 100, Duration.ZERO))) {
      CountDownLatch release = new CountDownLatch(1);
      var holder = CompletableFuture.supplyAsync(() -> call(pool, release));
      await(() -> pool.status().free() == 1);
      CountDownLatch breakNow = new CountDownLatch(1);
      AtomicInteger attempts = new AtomicInteger();
      var resubmitted = CompletableFuture.supplyAsync(() -> {
        try {
          return pool.run(worker -> {
            if (attempts.incrementAndGet() == 1) {
              assertThat(breakNow.await(5, TimeUnit.SECONDS)).isTrue();
              throw new BackendFailure(BackendFailure.Breakdown.CRASH, "crashed");
            }
            return worker.id;
          }, RetryPolicy.RESUBMIT_ONCE);
        } catch (Exception e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      });
      await(() -> pool.status().free() == 0);
      var waiter = CompletableFuture.supplyAsync(() -> call(pool, new CountDownLatch(0)));
      await(() -> pool.status().waiting() == 1);

      breakNow.countDown();

      assertThat(resubmitted.get(5, TimeUnit.SECONDS)).isEqualTo("fake-3");
      release.countDown();
      assertThat(holder.get(5, TimeUnit.SECONDS)).isEqualTo("fake-1");
      assertThat(waiter.get(5, TimeUnit.SECONDS)).isIn("fake-1", "fake-3");
    }
  }

  @Test
  void aSpareThatDiedIsNotGivenTheResubmission() throws Exception {
    List<FakeWorker> workers = workers(3);
    try (var pool = pool(workers, 2, withoutIdleChecks())) {
      workers.get(2).alive = false;
      List<String> tried = new ArrayList<>();
      assertThat(breakFirstWorker(pool, tried)).isEqualTo("fake-2");
      assertThat(tried).containsExactly("fake-1", "fake-2");
      await(() -> workers.get(2).starts.get() == 2);
    }
  }

  @Test
  void theFirstWorkerBackFillsThePlaceOfOneThatLeftWithNoSpareReady() throws Exception {
    List<FakeWorker> workers = workers(3);
    workers.forEach(worker -> worker.restartGate = new CountDownLatch(1));
    try (var pool = pool(workers, 2, withoutIdleChecks())) {
      try {
        assertThat(breakFirstWorker(pool, new ArrayList<>())).isEqualTo("fake-3"); // the spare took fake-1's place
        assertThat(breakFirstWorker(pool, new ArrayList<>())).isEqualTo("fake-3"); // none took fake-2's
        assertThat(pool.status().free()).isEqualTo(1);

        workers.get(0).restartGate.countDown();

        await(() -> pool.status().free() == 2);
      } finally {
        workers.forEach(worker -> worker.restartGate.countDown());
      }
    }
  }

  @Test
  void anErrorOfTheRequestItselfIsNotRetried() throws Exception {
    List<FakeWorker> workers = workers(2);
    try (var pool = pool(workers, 2, settings(Duration.ofSeconds(1), 4, 100, Duration.ZERO))) {
      AtomicInteger attempts = new AtomicInteger();
      assertThatThrownBy(() -> pool.run(worker -> {
        attempts.incrementAndGet();
        throw CloudoooException.badInput("not a document");
      }, RetryPolicy.RESUBMIT_ONCE)).hasMessage("not a document");
      assertThat(attempts).hasValue(1);
      assertThat(workers).allMatch(worker -> worker.kills.get() == 0 && worker.starts.get() == 1);
    }
  }

  @Test
  void beyondTheQueueCapARequestIsBusyAtOnceAndAWaiterIsBusyAfterTheWait() throws Exception {
    try (var pool = pool(workers(1), 1, settings(Duration.ofMillis(400), 1, 100, Duration.ZERO))) {
      CountDownLatch release = new CountDownLatch(1);
      var holder = CompletableFuture.supplyAsync(() -> call(pool, release));
      await(() -> pool.status().free() == 0);
      var waiter = CompletableFuture.supplyAsync(() -> call(pool, new CountDownLatch(0)));
      await(() -> pool.status().waiting() == 1);
      long started = System.nanoTime();
      assertThatThrownBy(() -> runOn(pool))
          .isInstanceOfSatisfying(CloudoooException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_BUSY))
          .hasMessageContaining("max_queue_size");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(300));
      assertThatThrownBy(() -> waiter.get(5, TimeUnit.SECONDS))
          .hasMessageContaining("stayed busy for 0.4 s (queue_timeout)")
          .hasMessageContaining("fake_pool_size");
      release.countDown();
      assertThat(holder.get(5, TimeUnit.SECONDS)).isEqualTo("fake-1");
      assertThat(runOn(pool)).isEqualTo("fake-1");
    }
  }

  private static String call(WorkerPool<FakeWorker> pool, CountDownLatch release) {
    try {
      return pool.run(worker -> {
        assertThat(release.await(5, TimeUnit.SECONDS)).isTrue();
        return worker.id;
      }, RetryPolicy.RESUBMIT_ONCE);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Test
  void aJobWhoseThreadIsInterruptedIsNotRetriedAndItsWorkerIsKilledAndRestarted() throws Exception {
    List<FakeWorker> workers = workers(3);
    try (var pool = pool(workers, 2, settings(Duration.ofSeconds(1), 4, 100, Duration.ZERO))) {
      AtomicInteger attempts = new AtomicInteger();
      CountDownLatch running = new CountDownLatch(1);
      var stopped = new CompletableFuture<Throwable>();
      Thread jobThread = new Thread(() -> {
        try {
          pool.run(worker -> {
            attempts.incrementAndGet();
            running.countDown();
            // What a backend does when its waiting thread is interrupted: wraps the interruption.
            try {
              Thread.sleep(10_000);
            } catch (InterruptedException e) {
              throw new IllegalStateException("task failed", e);
            }
            return "never";
          }, RetryPolicy.RESUBMIT_ONCE);
          stopped.complete(null);
        } catch (Exception e) {
          stopped.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("interrupt flag cleared", e));
        }
      });
      jobThread.start();
      assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
      jobThread.interrupt();
      assertThat(stopped.get(5, TimeUnit.SECONDS))
          .isInstanceOfSatisfying(CloudoooException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED))
          .hasMessageContaining("fake-1 was stopped before it ended");
      assertThat(attempts).hasValue(1);
      // Killed before run() returned, so that nothing of the job outlives it.
      assertThat(workers.get(0).kills.get()).isEqualTo(1);
      await(() -> workers.get(0).starts.get() == 2);
      // The spare took its place: the pool still has two workers to lend.
      await(() -> pool.status().free() == 2);
      assertThat((Object) runOn(pool)).isIn("fake-2", "fake-3");
    }
  }

  @Test
  void runThenRestartRestartsTheWorkerGentlyAfterTheJob() throws Exception {
    List<FakeWorker> workers = workers(2);
    try (var pool = pool(workers, 1, settings(Duration.ofSeconds(1), 4, 100, Duration.ZERO))) {
      String ran = pool.runThenRestart(worker -> worker.id, RetryPolicy.RESUBMIT_ONCE, "macro");
      assertThat(ran).isEqualTo("fake-1");
      await(() -> workers.get(0).starts.get() == 2);
      assertThat(workers.get(0).stops.get()).isEqualTo(1);
      assertThat(workers.get(0).kills.get()).isZero();
      assertThat(runOn(pool)).isEqualTo("fake-2");
    }
  }

  @Test
  void anIdleWorkerIsPutToSleepAndTheNextJobStartsIt() throws Exception {
    List<FakeWorker> workers = workers(1);
    try (var pool = pool(workers, 1, settings(Duration.ofSeconds(1), 4, 100, Duration.ofMillis(100)))) {
      await(() -> pool.status().workers().get(0).state() == WorkerState.STOPPED);
      assertThat(workers.get(0).stops.get()).isEqualTo(1);
      assertThat(runOn(pool)).isEqualTo("fake-1");
      assertThat(workers.get(0).starts.get()).isEqualTo(2);
    }
  }

  @Test
  void afterCloseNothingRunsAndEveryWorkerIsStopped() throws Exception {
    List<FakeWorker> workers = workers(2);
    var pool = pool(workers, 1, settings(Duration.ofSeconds(1), 4, 100, Duration.ZERO));
    pool.close();
    assertThat(workers).allMatch(worker -> worker.stops.get() == 1);
    assertThatThrownBy(() -> runOn(pool)).hasMessageContaining("shutting down");
  }

  @Test
  void aThreadWorkerAbandonsWorkPastItsTimeoutAndTheRetryGetsAFreshThread() throws Exception {
    List<ThreadWorker> threads = List.of(new ThreadWorker("thread-1"));
    var settings = PoolSettings.forRuns("thread", "thread_pool_size", Duration.ofSeconds(1), 4);
    try (var pool = WorkerPool.start(threads, 1, settings, PoolListener.NONE)) {
      AtomicInteger attempts = new AtomicInteger();
      long started = System.nanoTime();
      assertThatThrownBy(() -> pool.run(worker -> worker.call(() -> {
        attempts.incrementAndGet();
        Thread.sleep(10_000);
        return "never";
      }, "sleeping", Duration.ofMillis(200), "thread_timeout"), RetryPolicy.RESUBMIT_ONCE))
          .isInstanceOf(BackendFailure.class)
          .hasMessage("sleeping took longer than thread_timeout (0 s); an operator can raise thread_timeout");
      assertThat(attempts).hasValue(2);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
      await(() -> pool.status().free() == 1);
      String read = pool.run(worker -> worker.call(() -> "read", "reading", Duration.ofSeconds(1), "thread_timeout"),
          RetryPolicy.RESUBMIT_ONCE);
      assertThat(read).isEqualTo("read");
    }
  }

  @Test
  void theQuarantineRefusesAKeyUntilItExpires() {
    var now = new AtomicInteger();
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochSecond(now.get());
      }
    };
    var quarantine = new Quarantine(Duration.ofSeconds(60), clock);
    assertThat(quarantine.isEmpty()).isTrue();
    quarantine.add("poison");
    now.set(20);
    assertThat(quarantine.remaining("poison")).contains(Duration.ofSeconds(40));
    assertThat(quarantine.remaining("other")).isEmpty();
    assertThat(quarantine.isEmpty()).isFalse();
    now.set(60);
    assertThat(quarantine.remaining("poison")).isEmpty();
    assertThat(quarantine.isEmpty()).isTrue();
    var disabled = new Quarantine(Duration.ZERO, clock);
    disabled.add("poison");
    assertThat(disabled.isEmpty()).isTrue();
  }
}
