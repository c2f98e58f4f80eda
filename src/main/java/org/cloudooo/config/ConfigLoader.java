package org.cloudooo.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code cloudooo.conf} into a {@link CloudoooConfig}.
 *
 * <p>Precedence, highest first: {@code CLOUDOOO_*} environment variables, JVM system
 * properties, the file, the copy bundled in the jar (which supplies every default).
 */
public final class ConfigLoader {

  /** Name of the default configuration file, in the working directory and in the jar. */
  public static final String DEFAULT_FILE_NAME = "cloudooo.conf";

  private static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  private static final Map<String, String> ENVIRONMENT_OVERRIDES =
      Map.of(
          "CLOUDOOO_HOST", "server.host",
          "CLOUDOOO_PORT", "server.port",
          "CLOUDOOO_WORKING_PATH", "working_path",
          "CLOUDOOO_POOL_SIZE", "pool_size",
          "CLOUDOOO_OFFICE_HOME", "office_home");

  private ConfigLoader() {}

  /**
   * Loads the configuration.
   *
   * @param configFile the file given with {@code --config}; empty to use {@code cloudooo.conf}
   *     from the working directory when present, else the bundled copy
   * @param environment the process environment (a parameter so tests can pass their own)
   */
  public static CloudoooConfig load(Optional<Path> configFile, Map<String, String> environment) {
    Config bundled = ConfigFactory.parseResources(DEFAULT_FILE_NAME, strict());
    Config file = ConfigFactory.empty();
    Path chosen = configFile.orElse(Path.of(DEFAULT_FILE_NAME));
    if (configFile.isPresent() && !Files.isReadable(chosen)) {
      throw new ConfigurationException("cannot read the configuration file " + chosen.toAbsolutePath());
    }
    if (Files.isReadable(chosen)) {
      file = ConfigFactory.parseFile(chosen.toFile(), strict());
    }
    Config merged =
        environmentOverrides(environment)
            .withFallback(ConfigFactory.systemProperties())
            .withFallback(file)
            .withFallback(bundled)
            .resolve();
    try {
      return fromConfig(merged);
    } catch (ConfigException e) {
      throw new ConfigurationException("invalid configuration: " + e.getMessage(), e);
    }
  }

  /** The bundled configuration with some keys replaced: for embedding and tests. */
  public static CloudoooConfig withOverrides(Map<String, ?> overrides) {
    Config merged =
        ConfigFactory.parseMap(overrides, "overrides")
            .withFallback(ConfigFactory.parseResources(DEFAULT_FILE_NAME, strict()))
            .resolve();
    try {
      return fromConfig(merged);
    } catch (ConfigException e) {
      throw new ConfigurationException("invalid configuration: " + e.getMessage(), e);
    }
  }

  private static ConfigParseOptions strict() {
    return ConfigParseOptions.defaults().setAllowMissing(false);
  }

  private static Config environmentOverrides(Map<String, String> environment) {
    Map<String, Object> values = new LinkedHashMap<>();
    ENVIRONMENT_OVERRIDES.forEach(
        (variable, key) -> {
          String value = environment.get(variable);
          if (value != null && !value.isBlank()) {
            values.put(key, value.trim());
          }
        });
    return ConfigFactory.parseMap(values, "environment variables");
  }

