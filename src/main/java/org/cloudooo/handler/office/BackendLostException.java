package org.cloudooo.handler.office;

/** soffice died or went away during a task: the document is not to blame, the task is retried. */
final class BackendLostException extends RuntimeException {
  BackendLostException(String message, Throwable cause) {
    super(message, cause);
  }
}
