package org.cloudooo.supervision;

import com.typesafe.config.Config;
import java.time.Duration;
import org.cloudooo.config.ConfigurationException;

/**
 * How one kind of external process may run.
 *
 * @param name the program family, used in logs, faults and key names ({@code ffmpeg})
 * @param concurrency how many may run at once ({@code <name>_pool_size})
 * @param timeout how long one run may take before its process tree is killed ({@code <name>_timeout})
 * @param queueTimeout how long a request waits for a free slot ({@code queue_timeout}, shared with office)
 */
public record ProcessLimits(String name, int concurrency, Duration timeout, Duration queueTimeout) {

  public ProcessLimits {
    if (concurrency < 1 || concurrency > 64) {
      throw new ConfigurationException(name + "_pool_size must be between 1 and 64, not " + concurrency);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new ConfigurationException(name + "_timeout must be greater than 0, not " + timeout.toSeconds());
    }
    if (queueTimeout.isNegative() || queueTimeout.isZero()) {
      throw new ConfigurationException("queue_timeout must be greater than 0, not " + queueTimeout.toSeconds());
    }
  }

  /**
   * Reads {@code <name>_pool_size}, {@code <name>_timeout} (seconds) and {@code queue_timeout}
   * (seconds); the bundled {@code cloudooo.conf} supplies their defaults.
   */
  public static ProcessLimits fromConfig(Config config, String name) {
    return new ProcessLimits(
        name,
        config.getInt(name + "_pool_size"),
        Duration.ofSeconds(config.getLong(name + "_timeout")),
        Duration.ofSeconds(config.getLong("queue_timeout")));
  }

  /** The key an operator raises when runs are killed for taking too long. */
  public String timeoutKey() {
    return name + "_timeout";
  }

  /** The key an operator raises when requests are turned away as busy. */
  public String concurrencyKey() {
    return name + "_pool_size";
  }
}
