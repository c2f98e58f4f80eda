package org.cloudooo.supervision;

/** A backend process a {@link WorkerPool} owns: started once, used by one request at a time. */
public interface PooledWorker {

  /** A short name for logs ({@code office-2003}). */
  String id();

  /** Starts the backend and returns when it can take work; throws when it cannot. */
  void start() throws Exception;

  /**
   * Whether the backend is a process kept between jobs (soffice), whose death makes the worker
   * unable to serve; false for workers that start what they need for each job.
   */
  default boolean keepsBackend() {
    return true;
  }

  /** The backend's process id, -1 when not running or unknown. */
  default long pid() {
    return -1;
  }

  /** Resident memory of the backend and its children, 0 when unknown. */
  default long rssBytes() {
    return 0;
  }

  /**
   * Whether the backend still runs: false once it died (killed, crashed) since its last job. The
   * pool asks before lending a worker and at every idle check, and restarts a dead one; cheap.
   */
  default boolean running() {
    return true;
  }

  /** Kills the backend and its children at once, for a backend that hangs or crashed; never throws. */
  default void kill() {
    stop();
  }

  /** Stops the backend and every process it started; never throws. */
  void stop();
}
