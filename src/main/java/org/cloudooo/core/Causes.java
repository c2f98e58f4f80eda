package org.cloudooo.core;

import java.util.Optional;

/** Reads a failure's chain of causes. */
public final class Causes {

  private Causes() {}

  /** The first of the failure and its causes that is a {@code type}. */
  public static <T extends Throwable> Optional<T> first(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }

  /** The deepest non-blank message of the chain, else the failure's class name. */
  public static String rootMessage(Throwable failure) {
    String message = failure.getMessage();
    for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return message == null ? failure.getClass().getSimpleName() : message;
  }
}
