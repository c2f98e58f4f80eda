package org.cloudooo.server;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.util.Optional;
import org.cloudooo.config.CloudoooConfig;
import org.cloudooo.config.ConfigLoader;
import org.cloudooo.config.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** {@code java -jar cloudooo.jar [--config FILE]}: runs the server until SIGTERM, SIGHUP or SIGINT. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    Optional<Path> configFile;
    try {
      configFile = configFile(args);
    } catch (IllegalArgumentException e) {
      System.err.println("cloudooo: " + e.getMessage());
      System.err.println("usage: java -jar cloudooo.jar [--config FILE]");
      System.exit(2);
      return;
    }
    CloudoooServer server;
    try {
      CloudoooConfig config = ConfigLoader.load(configFile, System.getenv());
      if (config.debug()) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.DEBUG);
      }
      server = CloudoooServer.start(config);
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

  static Optional<Path> configFile(String[] args) {
    Optional<Path> file = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        file = Optional.of(Path.of(args[++i]));
      } else if (args[i].startsWith("--config=")) {
        file = Optional.of(Path.of(args[i].substring("--config=".length())));
      } else {
        throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
      }
    }
    return file;
  }
}
