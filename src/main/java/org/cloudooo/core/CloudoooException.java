package org.cloudooo.core;

import java.util.Optional;

/**
 * An error the client is told about: {@link #kind()} names it as the original's exception
 * types did ({@code TypeError}, {@code HandlerNotFound}, ...), the message says what to do.
 */
public class CloudoooException extends RuntimeException {

  private final ErrorKind kind;

  public CloudoooException(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public CloudoooException(ErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** The document or an argument is wrong; sending it again will not help. */
  public static CloudoooException badInput(String message) {
    return new CloudoooException(ErrorKind.VALUE_ERROR, message);
  }

  /** The requested pair of formats cannot be converted. */
  public static CloudoooException unsupported(String message) {
    return new CloudoooException(ErrorKind.UNSUPPORTED_FORMAT, message);
  }

  /** The backend failed on a document that looked valid. */
  public static CloudoooException failed(String message, Throwable cause) {
    return new CloudoooException(ErrorKind.CONVERSION_ERROR, message, cause);
  }

  /** All workers stayed busy for longer than the client should wait. */
  public static CloudoooException busy(String message) {
    return new CloudoooException(ErrorKind.SERVER_BUSY, message);
  }

  public ErrorKind kind() {
    return kind;
  }

  /** The first {@code CloudoooException} among a failure and its causes. */
  public static Optional<CloudoooException> in(Throwable failure) {
    return Causes.first(failure, CloudoooException.class);
  }
}
