package org.cloudooo.server;

import java.nio.file.Path;
import java.util.Optional;
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
    CloudoooServer server;
    try {
      server = CloudoooServer.start(config, started -> shutDown(started, "stop request"));
    } catch (ConfigurationException e) {
      LOG.error("cannot start: {}", e.getMessage());
      System.exit(1);
      return;
    } catch (Exception e) {
      LOG.error("cannot start: {}", e.getMessage(), e.getCause() != null ? e.getCause() : null);
      System.exit(1);
      return;
    }
    for (String name : new String[] {"TERM", "HUP", "INT"}) {
      Signal.handle(new Signal(name), signal -> shutDown(server, "SIG" + name));
    }
    // Any other way out of the JVM (System.exit elsewhere) still stops the backends.
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "cloudooo-shutdown-hook"));
  }

  private static void shutDown(CloudoooServer server, String reason) {
    new Thread(
            () -> {
              LOG.info("{} received", reason);
              server.stop();
              System.exit(0);
            },
            "cloudooo-shutdown")
        .start();
  }
}
