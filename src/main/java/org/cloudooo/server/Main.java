package org.cloudooo.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cloudooo.config.CloudoooConfig;
import org.cloudooo.config.ConfigLoader;
import org.cloudooo.config.ConfigurationException;
import org.cloudooo.ops.OpsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code java -jar cloudooo.jar [serve] [--config FILE]}: runs the server until SIGTERM, SIGHUP,
 * SIGINT or {@code stop}; {@code status [--json]} and {@code stop} ask the running server.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  /** Longer than any start: each backend's own start is bounded by minutes. */
  private static final Duration START_WAIT = Duration.ofMinutes(10);
  private static final String USAGE = "usage: java -jar cloudooo.jar [serve|status|stop] [--config FILE] [--json]";

  private Main() {}

  /**
   * The command line.
   *
   * @param command {@code serve}, {@code status} or {@code stop}
   * @param configFile the file given with {@code --config}, null when none
   * @param json {@code status} prints the JSON of /status instead of a table
   */
  record Arguments(String command, Path configFile, boolean json) {

    Optional<Path> config() {
      return Optional.ofNullable(configFile);
    }

    static Arguments parse(String[] args) {
      String command = "serve";
      Path file = null;
      boolean json = false;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (i == 0 && (arg.equals("serve") || arg.equals("status") || arg.equals("stop"))) {
          command = arg;
        } else if (arg.equals("--config") && i + 1 < args.length) {
          file = Path.of(args[++i]);
        } else if (arg.startsWith("--config=")) {
          file = Path.of(arg.substring("--config=".length()));
        } else if (arg.equals("--json") && command.equals("status")) {
          json = true;
        } else {
          throw new IllegalArgumentException("unknown argument '" + arg + "'");
        }
      }
      return new Arguments(command, file, json);
    }
  }

  public static void main(String[] args) {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("cloudooo: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    try {
      CloudoooConfig config = ConfigLoader.load(arguments.config(), System.getenv());
      switch (arguments.command()) {
        case "status" -> System.exit(OpsClient.of(config.server()).status(arguments.json(), System.out, System.err));
        case "stop" -> System.exit(OpsClient.of(config.server()).stop(System.out, System.err));
        default -> serve(config);
      }
    } catch (ConfigurationException e) {
      System.err.println("cloudooo: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void serve(CloudoooConfig config) {
    LogSetup.apply(config.ops());
    // Signals are taken before the start: a SIGTERM while soffice starts (a pod stopped during
    // its start-up) would otherwise end the JVM at once and leave the soffice processes running.
    CompletableFuture<CloudoooServer> starting = new CompletableFuture<>();
    for (String name : new String[] {"TERM", "HUP", "INT"}) {
      Signal.handle(new Signal(name), signal -> shutDown(starting, "SIG" + name));
    }
    CloudoooServer server;
    try {
      server = CloudoooServer.start(config, started -> shutDown(CompletableFuture.completedFuture(started), "stop request"));
    } catch (ConfigurationException e) {
      starting.completeExceptionally(e);
      LOG.error("cannot start: {}", e.getMessage());
      System.exit(1);
      return;
    } catch (Exception e) {
      starting.completeExceptionally(e);
      LOG.error("cannot start: {}", e.getMessage(), e.getCause() != null ? e.getCause() : null);
      System.exit(1);
      return;
    }
    // Any other way out of the JVM (System.exit elsewhere) still stops the backends. Added
    // before a waiting signal is let through, which exits the JVM.
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "cloudooo-shutdown-hook"));
    starting.complete(server);
  }

  /** Stops the server once it has started (a start that fails exits by itself), then the JVM. */
  private static void shutDown(CompletableFuture<CloudoooServer> server, String reason) {
    new Thread(
            () -> {
              LOG.info("{} received{}", reason, server.isDone() ? "" : "; stopping once the start is over");
              int exitCode = 1;
              try {
                server.get(START_WAIT.toMinutes(), TimeUnit.MINUTES).stop();
                exitCode = 0;
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (ExecutionException e) {
                // The start failed: it stopped what it had started, and main exits with 1.
                return;
              } catch (TimeoutException e) {
                LOG.error("the server did not finish its start within {} min; exiting without stopping it cleanly",
                    START_WAIT.toMinutes());
              } catch (RuntimeException e) {
                LOG.error("the server did not stop cleanly: {}", e.getMessage(), e);
              }
              System.exit(exitCode);
            },
            "cloudooo-shutdown")
        .start();
  }
}
