package org.cloudooo.supervision;

import java.time.Duration;

/**
 * How one kind of external process may run. Key names in messages follow the configuration's
 * convention: {@code <name>_pool_size}, {@code <name>_timeout}.
 *
 * @param name the program family, used in logs, faults, metrics and key names ({@code ffmpeg})
 * @param concurrency how many may run at once ({@code <name>_pool_size})
 * @param timeout how long one run may take before its process tree is killed ({@code <name>_timeout})
 * @param queueTimeout how long a request waits for a free slot ({@code queue_timeout})
 * @param maxQueue requests that may wait at once ({@code max_queue_size}); one more is busy at once
 */
public record ProcessLimits(String name, int concurrency, Duration timeout, Duration queueTimeout, int maxQueue) {

  public ProcessLimits {
    if (concurrency < 1 || concurrency > 64) {
      throw new IllegalArgumentException(concurrencyKey(name) + " must be between 1 and 64, not " + concurrency);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(name + "_timeout must be greater than 0, not " + timeout.toSeconds());
    }
  }

  /** The key an operator raises when runs are killed for taking too long. */
  public String timeoutKey() {
    return name + "_timeout";
  }

  /** The key an operator raises when requests are turned away as busy. */
  public String concurrencyKey() {
    return concurrencyKey(name);
  }

  private static String concurrencyKey(String name) {
    return name + "_pool_size";
  }
}
