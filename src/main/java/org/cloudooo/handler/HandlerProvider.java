package org.cloudooo.handler;

/**
 * Creates a {@link Handler}; found with {@link java.util.ServiceLoader}, so that adding a
 * handler is one package plus one line in {@code META-INF/services}.
 */
public interface HandlerProvider {

  /** The name {@code mimetype_registry} lines use for this handler. */
  String name();

  /** Starts the handler's backend; throws with a readable message when it cannot. */
  Handler start(HandlerContext context);
}