  static CloudoooConfig fromConfig(Config c) {
    SettingsReader keys = new SettingsReader(c);
    var server =
        new CloudoooConfig.ServerSettings(
            keys.string("server.host", CloudoooConfig.ServerSettings.DEFAULT_HOST),
            keys.port("server.port", true, CloudoooConfig.ServerSettings.DEFAULT_PORT),
            keys.bytes("max_request_size", CloudoooConfig.ServerSettings.DEFAULT_MAX_REQUEST_BYTES),
            keys.seconds("shutdown_grace_period", CloudoooConfig.ServerSettings.DEFAULT_SHUTDOWN_GRACE),
            keys.seconds("drain_admit_period", CloudoooConfig.ServerSettings.DEFAULT_DRAIN_ADMIT),
            basicAuth(c),
            tls(c));
    Path workingPath = Path.of(keys.string("working_path", CloudoooConfig.DEFAULT_WORKING_PATH)).toAbsolutePath().normalize();
    boolean debug = keys.flag("debug_mode", false);
    var queue = new QueueSettings(
        keys.positiveSeconds("queue_timeout", QueueSettings.DEFAULT_QUEUE_TIMEOUT),
        keys.integer("max_queue_size", 1, Integer.MAX_VALUE, QueueSettings.DEFAULT_MAX_QUEUE_SIZE));
    return new CloudoooConfig(
        server, workingPath, debug, queue, keys.lines("mimetype_registry"), backendEnvironment(c), ops(keys, debug), keys);
  }

  private static OpsSettings ops(SettingsReader keys, boolean debug) {
    String configuredLevel = keys.string("log_level", OpsSettings.DEFAULT_LOG_LEVEL);
    String level = configuredLevel.trim().toUpperCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(level)) {
      throw new ConfigurationException("log_level must be one of " + LOG_LEVELS + ", not '" + configuredLevel + "'");
    }
    String configuredFormat = keys.string("log_format", OpsSettings.LogFormat.TEXT.name());
    OpsSettings.LogFormat format;
    try {
      format = OpsSettings.LogFormat.valueOf(configuredFormat.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("log_format must be text or json, not '" + configuredFormat + "'");
    }
    double cacheSeconds = keys.has("health_cache_seconds")
        ? keys.config().getDouble("health_cache_seconds") : OpsSettings.DEFAULT_SNAPSHOT_TTL.toMillis() / 1000.0;
    if (cacheSeconds < 0 || cacheSeconds > 60) {
      throw new ConfigurationException("health_cache_seconds must be between 0 and 60, not " + cacheSeconds);
    }
    return new OpsSettings(
        debug ? "DEBUG" : level,
        format,
        keys.string("log_pattern", OpsSettings.DEFAULT_LOG_PATTERN),
        Duration.ofMillis(Math.round(cacheSeconds * 1000)),
        (int) keys.positive("health_max_waiting_per_worker", OpsSettings.DEFAULT_MAX_WAITING_PER_WORKER));
  }

  private static Optional<CloudoooConfig.BasicAuth> basicAuth(Config c) {
    String user = c.getString("server.auth_user");
    String password = c.getString("server.auth_password");
    if (user.isEmpty() && password.isEmpty()) {
      return Optional.empty();
    }
    if (user.isEmpty() || password.isEmpty() || user.contains(":")) {
      throw new ConfigurationException("server.auth_user and server.auth_password must both be set (and the user"
          + " must not contain ':') to require HTTP basic authentication, or both be empty");
    }
    return Optional.of(new CloudoooConfig.BasicAuth(user, password));
  }

  private static Optional<CloudoooConfig.Tls> tls(Config c) {
    String keystore = c.getString("server.tls_keystore");
    if (keystore.isEmpty()) {
      return Optional.empty();
    }
    Path path = Path.of(keystore);
    if (!Files.isReadable(path)) {
      throw new ConfigurationException("server.tls_keystore " + path.toAbsolutePath() + " cannot be read");
    }
    return Optional.of(new CloudoooConfig.Tls(path, c.getString("server.tls_keystore_password")));
  }

  private static Map<String, String> backendEnvironment(Config c) {
    Map<String, String> environment = new LinkedHashMap<>();
    c.root()
        .keySet()
        .forEach(
            key -> {
              if (key.startsWith("env-") && key.length() > 4) {
                environment.put(key.substring(4), c.getValue("\"" + key + "\"").unwrapped().toString());
              }
            });
    return Map.copyOf(environment);
  }
}
