package org.cloudooo.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The configuration's keys, read with their validation: what every settings record (the
 * server's, each handler's) is built from. A key the configuration lacks takes the default the
 * caller gives, its record's {@code DEFAULT_*} constant; the bundled {@code cloudooo.conf}
 * documents the same values. Every refusal names the key and says what it must be.
 */
public final class SettingsReader {

  private final Config config;

  SettingsReader(Config config) {
    this.config = config;
  }

  /** These keys alone, without the bundled defaults: for tests of settings records. */
  public static SettingsReader of(java.util.Map<String, ?> keys) {
    return new SettingsReader(com.typesafe.config.ConfigFactory.parseMap(keys, "given keys"));
  }

  public boolean has(String key) {
    return config.hasPath(key);
  }

  public String string(String key, String defaultValue) {
    return has(key) ? read(key, () -> config.getString(key)) : defaultValue;
  }

  /** Accepts HOCON booleans and the original's case-insensitive {@code True}/{@code False}. */
  public boolean flag(String key, boolean defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    String value = config.getValue(key).unwrapped().toString().trim();
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new ConfigurationException(key + " must be true or false, not '" + value + "'");
  }

  /** An integer between {@code min} and {@code max}, both included. */
  public int integer(String key, int min, int max, int defaultValue) {
    int value = has(key) ? read(key, () -> config.getInt(key)) : defaultValue;
    if (value < min || value > max) {
      throw new ConfigurationException(key + " must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }

  /** A number greater than 0. */
  public long positive(String key, long defaultValue) {
    return requirePositive(key, has(key) ? read(key, () -> config.getLong(key)) : defaultValue);
  }

  /** A size greater than 0, in bytes or with a unit ({@code 256MiB}). */
  public long bytes(String key, long defaultValue) {
    return requirePositive(key, has(key) ? read(key, () -> config.getBytes(key)) : defaultValue);
  }

  /** A whole number of seconds, 0 or more. */
  public Duration seconds(String key, Duration defaultValue) {
    long value = has(key) ? read(key, () -> config.getLong(key)) : defaultValue.toSeconds();
    if (value < 0) {
      throw new ConfigurationException(key + " must not be negative, not " + value);
    }
    return Duration.ofSeconds(value);
  }

  /** A whole number of seconds greater than 0. */
  public Duration positiveSeconds(String key, Duration defaultValue) {
    return Duration.ofSeconds(positive(key, defaultValue.toSeconds()));
  }

  /** A TCP port; 0 ("any free port") only when allowed. */
  public int port(String key, boolean zeroAllowed, int defaultValue) {
    int port = has(key) ? read(key, () -> config.getInt(key)) : defaultValue;
    if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
      throw new ConfigurationException(key + " must be a TCP port number, not " + port);
    }
    return port;
  }

  /** A list key may be a HOCON list or, as in the original, one newline-separated string. */
  public List<String> lines(String key) {
    if (!has(key)) {
      return List.of();
    }
    if (config.getValue(key).valueType() == ConfigValueType.LIST) {
      return config.getStringList(key).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    return Arrays.stream(config.getString(key).split("\n")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** The whole configuration, for what reads many keys at once ({@code env-*}). */
  Config config() {
    return config;
  }

  private static long requirePositive(String key, long value) {
    if (value <= 0) {
      throw new ConfigurationException(key + " must be greater than 0, not " + value);
    }
    return value;
  }

  private interface Read<T> {
    T get();
  }

  private static <T> T read(String key, Read<T> read) {
    try {
      return read.get();
    } catch (ConfigException e) {
      throw new ConfigurationException("invalid configuration: " + e.getMessage(), e);
    }
  }
}
