package org.cloudooo.pool;

/** A backend process a {@link WorkerPool} owns: started once, used by one request at a time. */
public interface PooledWorker {

  /** A short name for logs ({@code office-2003}). */
  String id();

  /** Starts the backend and returns when it can take work; throws when it cannot. */
  void start() throws Exception;

  /** Stops the backend and every process it started; never throws. */
  void stop();
}
