package org.cloudooo.server;

import java.util.concurrent.Executor;

/** The start-up's side work, each piece on a daemon thread of its own (never holding the JVM up). */
final class StartThreads {

  private StartThreads() {}

  /** Runs each task given on a new daemon thread with this name. */
  static Executor named(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      thread.start();
    };
  }
}
