package org.cloudooo.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
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
    var server =
        new CloudoooConfig.ServerSettings(
            c.getString("server.host"),
            port(c, "server.port", true),
            positive(c.getBytes("max_request_size"), "max_request_size"),
            seconds(c, "shutdown_grace_period"),
            basicAuth(c),
            tls(c));
    Path workingPath = Path.of(c.getString("working_path")).toAbsolutePath().normalize();
    boolean debug = flag(c, "debug_mode");
    return new CloudoooConfig(
        server,
        workingPath,
        debug,
        office(c),
        lines(c, "mimetype_registry"),
        backendEnvironment(c),
        ops(c, debug),
        c);
  }

  private static OpsSettings ops(Config c, boolean debug) {
    String level = c.getString("log_level").trim().toUpperCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(level)) {
      throw new ConfigurationException("log_level must be one of " + LOG_LEVELS + ", not '" + c.getString("log_level") + "'");
    }
    OpsSettings.LogFormat format;
    try {
      format = OpsSettings.LogFormat.valueOf(c.getString("log_format").trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("log_format must be text or json, not '" + c.getString("log_format") + "'");
    }
    double cacheSeconds = c.getDouble("health_cache_seconds");
    if (cacheSeconds < 0 || cacheSeconds > 60) {
      throw new ConfigurationException("health_cache_seconds must be between 0 and 60, not " + cacheSeconds);
    }
    return new OpsSettings(
        debug ? "DEBUG" : level,
        format,
        c.getString("log_pattern"),
        Duration.ofMillis(Math.round(cacheSeconds * 1000)),
        (int) positive(c.getInt("health_max_waiting_per_worker"), "health_max_waiting_per_worker"));
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

  private static OfficeSettings office(Config c) {
    Path officeHome = Path.of(c.getString("office_home"));
    if (c.hasPath("office_binary_path") && !c.getString("office_binary_path").isBlank()) {
      // The original points at the directory of soffice.bin; the installation is its parent.
      officeHome = Path.of(c.getString("office_binary_path")).toAbsolutePath().getParent();
    }
    int poolSize =
        c.hasPath("pool_size") ? c.getInt("pool_size") : Runtime.getRuntime().availableProcessors();
    if (poolSize < 1 || poolSize > 64) {
      throw new ConfigurationException("pool_size must be between 1 and 64, not " + poolSize);
    }
    List<String> disabledNames = lines(c, "ooo_disable_filter_list");
    List<String> disabledUiNames = lines(c, "ooo_disable_filter_name_list");
    return new OfficeSettings(
        officeHome,
        c.getString("application_hostname"),
        port(c, "openoffice_port", false),
        poolSize,
        (int) positive(c.getInt("limit_number_request"), "limit_number_request"),
        Duration.ofSeconds(positive(c.getLong("timeout_response"), "timeout_response")),
        Duration.ofSeconds(positive(c.getLong("queue_timeout"), "queue_timeout")),
        (int) positive(c.getInt("max_queue_size"), "max_queue_size"),
        nonNegative(c.getInt("spare_workers"), "spare_workers"),
        seconds(c, "poison_document_ttl"),
        positive(c.getBytes("max_expanded_size"), "max_expanded_size"),
        Duration.ofSeconds(positive(c.getLong("monitor_interval"), "monitor_interval")),
        flag(c, "enable_memory_monitor"),
        positive(c.getLong("limit_memory_used"), "limit_memory_used"),
        seconds(c, "max_sleeping_duration"),
        flag(c, "ooo_enable_scripting"),
        c.getString("openoffice_user_interface_language"),
        disabledNames.isEmpty() ? OfficeSettings.DEFAULT_DISABLED_FILTER_NAMES : disabledNames,
        disabledUiNames.isEmpty() ? OfficeSettings.DEFAULT_DISABLED_FILTER_UI_NAMES : disabledUiNames);
  }

  /** Accepts HOCON booleans and the original's case-insensitive {@code True}/{@code False}. */
  private static boolean flag(Config c, String key) {
    String value = c.getValue(key).unwrapped().toString().trim();
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new ConfigurationException(key + " must be true or false, not '" + value + "'");
  }

  /** A list key may be a HOCON list or, as in the original, one newline-separated string. */
  static List<String> lines(Config c, String key) {
    if (!c.hasPath(key)) {
      return List.of();
    }
    if (c.getValue(key).valueType() == ConfigValueType.LIST) {
      return c.getStringList(key).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    return Arrays.stream(c.getString(key).split("\n"))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
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

  private static int port(Config c, String key, boolean zeroAllowed) {
    int port = c.getInt(key);
    if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
      throw new ConfigurationException(key + " must be a TCP port number, not " + port);
    }
    return port;
  }

  private static Duration seconds(Config c, String key) {
    long value = c.getLong(key);
    if (value < 0) {
      throw new ConfigurationException(key + " must not be negative, not " + value);
    }
    return Duration.ofSeconds(value);
  }

  private static int nonNegative(int value, String key) {
    if (value < 0) {
      throw new ConfigurationException(key + " must not be negative, not " + value);
    }
    return value;
  }

  private static long positive(long value, String key) {
    if (value <= 0) {
      throw new ConfigurationException(key + " must be greater than 0, not " + value);
    }
    return value;
  }
}
