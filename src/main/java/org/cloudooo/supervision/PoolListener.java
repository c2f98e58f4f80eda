package org.cloudooo.supervision;

import java.time.Duration;

/** What a pool tells observers (metrics): waits for a worker and worker restarts. */
public interface PoolListener {

  /** Nothing observes. */
  PoolListener NONE = new PoolListener() {};

  /** A job waited this long for a free worker. */
  default void queueWaited(String pool, Duration wait) {}

  /**
   * A worker's backend was restarted.
   *
   * @param reason {@code timeout}, {@code crash}, {@code recycle}, {@code memory}, {@code idle}, {@code cancel}
   *     (its job was stopped) or the reason of a {@link WorkerPool#runThenRestart} ({@code macro})
   */
  default void workerRestarted(String pool, String workerId, String reason) {}
}
