package org.cloudooo.handler;

/**
 * An error the client is told about: {@link #kind()} names it as the original's exception
 * types did ({@code TypeError}, {@code HandlerNotFound}, ...), the message says what to do.
 */
public class CloudoooException extends RuntimeException {

  private final String kind;

  public CloudoooException(String kind, String message) {
    super(message);
    this.kind = kind;
  }

  public CloudoooException(String kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** The document or an argument is wrong; sending it again will not help. */
  public static CloudoooException badInput(String message) {
    return new CloudoooException("ValueError", message);
  }

  /** The requested pair of formats cannot be converted. */
  public static CloudoooException unsupported(String message) {
    return new CloudoooException("UnsupportedFormat", message);
  }

  /** The backend failed on a document that looked valid. */
  public static CloudoooException failed(String message, Throwable cause) {
    return new CloudoooException("ConversionError", message, cause);
  }

  /** All workers stayed busy for longer than the client should wait. */
  public static CloudoooException busy(String message) {
    return new CloudoooException("ServerBusy", message);
  }

  public String kind() {
    return kind;
  }
}
