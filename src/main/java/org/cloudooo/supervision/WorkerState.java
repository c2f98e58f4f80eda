package org.cloudooo.supervision;

/** What a worker is doing, as the status page shows it. */
public enum WorkerState {
  /** Started and waiting for a job. */
  IDLE,
  /** Running a job. */
  BUSY,
  /** Its backend is starting (at boot, or replacing a recycled one). */
  STARTING,
  /** Taken out of rotation to be restarted (request limit, memory). */
  RECYCLING,
  /**
   * Lent to a UNO client for a whole session (the office pass-through): busy like {@link #BUSY},
   * reported apart so that an operator sees who holds it. Set on snapshots by the handler.
   */
  PASSTHROUGH,
  /** Its backend is stopped (idle too long); the next job starts it. */
  STOPPED
}
