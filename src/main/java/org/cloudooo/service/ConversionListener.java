package org.cloudooo.service;

import java.time.Duration;

/**
 * Told of every {@link Manager#convertFile} call, whatever the transport (XML-RPC, the web
 * page, granulate's conversion to ODT): what metrics count. Called on the request's thread;
 * must be quick and must not throw.
 */
public interface ConversionListener {

  /** Nothing observes. */
  ConversionListener NONE = conversion -> {};

  /** A conversion ended, well or not. */
  void converted(Conversion conversion);

  /**
   * One finished conversion.
   *
   * @param handler the handler that took it, {@link #NO_HANDLER} when none was chosen
   * @param pool the pool that ran it ({@code office} for the {@code ooo} handler), {@link
   *     #NO_HANDLER} when none was chosen; the handler's name when it has no pool
   * @param sourceFormat the client's source format
   * @param destinationFormat the client's destination format, empty for the native one
   * @param outcome {@link #OK}, or the {@link org.cloudooo.core.CloudoooException#kind()} of the fault
   * @param duration from the call to its answer
   * @param inputBytes size of the document received
   * @param outputBytes size of the document returned, 0 on failure
   */
  record Conversion(
      String handler,
      String pool,
      String sourceFormat,
      String destinationFormat,
      String outcome,
      Duration duration,
      long inputBytes,
      long outputBytes) {

    public static final String OK = "ok";
    public static final String NO_HANDLER = "none";

    public boolean succeeded() {
      return OK.equals(outcome);
    }
  }
}
