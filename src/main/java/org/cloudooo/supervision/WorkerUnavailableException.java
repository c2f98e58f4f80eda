package org.cloudooo.supervision;

/** No worker became free within the pool's wait limit. */
public final class WorkerUnavailableException extends RuntimeException {
  public WorkerUnavailableException(String message) {
    super(message);
  }
}
