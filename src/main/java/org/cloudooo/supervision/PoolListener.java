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
   *     (its job was stopped), the reason of a {@link WorkerPool#runThenRestart} ({@code macro}), or
   *     {@code passthrough} and {@code session-timeout} (a UNO pass-through session left it unfit, or ran too long)
   */
  default void workerRestarted(String pool, String workerId, String reason) {}

  /**
   * A client connection that asks for a worker for a whole session (UNO pass-through) ended.
   *
   * @param outcome {@code served}, {@code rejected} (no worker within queue_timeout, or the
   *     server stopping), {@code refused} (address not in uno_allowed_clients) or {@code cut}
   *     (longer than uno_session_timeout, or still open at the end of shutdown)
   * @param length how long it held its worker; zero when it got none
   */
  default void sessionEnded(String pool, String outcome, Duration length) {}
}
