package org.cloudooo.supervision;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A worker with what the pool tracks about it: state, use counters, task and idle times. */
final class Slot<W extends PooledWorker> {

  final W worker;
  final AtomicLong usesSinceStart = new AtomicLong();
  private final AtomicLong usesTotal = new AtomicLong();
  volatile WorkerState state = WorkerState.STARTING;
  private volatile long taskStartNanos;
  private volatile long idleSinceNanos = System.nanoTime();

  Slot(W worker) {
    this.worker = worker;
  }

  void start() throws Exception {
    state = WorkerState.STARTING;
    try {
      worker.start();
    } catch (Exception e) {
      state = WorkerState.STOPPED;
      throw e;
    }
    usesSinceStart.set(0);
    idleSinceNanos = System.nanoTime();
    state = WorkerState.IDLE;
  }

  void beginTask() {
    usesSinceStart.incrementAndGet();
    usesTotal.incrementAndGet();
    taskStartNanos = System.nanoTime();
    state = WorkerState.BUSY;
  }

  void endTask() {
    taskStartNanos = 0;
    idleSinceNanos = System.nanoTime();
    if (state == WorkerState.BUSY) {
      state = WorkerState.IDLE;
    }
  }

  Duration idleFor() {
    return Duration.ofNanos(System.nanoTime() - idleSinceNanos);
  }

  WorkerStatus status() {
    long taskStart = taskStartNanos;
    WorkerState current = state;
    boolean running = current != WorkerState.STOPPED;
    return new WorkerStatus(
        worker.id(),
        running ? worker.pid() : -1,
        current,
        usesTotal.get(),
        running ? worker.rssBytes() : 0,
        taskStart == 0 ? 0 : (System.nanoTime() - taskStart) / 1_000_000,
        worker.keepsBackend(),
        "");
  }
}
