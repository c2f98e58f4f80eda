package org.cloudooo.supervision;

import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;

/** No worker became free within the pool's wait limit, or too many requests already wait. */
public final class WorkerUnavailableException extends CloudoooException {
  public WorkerUnavailableException(String message) {
    super(ErrorKind.SERVER_BUSY, message);
  }
}
