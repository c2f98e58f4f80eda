package org.cloudooo.supervision;

import java.time.Duration;

/**
 * How a {@link WorkerPool} lends, recycles and sleeps its workers.
 *
 * @param name shown in logs and metrics ({@code office})
 * @param sizeKey the key that sets how many workers it has, for busy faults ({@code pool_size})
 * @param acquireTimeout how long a job waits for a free worker before a "busy" answer
 * @param maxQueue jobs that may wait at once; one more is answered "busy" at once
 * @param maxUses jobs after which a worker's backend is restarted; at least 1
 * @param maxRssBytes resident memory above which a worker is restarted after its job; 0 for no limit
 * @param maxIdle idle time after which a worker's backend is stopped (started again on demand); zero for never
 * @param monitorInterval how often idle workers are checked for memory and idle time
 * @param startTimeout how long starting all workers may take
 */
public record PoolSettings(
    String name,
    String sizeKey,
    Duration acquireTimeout,
    int maxQueue,
    long maxUses,
    long maxRssBytes,
    Duration maxIdle,
    Duration monitorInterval,
    Duration startTimeout) {

  public PoolSettings {
    if (maxUses < 1) {
      // Zero would recycle every worker without end, each restart finding it due again.
      throw new IllegalArgumentException("maxUses must be at least 1, not " + maxUses);
    }
  }

  /** Workers without a backend to start: a run each ({@link ProcessSlot}, {@link ThreadWorker}). */
  private static final Duration QUICK_START = Duration.ofSeconds(10);
  /** Nothing to recycle or put to sleep: the monitor has little to do. */
  private static final Duration RARE_CHECKS = Duration.ofMinutes(1);

  /**
   * A pool of workers that are never recycled nor put to sleep, for work that starts what it
   * needs on each run (a process, a thread's task).
   */
  public static PoolSettings forRuns(String name, String sizeKey, Duration acquireTimeout, int maxQueue) {
    return new PoolSettings(name, sizeKey, acquireTimeout, maxQueue, Long.MAX_VALUE, 0, Duration.ZERO, RARE_CHECKS, QUICK_START);
  }
}
